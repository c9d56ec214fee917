package dev.provenant.signer.pkcs11;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SignerProvider;
import dev.provenant.signer.SigningException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.List;

/** Opens keys in PKCS#11 tokens for {@code pkcs11:} key references (RFC 7512). */
public final class Pkcs11SignerProvider implements SignerProvider {
    @Override
    public boolean supports(String keyRef) {
        return Pkcs11Uri.claims(keyRef);
    }

    @Override
    public Signer open(String keyRef, SecretSource secrets) throws SigningException {
        Pkcs11Uri uri = Pkcs11Uri.parse(keyRef);
        TokenSession session = new TokenLogin(secrets.env()).open(uri);
        try {
            String label = label(uri, session);
            Key key = session.keyStore().getKey(label, null);
            Certificate cert = session.keyStore().getCertificate(label);
            if (!(key instanceof PrivateKey privateKey) || cert == null) {
                throw new KeyReferenceException("no signing key labelled '" + label + "' in " + session.name());
            }
            SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(cert.getPublicKey());
            if (!algorithm.isEcdsa() && !algorithm.isRsa()) {
                throw new KeyReferenceException(uri.display() + ": only ECDSA and RSA keys are supported on PKCS#11");
            }
            return new Pkcs11Signer(session, privateKey, cert.getPublicKey(), algorithm, uri.withObject(label).display());
        } catch (GeneralSecurityException e) {
            session.close();
            throw new SigningException("reading a key from " + session.name() + " failed: " + Pkcs11Errors.describe(e), e);
        } catch (SigningException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * The key's label: the URI's object=, the label of the certificate whose CKA_ID is the URI's id=
     * (both must agree when both are given), or the token's only key when the URI names none.
     */
    private static String label(Pkcs11Uri uri, TokenSession session) throws SigningException {
        if (uri.id() != null) {
            SlotDirectory slots = new SlotDirectory(uri.modulePath());
            long slot = uri.token() != null ? slots.find(uri.token()).slotId() : uri.slotId();
            List<String> labels = slots.labelsWithId(slot, uri.id());
            if (uri.object() != null) {
                if (!labels.contains(uri.object())) {
                    throw new KeyReferenceException("no key labelled '" + uri.object() + "' with id=" + Pkcs11Uri.encodeId(uri.id())
                            + " in " + session.name());
                }
                return uri.object();
            }
            if (labels.size() != 1) {
                throw new KeyReferenceException(session.name() + (labels.isEmpty() ? " holds no key" : " holds " + labels.size() + " keys")
                        + " with id=" + Pkcs11Uri.encodeId(uri.id()) + (labels.isEmpty() ? "" : "; add object=LABEL"));
            }
            return labels.get(0);
        }
        if (uri.object() != null) {
            return uri.object();
        }
        try {
            List<String> aliases = Collections.list(session.keyStore().aliases());
            if (aliases.size() != 1) {
                throw new KeyReferenceException(session.name() + " holds " + aliases.size()
                        + " keys; name one with object=LABEL (provenant pkcs11 list-keys shows them)");
            }
            return aliases.get(0);
        } catch (GeneralSecurityException e) {
            throw new SigningException("listing keys in " + session.name() + " failed: " + Pkcs11Errors.describe(e), e);
        }
    }
}
