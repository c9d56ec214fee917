package dev.provenant.verifier.pkix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.verifier.crypto.SignatureVerifier;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@link TrustedPath} against the JDK's PKIX validator: for each path made to break one RFC 5280
 * rule, both must give the same verdict, so checking the authority's certificates once and by hand
 * accepts nothing the JDK refuses (and refuses nothing it accepts).
 */
class TrustedPathTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2035-01-01T00:00:00Z");
    private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");

    private final CertificateSignature signatures = new CertificateSignature(new SignatureVerifier());

    /** A certificate to issue: who, for how long, and which extensions. */
    private static final class Spec {
        final String name;
        final KeyPair keys;
        Instant from = FROM;
        Instant to = TO;
        String curve;
        Integer pathLen; // null: not a CA; -1: CA without a path length
        boolean basicConstraints = true;
        int keyUsage;
        String issuerNameOverride;
        ASN1ObjectIdentifier unknownCritical;
        NameConstraints nameConstraints;
        String signatureAlgorithm = "SHA256withECDSA";

        Spec(String name, String curve) {
            this.name = name;
            this.curve = curve;
            this.keys = keys(curve);
        }

        static Spec ca(String name) {
            Spec s = new Spec(name, "secp384r1");
            s.pathLen = -1;
            s.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
            s.signatureAlgorithm = "SHA384withECDSA";
            return s;
        }

        static Spec leaf(String name) {
            Spec s = new Spec(name, "secp256r1");
            s.keyUsage = KeyUsage.digitalSignature;
            return s;
        }
    }

    private record Issued(X509Certificate certificate, Spec spec) {}

    private static KeyPair keys(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued issue(Spec spec, Issued issuer) {
        try {
            KeyPair signer = issuer == null ? spec.keys : issuer.spec().keys;
            String issuerName = spec.issuerNameOverride != null ? spec.issuerNameOverride : issuer == null ? spec.name : issuer.spec().name;
            String algorithm = issuer == null ? spec.signatureAlgorithm : issuer.spec().signatureAlgorithm;
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(new X500Name(issuerName), new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(spec.from), Date.from(spec.to), new X500Name(spec.name),
                    SubjectPublicKeyInfo.getInstance(spec.keys.getPublic().getEncoded()));
            if (spec.basicConstraints) {
                builder.addExtension(Extension.basicConstraints, true, spec.pathLen == null ? new BasicConstraints(false)
                        : spec.pathLen < 0 ? new BasicConstraints(true) : new BasicConstraints(spec.pathLen));
            }
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage));
            if (spec.unknownCritical != null) {
                builder.addExtension(spec.unknownCritical, true, DERNull.INSTANCE);
            }
            if (spec.nameConstraints != null) {
                builder.addExtension(Extension.nameConstraints, true, spec.nameConstraints);
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
            return new Issued(certificate, spec);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The verdicts of both validators on leaf ← cas ← root at {@link #AT}; empty when valid. */
    private Optional<String> explicitVerdict(X509Certificate leaf, List<X509Certificate> chain) {
        TrustedPath path = TrustedPath.of(chain, signatures);
        Optional<IssuedCertificate> issued = path.issued(leaf);
        if (issued.isEmpty()) {
            return Optional.of("not issued");
        }
        try {
            path.validate(issued.get(), AT);
            return Optional.empty();
        } catch (PathException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> jdkVerdict(X509Certificate leaf, List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        path.addAll(chain.subList(0, chain.size() - 1));
        try {
            JdkPathValidation.validate(path, chain.get(chain.size() - 1), AT);
            return Optional.empty();
        } catch (PathException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Issues root → each CA → leaf and asserts both validators agree with {@code valid}. */
    private void assertVerdict(boolean valid, Spec leaf, Spec... cas) {
        Issued root = issue(Spec.ca("CN=root"), null);
        Issued issuer = root;
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(root.certificate());
        for (Spec ca : cas) {
            issuer = issue(ca, issuer);
            chain.add(0, issuer.certificate());
        }
        X509Certificate certificate = issue(leaf, issuer).certificate();

        Optional<String> jdk = jdkVerdict(certificate, chain);
        Optional<String> explicit = explicitVerdict(certificate, chain);

        assertThat(jdk.isEmpty()).as("JDK PKIX verdict %s", jdk).isEqualTo(valid);
        assertThat(explicit.isEmpty()).as("explicit verdict %s", explicit).isEqualTo(valid);
        explicit.ifPresent(reason -> assertThat(reason).doesNotContain("\n"));
    }

    @Test
    void aWellFormedPathValidates() {
        assertVerdict(true, Spec.leaf("CN=leaf"), Spec.ca("CN=intermediate"));
    }

    @Test
    void aLeafDirectlyUnderTheRootValidates() {
        assertVerdict(true, Spec.leaf("CN=leaf"));
    }

    @Test
    void anIntermediateWithoutBasicConstraintsIsNotACa() {
        Spec ca = Spec.ca("CN=intermediate");
        ca.basicConstraints = false;
        assertVerdict(false, Spec.leaf("CN=leaf"), ca);
    }

    @Test
    void anIntermediateThatSaysItIsNoCaIsNotACa() {
        Spec ca = Spec.ca("CN=intermediate");
        ca.pathLen = null;
        assertVerdict(false, Spec.leaf("CN=leaf"), ca);
    }

    @Test
    void anIntermediateMustBeAllowedToSignCertificates() {
        Spec ca = Spec.ca("CN=intermediate");
        ca.keyUsage = KeyUsage.digitalSignature;
        assertVerdict(false, Spec.leaf("CN=leaf"), ca);
    }

    @Test
    void pathLengthZeroAllowsNoFurtherCa() {
        Spec upper = Spec.ca("CN=upper");
        upper.pathLen = 0;
        assertVerdict(false, Spec.leaf("CN=leaf"), upper, Spec.ca("CN=lower"));
        Spec roomy = Spec.ca("CN=upper");
        roomy.pathLen = 1;
        assertVerdict(true, Spec.leaf("CN=leaf"), roomy, Spec.ca("CN=lower"));
        Spec exact = Spec.ca("CN=intermediate");
        exact.pathLen = 0;
        assertVerdict(true, Spec.leaf("CN=leaf"), exact);
    }

    @Test
    void anUnknownCriticalExtensionIsRefusedOnACaAndOnTheLeaf() {
        Spec ca = Spec.ca("CN=intermediate");
        ca.unknownCritical = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");
        assertVerdict(false, Spec.leaf("CN=leaf"), ca);
        Spec leaf = Spec.leaf("CN=leaf");
        leaf.unknownCritical = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");
        assertVerdict(false, leaf, Spec.ca("CN=intermediate"));
    }

    @Test
    void nameConstraintsAreEnforcedThroughTheJdkValidator() {
        Spec ca = Spec.ca("CN=intermediate");
        ca.nameConstraints = new NameConstraints(new GeneralSubtree[] {new GeneralSubtree(new GeneralName(new X500Name("O=allowed")))}, null);
        assertVerdict(false, Spec.leaf("CN=leaf"), ca);
        assertVerdict(true, Spec.leaf("O=allowed,CN=leaf"), ca);
    }

    @Test
    void namesMustChain() {
        Spec ca = Spec.ca("CN=intermediate");
        ca.issuerNameOverride = "CN=someone-else";
        assertVerdict(false, Spec.leaf("CN=leaf"), ca);
    }

    @Test
    void everyCertificateBelowTheAnchorMustBeValidAtTheTime() {
        Spec ca = Spec.ca("CN=intermediate");
        ca.to = AT.minusSeconds(1);
        assertVerdict(false, Spec.leaf("CN=leaf"), ca);
        Spec leaf = Spec.leaf("CN=leaf");
        leaf.from = AT.plusSeconds(1);
        assertVerdict(false, leaf, Spec.ca("CN=intermediate"));
    }

    @Test
    void otherCurvesAndHashesValidate() {
        Spec ca = new Spec("CN=intermediate", "secp521r1");
        ca.pathLen = -1;
        ca.keyUsage = KeyUsage.keyCertSign;
        ca.signatureAlgorithm = "SHA512withECDSA";
        assertVerdict(true, Spec.leaf("CN=leaf"), ca);
    }

    @Test
    void anIntermediateSignedByAnotherKeyUnderTheRootsNameIsRefused() {
        Issued root = issue(Spec.ca("CN=root"), null);
        Issued impostor = issue(Spec.ca("CN=root"), null);
        Issued intermediate = issue(Spec.ca("CN=intermediate"), impostor);
        X509Certificate leaf = issue(Spec.leaf("CN=leaf"), intermediate).certificate();
        List<X509Certificate> chain = List.of(intermediate.certificate(), root.certificate());

        assertThat(jdkVerdict(leaf, chain)).isPresent();
        assertThat(explicitVerdict(leaf, chain)).hasValueSatisfying(reason -> assertThat(reason).startsWith("signature check failed"));
    }

    @Test
    void aLeafOfAnotherKeyIsNotIssuedEvenAfterTheAuthorityWasCheckedOnce() {
        Issued root = issue(Spec.ca("CN=root"), null);
        Issued intermediate = issue(Spec.ca("CN=intermediate"), root);
        Issued impostor = issue(Spec.ca("CN=intermediate"), null);
        TrustedPath path = TrustedPath.of(List.of(intermediate.certificate(), root.certificate()), signatures);

        assertThat(path.issued(issue(Spec.leaf("CN=leaf"), intermediate).certificate())).isPresent();
        assertThat(path.issued(issue(Spec.leaf("CN=leaf"), impostor).certificate())).isEmpty();
    }
}
