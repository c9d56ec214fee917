package dev.provenant.intoto.keys;

import dev.provenant.intoto.link.Metablock;
import dev.provenant.intoto.link.MetadataSignature;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.signer.SigningException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.List;

/**
 * A private key with its securesystemslib public form: signs in-toto metadata as securesystemslib's
 * {@code create_signature} does, a hex signature tagged with the keyid.
 */
public record SslibKeyPair(SslibPublicKey publicKey, PublicKey jcaPublicKey, PrivateKey privateKey) {

    public String keyid() {
        return publicKey.keyid();
    }

    public KeyPair keyPair() {
        return new KeyPair(jcaPublicKey, privateKey);
    }

    public MetadataSignature sign(byte[] data) throws SigningException {
        try {
            byte[] sig = publicKey.schemeValue().sign(privateKey, data);
            return new MetadataSignature(keyid(), HexFormat.of().formatHex(sig));
        } catch (GeneralSecurityException e) {
            throw new SigningException("signing with the " + publicKey.scheme() + " key failed: " + e.getMessage(), e);
        }
    }

    /** The metablock signed by this key alone, replacing any signatures it had, as in-toto re-signs. */
    public Metablock sign(Metablock unsigned) throws SigningException {
        return unsigned.withSignatures(List.of(sign(unsigned.signableBytes())));
    }
}
