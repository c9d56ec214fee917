package dev.provenant.signer.pkcs11;

import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.file.KeyType;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Generates a signing key pair inside a token, as non-extractable token objects labelled with the URI's object=. */
public final class Pkcs11KeyGenerator {
    /** The new key and the URI that names it. */
    public record GeneratedKey(Pkcs11Uri uri, KeyType type, PublicKey publicKey) {}

    private final TokenLogin login;

    public Pkcs11KeyGenerator(Map<String, String> env) {
        this.login = new TokenLogin(env);
    }

    public GeneratedKey generate(Pkcs11Uri uri, KeyType type) throws SigningException {
        if (uri.object() == null) {
            throw new KeyReferenceException("pkcs11: URI for keygen needs object=LABEL to name the new key");
        }
        String keyAlgorithm = switch (type) {
            case ECDSA_P256, ECDSA_P384 -> "EC";
            case RSA_3072 -> "RSA";
            case ED25519 -> throw new KeyReferenceException("ed25519 keys are not supported on PKCS#11; use ecdsa-p256, ecdsa-p384 or rsa-3072");
        };
        try (TokenSession session = login.openForGeneration(uri)) {
            return generate(session, uri, keyAlgorithm, type);
        }
    }

    private static GeneratedKey generate(TokenSession session, Pkcs11Uri uri, String keyAlgorithm, KeyType type)
            throws SigningException {
        try {
            if (session.keyStore().containsAlias(uri.object())) {
                throw new KeyReferenceException(session.name() + " already holds a key labelled '" + uri.object() + "'");
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, session.provider());
            generator.initialize(parameters(type));
            KeyPair pair = generator.generateKeyPair();
            // SunPKCS11's key store only lists keys that have a certificate, and storing one is also how
            // it sets CKA_LABEL; the certificate is a placeholder, signed by the new key itself.
            X509Certificate cert = placeholderCertificate(pair, uri.object(), type, session);
            session.keyStore().setKeyEntry(uri.object(), pair.getPrivate(), null, new Certificate[] {cert});
            return new GeneratedKey(uri, type, cert.getPublicKey());
        } catch (GeneralSecurityException | ProviderException | OperatorCreationException e) {
            throw new SigningException("generating a key in " + session.name() + " failed: " + Pkcs11Errors.describe(e), e);
        }
    }

    private static AlgorithmParameterSpec parameters(KeyType type) {
        return switch (type) {
            case ECDSA_P256 -> new ECGenParameterSpec("secp256r1");
            case ECDSA_P384 -> new ECGenParameterSpec("secp384r1");
            default -> new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4);
        };
    }

    private static X509Certificate placeholderCertificate(KeyPair pair, String label, KeyType type, TokenSession session)
            throws GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, label).build();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
        String signature = switch (type) {
            case ECDSA_P384 -> "SHA384withECDSA";
            case ECDSA_P256 -> "SHA256withECDSA";
            default -> "SHA256withRSA";
        };
        var signer = new JcaContentSignerBuilder(signature).setProvider(session.provider()).build(pair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
