package dev.provenant.verifier.cert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.verifier.trust.TrustedRoot;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away Fulcio, CT log and trusted root built with Bouncy Castle, so each check can be shown to
 * fail when its one condition is broken. Its SCTs are signed over a precertificate made by issuing the
 * certificate a first time without the SCT extension, not by the code under test stripping it.
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

    private TestPki() {}

    /** A CA certificate and its keys. */
    public record Ca(X509Certificate certificate, KeyPair keys) {}

    public static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Ca root(String name, Instant from, Instant to) {
        KeyPair keys = ecKey();
        return new Ca(caCertificate(new X500Name(name), keys, new X500Name(name), keys, from, to, null), keys);
    }

    /** An intermediate CA; {@code eku} null leaves out the extended key usage extension. */
    public static Ca intermediate(Ca parent, String name, Instant from, Instant to, KeyPurposeId eku) {
        KeyPair keys = ecKey();
        X500Name issuer = X500Name.getInstance(parent.certificate().getSubjectX500Principal().getEncoded());
        return new Ca(caCertificate(new X500Name(name), keys, issuer, parent.keys(), from, to, eku), keys);
    }

    private static X509Certificate caCertificate(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys,
            Instant from, Instant to, KeyPurposeId eku) {
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serial(), Date.from(from), Date.from(to), subject,
                    SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            if (eku != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
            }
            return sign(builder, issuerKeys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One SCT to embed: which key signs it, for which log id, when, and how it is bent. */
    public record SctSpec(KeyPair signer, byte[] logId, Instant time, byte[] extensions, int version, PublicKey issuerKeyOverride) {
        public static SctSpec by(KeyPair log, Instant time) {
            return new SctSpec(log, logIdOf(log.getPublic()), time, new byte[0], 0, null);
        }

        public SctSpec withExtensions(byte[] ext) {
            return new SctSpec(signer, logId, time, ext, version, issuerKeyOverride);
        }

        public SctSpec withLogId(byte[] id) {
            return new SctSpec(signer, id, time, extensions, version, issuerKeyOverride);
        }

        public SctSpec withVersion(int v) {
            return new SctSpec(signer, logId, time, extensions, v, issuerKeyOverride);
        }

        /** Signs over the hash of this key instead of the real issuer's. */
        public SctSpec withIssuerKey(PublicKey key) {
            return new SctSpec(signer, logId, time, extensions, version, key);
        }
    }

    /** A Fulcio-like signing certificate; every default is what Fulcio issues. */
    public static final class Leaf {
        private Instant notBefore;
        private Instant notAfter;
        private int keyUsage = KeyUsage.digitalSignature;
        private KeyPurposeId eku = KeyPurposeId.id_kp_codeSigning;
        private boolean ca;
        private final List<GeneralName> sans = new ArrayList<>();
        private final Map<String, byte[]> fulcioExtensions = new LinkedHashMap<>();
        private final List<SctSpec> scts = new ArrayList<>();
        private byte[] rawSctList;
        private boolean sctListBeforeFulcioExtensions;
        private final KeyPair keys = ecKey();

        public Leaf(Instant notBefore) {
            this.notBefore = notBefore;
            this.notAfter = notBefore.plusSeconds(600);
        }

        public Leaf validity(Instant from, Instant to) {
            notBefore = from;
            notAfter = to;
            return this;
        }

        public Leaf keyUsage(int usage) {
            keyUsage = usage;
            return this;
        }

        /** null: no extended key usage extension at all. */
        public Leaf extendedKeyUsage(KeyPurposeId purpose) {
            eku = purpose;
            return this;
        }

        public Leaf ca() {
            ca = true;
            return this;
        }

        public Leaf uri(String uri) {
            sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, new DERIA5String(uri)));
            return this;
        }

        public Leaf email(String email) {
            sans.add(new GeneralName(GeneralName.rfc822Name, new DERIA5String(email)));
            return this;
        }

        public Leaf username(String name) {
            sans.add(new GeneralName(GeneralName.otherName,
                    new OtherName(new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.7"), new DERUTF8String(name))));
            return this;
        }

        public Leaf dnsName(String name) {
            sans.add(new GeneralName(GeneralName.dNSName, name));
            return this;
        }

        /** A deprecated Fulcio extension (.1.1 to .1.6): the string's raw bytes. */
        public Leaf raw(String oid, String value) {
            fulcioExtensions.put(oid, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return this;
        }

        /** A Fulcio extension from .1.8 on: a DER UTF8String. */
        public Leaf utf8(String oid, String value) {
            try {
                fulcioExtensions.put(oid, new DERUTF8String(value).getEncoded());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        public Leaf extensionBytes(String oid, byte[] value) {
            fulcioExtensions.put(oid, value);
            return this;
        }

        public Leaf sct(SctSpec spec) {
            scts.add(spec);
            return this;
        }

        /** Embeds these bytes as the TLS SignedCertificateTimestampList, whatever they are. */
        public Leaf rawSctList(byte[] list) {
            rawSctList = list;
            return this;
        }

        /** Puts the SCT list between the SAN and the Fulcio extensions instead of last. */
        public Leaf sctListBeforeFulcioExtensions() {
            sctListBeforeFulcioExtensions = true;
            return this;
        }

        /** The key pair the certificate certifies, to sign with it. */
        public KeyPair keys() {
            return keys;
        }

        public X509Certificate issuedBy(Ca issuer) {
            try {
                BigInteger serial = serial();
                X509CertificateHolder precertificate = holder(builder(issuer, serial, null), issuer.keys());
                byte[] tbs = precertificate.toASN1Structure().getTBSCertificate().getEncoded("DER");
                if (scts.isEmpty() && rawSctList == null) {
                    return new JcaX509CertificateConverter().getCertificate(precertificate);
                }
                byte[] list = rawSctList != null ? rawSctList : sctList(issuer, tbs);
                return sign(builder(issuer, serial, list), issuer.keys());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The certificate's fields; {@code sctList} null for the precertificate, which has none. */
        private X509v3CertificateBuilder builder(Ca issuer, BigInteger serial, byte[] sctList) throws Exception {
            X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serial, Date.from(notBefore),
                    Date.from(notAfter), new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
                    SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (eku != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
            }
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            }
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            if (sctList != null && sctListBeforeFulcioExtensions) {
                builder.addExtension(SCT_LIST, false, new DEROctetString(sctList));
            }
            for (Map.Entry<String, byte[]> e : fulcioExtensions.entrySet()) {
                builder.addExtension(new ASN1ObjectIdentifier(e.getKey()), false, e.getValue());
            }
            if (sctList != null && !sctListBeforeFulcioExtensions) {
                builder.addExtension(SCT_LIST, false, new DEROctetString(sctList));
            }
            return builder;
        }

        private byte[] sctList(Ca issuer, byte[] tbs) throws GeneralSecurityException {
            ByteArrayOutputStream list = new ByteArrayOutputStream();
            for (SctSpec spec : scts) {
                PublicKey issuerKey = spec.issuerKeyOverride() != null ? spec.issuerKeyOverride() : issuer.certificate().getPublicKey();
                byte[] serialized = signSct(spec, sha256(issuerKey.getEncoded()), tbs);
                uint(list, serialized.length, 2);
                list.writeBytes(serialized);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            uint(out, list.size(), 2);
            out.writeBytes(list.toByteArray());
            return out.toByteArray();
        }
    }

    /** RFC 6962 section 3.2, written out independently of the code under test. */
    static byte[] signSct(SctSpec spec, byte[] issuerKeyHash, byte[] tbs) throws GeneralSecurityException {
        long millis = spec.time().toEpochMilli();
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(spec.version());
        signed.write(0); // certificate_timestamp
        uint(signed, millis, 8);
        uint(signed, 1, 2); // precert_entry
        signed.writeBytes(issuerKeyHash);
        uint(signed, tbs.length, 3);
        signed.writeBytes(tbs);
        uint(signed, spec.extensions().length, 2);
        signed.writeBytes(spec.extensions());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(spec.signer().getPrivate());
        signer.update(signed.toByteArray());
        byte[] signature = signer.sign();

        ByteArrayOutputStream sct = new ByteArrayOutputStream();
        sct.write(spec.version());
        sct.writeBytes(spec.logId());
        uint(sct, millis, 8);
        uint(sct, spec.extensions().length, 2);
        sct.writeBytes(spec.extensions());
        sct.write(4); // sha256
        sct.write(3); // ecdsa
        uint(sct, signature.length, 2);
        sct.writeBytes(signature);
        return sct.toByteArray();
    }

    public static byte[] logIdOf(PublicKey key) {
        return sha256(key.getEncoded());
    }

    /** A Fulcio certificate authority entry of a trusted root. */
    public record CaEntry(String uri, List<X509Certificate> chain, Instant start, Instant end) {}

    /** A CT log entry of a trusted root. */
    public record CtLogEntry(PublicKey key, byte[] logId, Instant start, Instant end) {
        public static CtLogEntry of(PublicKey key, Instant start) {
            return new CtLogEntry(key, logIdOf(key), start, null);
        }
    }

    public static TrustedRoot trustedRoot(List<CaEntry> cas, List<CtLogEntry> ctlogs) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
        ArrayNode authorities = root.putArray("certificateAuthorities");
        for (CaEntry ca : cas) {
            ObjectNode node = authorities.addObject();
            node.putObject("subject").put("organization", "test").put("commonName", "test");
            node.put("uri", ca.uri());
            ArrayNode certs = node.putObject("certChain").putArray("certificates");
            for (X509Certificate c : ca.chain()) {
                try {
                    certs.addObject().put("rawBytes", Base64.getEncoder().encodeToString(c.getEncoded()));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
            validFor(node, ca.start(), ca.end());
        }
        ArrayNode logs = root.putArray("ctlogs");
        int n = 0;
        for (CtLogEntry log : ctlogs) {
            ObjectNode node = logs.addObject();
            node.put("baseUrl", "https://ct" + n++ + ".test");
            node.put("hashAlgorithm", "SHA2_256");
            ObjectNode key = node.putObject("publicKey");
            key.put("rawBytes", Base64.getEncoder().encodeToString(log.key().getEncoded()));
            key.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
            validFor(key, log.start(), log.end());
            node.putObject("logId").put("keyId", Base64.getEncoder().encodeToString(log.logId()));
        }
        try {
            return TrustedRoot.parse(mapper.writeValueAsBytes(root));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void validFor(ObjectNode node, Instant start, Instant end) {
        ObjectNode validFor = node.putObject("validFor");
        validFor.put("start", start.toString());
        if (end != null) {
            validFor.put("end", end.toString());
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(holder(builder, issuerKeys));
    }

    private static X509CertificateHolder holder(X509v3CertificateBuilder builder, KeyPair issuerKeys) throws Exception {
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
    }

    private static BigInteger serial() {
        return new BigInteger(159, RANDOM).add(BigInteger.ONE);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void uint(ByteArrayOutputStream out, long value, int size) {
        for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
    }
}
