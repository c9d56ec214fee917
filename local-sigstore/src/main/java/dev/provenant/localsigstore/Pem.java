package dev.provenant.localsigstore;

import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.AtomicFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM in and out for the stack's keys (PKCS#8, owner-only files) and certificates. */
final class Pem {
    private Pem() {}

    static String encode(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    static String certificates(List<X509Certificate> chain) throws IOException {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : chain) {
            out.append(encode(c));
        }
        return out.toString();
    }

    /** {@code NAME.key} (PKCS#8, owner only) and {@code NAME.pub} beside it. */
    static void writeKeyPair(Path directory, String name, KeyPair keys) throws IOException {
        String pem = encode(new JcaPKCS8Generator(keys.getPrivate(), null));
        AtomicFile.write(directory.resolve(name + ".key"), pem.getBytes(StandardCharsets.US_ASCII), AtomicFile.OWNER_ONLY, true);
        AtomicFile.write(directory.resolve(name + ".pub"), encode(keys.getPublic()).getBytes(StandardCharsets.US_ASCII),
                AtomicFile.PUBLIC, true);
    }

    static void writeCertificates(Path file, List<X509Certificate> chain) throws IOException {
        AtomicFile.write(file, certificates(chain).getBytes(StandardCharsets.US_ASCII), AtomicFile.PUBLIC, true);
    }

    static KeyPair readKeyPair(Path directory, String name) throws IOException {
        Object priv = readObject(directory.resolve(name + ".key"));
        Object pub = readObject(directory.resolve(name + ".pub"));
        if (!(priv instanceof PrivateKeyInfo privateInfo) || !(pub instanceof SubjectPublicKeyInfo publicInfo)) {
            throw new IOException(directory.resolve(name + ".key") + " and .pub do not hold a PKCS#8 key and its public key");
        }
        // the JDK's own EC keys, whichever providers are installed: a Bouncy Castle key read back while BC is
        // registered is refused by the JDK's ECDSA, so a restarted stack could not sign
        try {
            java.security.KeyFactory ec = java.security.KeyFactory.getInstance("EC", "SunEC");
            return new KeyPair(ec.generatePublic(new java.security.spec.X509EncodedKeySpec(publicInfo.getEncoded())),
                    ec.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(privateInfo.getEncoded())));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(directory.resolve(name + ".key") + " does not hold an EC key: " + e.getMessage(), e);
        }
    }

    private static Object readObject(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(BoundedFile.readString(file, InputLimit.KEY, StandardCharsets.US_ASCII)))) {
            return parser.readObject();
        }
    }

    static List<X509Certificate> readCertificates(Path file) throws IOException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(BoundedFile.read(file, InputLimit.CERTIFICATE)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException(file + " holds no readable certificates: " + e.getMessage(), e);
        }
    }
}
