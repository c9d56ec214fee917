package dev.provenant.signer.file;

import dev.provenant.signer.KeyReferenceException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Private keys in PEM. Reads PKCS#8 (plain or encrypted), SEC1 {@code EC PRIVATE KEY} and PKCS#1
 * {@code RSA PRIVATE KEY} (plain or with OpenSSL's legacy encryption) for EC, RSA and Ed25519 keys,
 * and returns JDK key objects so signing runs on the JDK's providers. Writes encrypted PKCS#8
 * (PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC), which OpenSSL and other tools read.
 */
public final class PemPrivateKeys {
    /** PBKDF2 iterations for new keys; OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    static final int PBKDF2_ITERATIONS = 600_000;

    private PemPrivateKeys() {}

    /**
     * Reads a key pair from PEM text. {@code passphrase} may be null for unencrypted keys.
     *
     * @param source names the key in messages (a path), never its content
     */
    public static KeyPair read(String pem, char[] passphrase, String source) throws KeyReferenceException {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException e) {
            throw new KeyReferenceException(source + " is not a readable PEM key");
        }
        if (object == null) {
            throw new KeyReferenceException(source + " holds no PEM private key");
        }
        PrivateKeyInfo info;
        try {
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                info = encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastleHolder.PROVIDER)
                                .build(requirePassphrase(passphrase, source)));
            } else if (object instanceof PEMEncryptedKeyPair legacy) {
                info = legacy.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastleHolder.PROVIDER)
                        .build(requirePassphrase(passphrase, source))).getPrivateKeyInfo();
            } else if (object instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else if (object instanceof PrivateKeyInfo plain) {
                info = plain;
            } else {
                throw new KeyReferenceException(source + " is not a private key (found " + describe(object) + ")");
            }
        } catch (PKCSException | IOException | OperatorCreationException e) {
            throw new KeyReferenceException("cannot decrypt " + source + ": wrong passphrase or unsupported encryption");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new KeyReferenceException(source + " is not a valid private key");
        }
        return toKeyPair(info, source);
    }

    private static char[] requirePassphrase(char[] passphrase, String source) throws KeyReferenceException {
        if (passphrase == null) {
            throw new KeyReferenceException(source + " is encrypted: set PROVENANT_PASSWORD or pass --password-file");
        }
        return passphrase;
    }

    private static String describe(Object object) {
        if (object instanceof SubjectPublicKeyInfo) {
            return "a public key";
        }
        if (object instanceof org.bouncycastle.cert.X509CertificateHolder) {
            return "a certificate";
        }
        return object.getClass().getSimpleName();
    }

    /** Converts to JDK keys, deriving the public key from the private one. */
    static KeyPair toKeyPair(PrivateKeyInfo info, String source) throws KeyReferenceException {
        try {
            var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
            String algorithm;
            if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                algorithm = "EC";
            } else if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                algorithm = "RSA";
            } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
                algorithm = "Ed25519";
            } else {
                throw new KeyReferenceException(source + " holds an unsupported key type (" + oid + ")");
            }
            AsymmetricKeyParameter privateParams = PrivateKeyFactory.createKey(info);
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicFrom(privateParams));
            KeyFactory factory = KeyFactory.getInstance(algorithm);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyReferenceException(source + " is not a valid private key");
        }
    }

    private static AsymmetricKeyParameter publicFrom(AsymmetricKeyParameter key) throws KeyReferenceException {
        if (key instanceof ECPrivateKeyParameters ec) {
            var q = ec.getParameters().getG().multiply(ec.getD()).normalize();
            return new ECPublicKeyParameters(q, ec.getParameters());
        }
        if (key instanceof RSAPrivateCrtKeyParameters rsa) {
            return new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
        }
        if (key instanceof Ed25519PrivateKeyParameters ed) {
            return ed.generatePublicKey();
        }
        throw new KeyReferenceException("cannot derive the public key of a " + key.getClass().getSimpleName());
    }

    /** Encrypted PKCS#8 PEM. An empty passphrase (only when asked for explicitly) writes plain PKCS#8. */
    public static String write(PrivateKey key, char[] passphrase) {
        try {
            PemObject pem;
            if (passphrase.length == 0) {
                pem = new JcaPKCS8Generator(key, null).generate();
            } else {
                var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                        .setProvider(BouncyCastleHolder.PROVIDER)
                        .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                        .setIterationCount(PBKDF2_ITERATIONS)
                        .setPassword(passphrase)
                        .build();
                pem = new JcaPKCS8Generator(key, encryptor).generate();
            }
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(pem);
            }
            return out.toString();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot encode private key: " + e.getMessage(), e);
        }
    }

}
