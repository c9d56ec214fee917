package dev.provenant.localsigstore;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key generation and the stack's long-lived certificates: its CA roots, the TSA's signing certificate and the TLS server's. */
final class Authorities {
    static final Duration ROOT_LIFETIME = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Authorities() {}

    static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    static BigInteger serial() {
        return new BigInteger(128, RANDOM);
    }

    /** A self-signed CA certificate allowed to sign certificates (and, for Fulcio, nothing else). */
    static X509Certificate root(String organization, String commonName, KeyPair keys, Instant notBefore)
            throws GeneralSecurityException {
        X500Name name = new X500Name("O=" + organization + ",CN=" + commonName);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(ROOT_LIFETIME)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build the certificate of " + commonName, e);
        }
    }

    /** A CA certificate issued by {@code issuer} that may issue end-entity certificates only (path length 0). */
    static X509Certificate intermediate(String organization, String commonName, PublicKey key, X509Certificate issuer, PrivateKey issuerKey,
            Instant notBefore) throws GeneralSecurityException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(ROOT_LIFETIME)), new X500Name("O=" + organization + ",CN=" + commonName), key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            return sign(builder, issuerKey);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build the certificate of " + commonName, e);
        }
    }

    /** The TSA's signing certificate: RFC 3161 requires the timeStamping purpose, critical, and nothing else. */
    static X509Certificate timestamping(PublicKey key, X509Certificate issuer, PrivateKey issuerKey, Instant notBefore)
            throws GeneralSecurityException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(ROOT_LIFETIME)), new X500Name("O=Provenant local-sigstore,CN=timestamp signer"), key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            return sign(builder, issuerKey);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build the timestamping certificate", e);
        }
    }

    /** The loopback TLS server's certificate (the Fulcio gRPC endpoint), for 127.0.0.1, ::1 and localhost. */
    static X509Certificate tlsServer(PublicKey key, X509Certificate issuer, PrivateKey issuerKey, Instant notBefore)
            throws GeneralSecurityException {
        try {
            GeneralNames names = new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, InetAddress.getByName("127.0.0.1").getHostAddress()),
                    new GeneralName(GeneralName.iPAddress, "::1"),
                    new GeneralName(GeneralName.dNSName, "localhost")});
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(ROOT_LIFETIME)), new X500Name("O=Provenant local-sigstore,CN=localhost"), key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, names);
            return sign(builder, issuerKey);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build the TLS certificate", e);
        }
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws GeneralSecurityException {
        return toX509(holder(builder, issuerKey));
    }

    static X509CertificateHolder holder(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws GeneralSecurityException {
        try {
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    static X509Certificate toX509(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
