package dev.provenant.verifier.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.cert.TestPki.Ca;
import dev.provenant.verifier.cert.TestPki.CaEntry;
import dev.provenant.verifier.cert.TestPki.CtLogEntry;
import dev.provenant.verifier.cert.TestPki.Leaf;
import dev.provenant.verifier.cert.TestPki.SctSpec;
import dev.provenant.verifier.trust.TrustedRoot;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * Each check of {@link FulcioCertificateVerifier} against a certificate made to break exactly that
 * check, issued by a test Fulcio and logged in a test CT log: a test here fails if its check is removed.
 */
class FulcioCertificateVerifierTest {
    private static final Instant ISSUED = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant SIGNED = ISSUED.plusSeconds(60);
    private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
    private static final String IDENTITY = "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main";

    private static final Ca ROOT = TestPki.root("O=test,CN=test-root", EPOCH, Instant.parse("2035-01-01T00:00:00Z"));
    private static final Ca INTERMEDIATE = TestPki.intermediate(ROOT, "O=test,CN=test-intermediate", EPOCH.plusSeconds(86400),
            Instant.parse("2034-01-01T00:00:00Z"), KeyPurposeId.id_kp_codeSigning);
    private static final KeyPair CT_LOG = TestPki.ecKey();

    private final FulcioCertificateVerifier verifier =
            new FulcioCertificateVerifier(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    private static Leaf leaf() {
        return new Leaf(ISSUED).uri(IDENTITY)
                .utf8("1.3.6.1.4.1.57264.1.8", "https://token.actions.githubusercontent.com")
                .sct(SctSpec.by(CT_LOG, ISSUED.plusMillis(250)));
    }

    private static TrustedRoot root() {
        return root(new CaEntry("https://fulcio.test", List.of(INTERMEDIATE.certificate(), ROOT.certificate()), EPOCH, null));
    }

    private static TrustedRoot root(CaEntry... cas) {
        return TestPki.trustedRoot(List.of(cas), List.of(CtLogEntry.of(CT_LOG.getPublic(), EPOCH)));
    }

    private VerifiedCertificate verify(X509Certificate leaf, TrustedRoot root, Instant... times) throws VerificationException {
        return verifier.verify(List.of(der(leaf)), root, List.of(times));
    }

    private static AbstractThrowableAssert<?, ?> assertFails(ThrowingCallable call, Check check) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(check))
                .hasMessageNotContaining("\n");
    }

    @Test
    void verifiesAFulcioCertificate() throws VerificationException {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);

        VerifiedCertificate verified = verify(leaf, root(), SIGNED, ISSUED.plusSeconds(300));

        assertThat(verified.leaf()).isEqualTo(leaf);
        assertThat(verified.authority().uri()).isEqualTo("https://fulcio.test");
        assertThat(verified.verifiedScts()).isEqualTo(1);
        assertThat(verified.identity().san()).hasValueSatisfying(san -> assertThat(san.value()).isEqualTo(IDENTITY));
        assertThat(verified.identity().issuer()).contains("https://token.actions.githubusercontent.com");
    }

    // --- the bundle's certificates

    @Test
    void anEmptyChainHasNoSigningCertificate() {
        assertFails(() -> verifier.verify(List.of(), root(), List.of(SIGNED)), Check.CERTIFICATE_CHAIN)
                .hasMessage("the bundle has no signing certificate");
    }

    @Test
    void aLeafThatIsNotACertificateIsRefused() {
        assertFails(() -> verifier.verify(List.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}), root(), List.of(SIGNED)),
                Check.CERTIFICATE_CHAIN).hasMessageContaining("not a DER X.509 certificate");
    }

    @Test
    void onlyTheLeafOfTheBundleIsRead() throws VerificationException {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);

        VerifiedCertificate verified = verifier.verify(List.of(der(leaf), new byte[] {1, 2, 3}, der(ROOT.certificate())), root(),
                List.of(SIGNED));

        assertThat(verified.leaf()).isEqualTo(leaf);
    }

    @Test
    void aBundleCannotBringItsOwnCa() {
        // A chain that is whole and valid, but of a CA the trusted root does not list, even with the same names.
        Ca rogueRoot = TestPki.root("O=test,CN=test-root", EPOCH, Instant.parse("2035-01-01T00:00:00Z"));
        Ca rogue = TestPki.intermediate(rogueRoot, "O=test,CN=test-intermediate", EPOCH, Instant.parse("2034-01-01T00:00:00Z"),
                KeyPurposeId.id_kp_codeSigning);
        X509Certificate leaf = leaf().issuedBy(rogue);

        assertFails(() -> verifier.verify(List.of(der(leaf), der(rogue.certificate()), der(rogueRoot.certificate())), root(),
                List.of(SIGNED)), Check.CERTIFICATE_CHAIN)
                .hasMessage("the signing certificate (issuer 'CN=test-intermediate,O=test') was not issued by a certificate"
                        + " authority of the trusted root");
    }

    @Test
    void aRememberedAuthorityStillChecksEveryLeafsSignature() throws VerificationException {
        // The first verification leaves the authority's chain checked and its key converted; a later leaf
        // under the same issuer name but signed by another key must still be refused.
        Ca impostor = TestPki.intermediate(TestPki.root("O=test,CN=test-root", EPOCH, Instant.parse("2035-01-01T00:00:00Z")),
                "O=test,CN=test-intermediate", EPOCH, Instant.parse("2034-01-01T00:00:00Z"), KeyPurposeId.id_kp_codeSigning);
        TrustedRoot root = root();

        assertThat(verify(leaf().issuedBy(INTERMEDIATE), root, SIGNED).authority().uri()).isEqualTo("https://fulcio.test");
        X509Certificate forged = leaf().issuedBy(impostor);
        assertFails(() -> verify(forged, root, SIGNED), Check.CERTIFICATE_CHAIN)
                .hasMessage("the signing certificate (issuer 'CN=test-intermediate,O=test') was not issued by a certificate"
                        + " authority of the trusted root");
        assertThat(verify(leaf().issuedBy(INTERMEDIATE), root, SIGNED).verifiedScts()).isEqualTo(1);
    }

    @Test
    void aRememberedAuthorityIsStillCheckedAtEachSigningTime() throws VerificationException {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);
        TrustedRoot root = root();

        assertThat(verify(leaf, root, SIGNED).leaf()).isEqualTo(leaf);
        // The root certificate expired 2035-01-01; the cached chain must not carry the earlier verdict over.
        X509Certificate late = new Leaf(Instant.parse("2035-06-01T00:00:00Z")).uri(IDENTITY)
                .utf8("1.3.6.1.4.1.57264.1.8", "https://token.actions.githubusercontent.com")
                .sct(SctSpec.by(CT_LOG, Instant.parse("2035-06-01T00:00:00Z"))).issuedBy(INTERMEDIATE);
        assertFails(() -> verify(late, root, Instant.parse("2035-06-01T00:01:00Z")), Check.CERTIFICATE_CHAIN)
                .hasMessageContaining("is not valid at signing time 2035-06-01T00:01:00Z");
    }

    // --- what the leaf is for

    @Test
    void theLeafMustBeForCodeSigning() {
        X509Certificate email = leaf().extendedKeyUsage(KeyPurposeId.id_kp_emailProtection).issuedBy(INTERMEDIATE);
        X509Certificate none = leaf().extendedKeyUsage(null).issuedBy(INTERMEDIATE);

        assertFails(() -> verify(email, root(), SIGNED), Check.CERTIFICATE_CHAIN)
                .hasMessage("the signing certificate's extended key usage does not include code signing (1.3.6.1.5.5.7.3.3)");
        assertFails(() -> verify(none, root(), SIGNED), Check.CERTIFICATE_CHAIN).hasMessageContaining("code signing");
    }

    @Test
    void theLeafMustBeForDigitalSignatures() {
        X509Certificate leaf = leaf().keyUsage(KeyUsage.keyEncipherment).issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root(), SIGNED), Check.CERTIFICATE_CHAIN)
                .hasMessage("the signing certificate's key usage does not include digitalSignature");
    }

    @Test
    void theLeafMustNotBeACa() {
        X509Certificate leaf = leaf().ca().issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root(), SIGNED), Check.CERTIFICATE_CHAIN)
                .hasMessage("the signing certificate is a CA certificate, not an end-entity certificate");
    }

    // --- validity at every signing time

    @Test
    void everySigningTimeMustFallInTheLeafsValidity() {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root(), SIGNED, ISSUED.plusSeconds(601)), Check.CERTIFICATE_VALIDITY)
                .hasMessage("signing time 2025-06-01T12:10:01Z is outside the signing certificate's validity"
                        + " [2025-06-01T12:00:00Z, 2025-06-01T12:10:00Z]");
        assertFails(() -> verify(leaf, root(), ISSUED.minusSeconds(1), SIGNED), Check.CERTIFICATE_VALIDITY);
    }

    @Test
    void theLeafsValidityIncludesBothEnds() throws VerificationException {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);

        assertThat(verify(leaf, root(), ISSUED, ISSUED.plusSeconds(600)).leaf()).isEqualTo(leaf);
    }

    @Test
    void withoutASigningTimeNothingCanBeChecked() {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root()), Check.CERTIFICATE_VALIDITY).hasMessageContaining("no verified signing time");
    }

    // --- the chain to a trusted authority, at every signing time

    @Test
    void aRootWithoutAuthoritiesTrustsNoCertificate() {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root(new CaEntry[0]), SIGNED), Check.CERTIFICATE_CHAIN)
                .hasMessage("the trusted root has no certificate authorities");
    }

    @Test
    void theAuthorityMustBeTrustedAtEverySigningTime() {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);
        TrustedRoot retiredBefore = root(new CaEntry("https://fulcio.test", List.of(INTERMEDIATE.certificate(), ROOT.certificate()),
                EPOCH, ISSUED.plusSeconds(30)));
        TrustedRoot notYet = root(new CaEntry("https://fulcio.test", List.of(INTERMEDIATE.certificate(), ROOT.certificate()),
                SIGNED.plusSeconds(1), null));

        assertFails(() -> verify(leaf, retiredBefore, SIGNED), Check.CERTIFICATE_CHAIN)
                .hasMessageContaining("signing time 2025-06-01T12:01:00Z is outside the validity");
        assertFails(() -> verify(leaf, notYet, ISSUED.plusSeconds(300), SIGNED), Check.CERTIFICATE_CHAIN)
                .hasMessageContaining("the trusted root gives certificate authority https://fulcio.test");
    }

    @Test
    void aLeafSignedDirectlyByTheRootChains() throws VerificationException {
        X509Certificate leaf = leaf().issuedBy(ROOT);

        assertThat(verify(leaf, root(new CaEntry("https://fulcio.test", List.of(ROOT.certificate()), EPOCH, null)), SIGNED)
                .verifiedScts()).isEqualTo(1);
    }

    @Test
    void theIntermediateMustBeValidAtTheSigningTime() {
        Ca expired = TestPki.intermediate(ROOT, "O=test,CN=short-intermediate", EPOCH, ISSUED.minusSeconds(3600),
                KeyPurposeId.id_kp_codeSigning);
        X509Certificate leaf = leaf().issuedBy(expired);
        TrustedRoot trusted = root(new CaEntry("https://fulcio.test", List.of(expired.certificate(), ROOT.certificate()), EPOCH, null));

        assertFails(() -> verify(leaf, trusted, SIGNED), Check.CERTIFICATE_CHAIN)
                .hasMessageStartingWith("the signing certificate does not chain to https://fulcio.test at signing time 2025-06-01T12:01:00Z");
    }

    @Test
    void theRootMustBeValidAtTheSigningTime() {
        // PKIX never looks at a trust anchor's dates; the hybrid model wants the root valid too.
        Ca oldRoot = TestPki.root("O=test,CN=old-root", EPOCH, ISSUED.minusSeconds(3600));
        Ca intermediate = TestPki.intermediate(oldRoot, "O=test,CN=later-intermediate", EPOCH, Instant.parse("2034-01-01T00:00:00Z"),
                KeyPurposeId.id_kp_codeSigning);
        X509Certificate leaf = leaf().issuedBy(intermediate);
        TrustedRoot trusted = root(new CaEntry("https://fulcio.test", List.of(intermediate.certificate(), oldRoot.certificate()),
                EPOCH, null));

        assertFails(() -> verify(leaf, trusted, SIGNED), Check.CERTIFICATE_CHAIN)
                .hasMessage("root certificate 'CN=old-root,O=test' of https://fulcio.test is not valid at signing time 2025-06-01T12:01:00Z");
    }

    @Test
    void anIntermediateRestrictedToOtherUsagesCannotIssueCodeSigningCertificates() {
        Ca tls = TestPki.intermediate(ROOT, "O=test,CN=tls-intermediate", EPOCH, Instant.parse("2034-01-01T00:00:00Z"),
                KeyPurposeId.id_kp_serverAuth);
        X509Certificate leaf = leaf().issuedBy(tls);
        TrustedRoot trusted = root(new CaEntry("https://fulcio.test", List.of(tls.certificate(), ROOT.certificate()), EPOCH, null));

        assertFails(() -> verify(leaf, trusted, SIGNED), Check.CERTIFICATE_CHAIN)
                .hasMessage("CA certificate CN=tls-intermediate,O=test restricts its extended key usage to exclude code signing");
    }

    @Test
    void anotherAuthorityOfTheRootIsTriedToo() throws VerificationException {
        Ca otherRoot = TestPki.root("O=other,CN=other-root", EPOCH, Instant.parse("2035-01-01T00:00:00Z"));
        TrustedRoot two = root(new CaEntry("https://other.test", List.of(otherRoot.certificate()), EPOCH, null),
                new CaEntry("https://fulcio.test", List.of(INTERMEDIATE.certificate(), ROOT.certificate()), EPOCH, null));

        assertThat(verify(leaf().issuedBy(INTERMEDIATE), two, SIGNED).authority().uri()).isEqualTo("https://fulcio.test");
    }

    // --- the embedded SCT

    @Test
    void aCertificateWithoutAnSctIsRefused() {
        X509Certificate leaf = new Leaf(ISSUED).uri(IDENTITY).issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root(), SIGNED), Check.SCT)
                .hasMessage("the signing certificate has no embedded signed certificate timestamp");
    }

    @Test
    void anEmptySctListExtensionIsMalformedNotACrash() {
        // the extension's OCTET STRING holds no inner OCTET STRING at all: Bouncy Castle reads that as null
        X509Certificate leaf = new Leaf(ISSUED).uri(IDENTITY).extensionBytes("1.3.6.1.4.1.11129.2.4.2", new byte[0])
                .issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root(), SIGNED), Check.SCT).hasMessageContaining("not an OCTET STRING");
    }

    @Test
    void aRootWithoutCtLogsVerifiesNoSct() {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);
        TrustedRoot noCt = TestPki.trustedRoot(List.of(new CaEntry("https://fulcio.test",
                List.of(INTERMEDIATE.certificate(), ROOT.certificate()), EPOCH, null)), List.of());

        assertFails(() -> verify(leaf, noCt, SIGNED), Check.SCT)
                .hasMessage("the trusted root has no CT logs to verify the certificate's SCT against");
    }

    @Test
    void anSctFromAnUntrustedLogIsRefused() {
        X509Certificate leaf = new Leaf(ISSUED).uri(IDENTITY).sct(SctSpec.by(TestPki.ecKey(), SIGNED)).issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root(), SIGNED), Check.SCT)
                .hasMessage("no embedded SCT is from a CT log of the trusted root");
    }

    @Test
    void anSctSignedByAnotherKeyUnderTheTrustedLogsIdIsRefused() {
        SctSpec forged = SctSpec.by(TestPki.ecKey(), SIGNED).withLogId(TestPki.logIdOf(CT_LOG.getPublic()));
        X509Certificate leaf = new Leaf(ISSUED).uri(IDENTITY).sct(forged).issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root(), SIGNED), Check.SCT)
                .hasMessage("the SCT from CT log https://ct0.test does not verify over the certificate's precertificate");
    }

    @Test
    void theSctMustCommitToTheIssuersKey() {
        // RFC 6962: issuer_key_hash is the SHA-256 of the issuing CA's SubjectPublicKeyInfo, here the intermediate's.
        SctSpec rootKey = SctSpec.by(CT_LOG, SIGNED).withIssuerKey(ROOT.certificate().getPublicKey());
        X509Certificate leaf = new Leaf(ISSUED).uri(IDENTITY).sct(rootKey).issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root(), SIGNED), Check.SCT).hasMessageContaining("does not verify");
    }

    @Test
    void theSctIsOverThePrecertificateWithoutTheSctExtension() throws VerificationException {
        // Extensions after the SCT list would be lost or reordered by a careless rebuild; here they must survive, in order.
        X509Certificate leaf = leaf().raw("1.3.6.1.4.1.57264.1.1", "https://issuer.test").sctListBeforeFulcioExtensions()
                .issuedBy(INTERMEDIATE);

        assertThat(verify(leaf, root(), SIGNED).verifiedScts()).isEqualTo(1);
    }

    @Test
    void theLogKeyMustBeTrustedAtTheSctTime() {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);
        TrustedRoot retired = TestPki.trustedRoot(List.of(new CaEntry("https://fulcio.test",
                List.of(INTERMEDIATE.certificate(), ROOT.certificate()), EPOCH, null)),
                List.of(new CtLogEntry(CT_LOG.getPublic(), TestPki.logIdOf(CT_LOG.getPublic()), EPOCH, ISSUED)));

        assertFails(() -> verify(leaf, retired, SIGNED), Check.SCT)
                .hasMessageStartingWith("SCT time 2025-06-01T12:00:00.250Z is outside the validity");
    }

    @Test
    void anSctFromTheFutureIsRefused() {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);
        FulcioCertificateVerifier earlier = new FulcioCertificateVerifier(Clock.fixed(ISSUED, ZoneOffset.UTC));

        assertFails(() -> earlier.verify(List.of(der(leaf)), root(), List.of(SIGNED)), Check.SCT)
                .hasMessageContaining("in the future");
    }

    @Test
    void aTrustedLogWhoseKeyDoesNotHashToItsIdIsNotUsed() {
        X509Certificate leaf = leaf().issuedBy(INTERMEDIATE);
        // The log id is right, the key under it is the log's; but the root also files a wrong key under it.
        TrustedRoot inconsistent = TestPki.trustedRoot(List.of(new CaEntry("https://fulcio.test",
                List.of(INTERMEDIATE.certificate(), ROOT.certificate()), EPOCH, null)),
                List.of(new CtLogEntry(TestPki.ecKey().getPublic(), TestPki.logIdOf(CT_LOG.getPublic()), EPOCH, null)));

        assertFails(() -> verify(leaf, inconsistent, SIGNED), Check.SCT)
                .hasMessage("the trusted root's key of CT log https://ct0.test does not hash to its log id");
    }

    @Test
    void sctExtensionsAreSignedAndKept() throws VerificationException {
        // Static CT logs put the leaf index in the extensions; RFC 6962 treats them as opaque signed bytes.
        byte[] leafIndex = {0, 0, 5, 0, 0, 0, 0, 42};
        X509Certificate leaf = new Leaf(ISSUED).uri(IDENTITY).sct(SctSpec.by(CT_LOG, SIGNED).withExtensions(leafIndex))
                .issuedBy(INTERMEDIATE);

        assertThat(verify(leaf, root(), SIGNED).verifiedScts()).isEqualTo(1);
    }

    @Test
    void sctsOfUnknownVersionsArePassedOver() throws VerificationException {
        X509Certificate onlyV2 = new Leaf(ISSUED).uri(IDENTITY).sct(SctSpec.by(CT_LOG, SIGNED).withVersion(1)).issuedBy(INTERMEDIATE);
        X509Certificate both = new Leaf(ISSUED).uri(IDENTITY).sct(SctSpec.by(CT_LOG, SIGNED).withVersion(1))
                .sct(SctSpec.by(CT_LOG, SIGNED)).issuedBy(INTERMEDIATE);

        assertFails(() -> verify(onlyV2, root(), SIGNED), Check.SCT).hasMessage("the certificate embeds no v1 SCT");
        assertThat(verify(both, root(), SIGNED).verifiedScts()).isEqualTo(1);
    }

    @Test
    void sctsCountOncePerLog() throws VerificationException {
        KeyPair secondLog = TestPki.ecKey();
        X509Certificate twice = new Leaf(ISSUED).uri(IDENTITY).sct(SctSpec.by(CT_LOG, SIGNED)).sct(SctSpec.by(CT_LOG, SIGNED))
                .issuedBy(INTERMEDIATE);
        X509Certificate twoLogs = new Leaf(ISSUED).uri(IDENTITY).sct(SctSpec.by(CT_LOG, SIGNED)).sct(SctSpec.by(secondLog, SIGNED))
                .issuedBy(INTERMEDIATE);
        TrustedRoot bothLogs = TestPki.trustedRoot(List.of(new CaEntry("https://fulcio.test",
                List.of(INTERMEDIATE.certificate(), ROOT.certificate()), EPOCH, null)),
                List.of(CtLogEntry.of(CT_LOG.getPublic(), EPOCH), CtLogEntry.of(secondLog.getPublic(), EPOCH)));

        assertThat(verify(twice, bothLogs, SIGNED).verifiedScts()).isEqualTo(1);
        assertThat(verify(twoLogs, bothLogs, SIGNED).verifiedScts()).isEqualTo(2);
    }

    @Test
    void oneGoodSctIsEnough() throws VerificationException {
        X509Certificate leaf = new Leaf(ISSUED).uri(IDENTITY).sct(SctSpec.by(TestPki.ecKey(), SIGNED)).sct(SctSpec.by(CT_LOG, SIGNED))
                .issuedBy(INTERMEDIATE);

        assertThat(verify(leaf, root(), SIGNED).verifiedScts()).isEqualTo(1);
    }

    @Test
    void aMalformedSctListIsRefused() {
        X509Certificate truncated = new Leaf(ISSUED).uri(IDENTITY).rawSctList(new byte[] {0, 10, 0, 8, 0, 1, 2}).issuedBy(INTERMEDIATE);
        X509Certificate trailing = new Leaf(ISSUED).uri(IDENTITY).rawSctList(new byte[] {0, 0, 7}).issuedBy(INTERMEDIATE);

        assertFails(() -> verify(truncated, root(), SIGNED), Check.SCT).hasMessageStartingWith("the embedded SCT list is malformed");
        assertFails(() -> verify(trailing, root(), SIGNED), Check.SCT).hasMessageContaining("bytes after its end");
    }

    // --- the identity is read, and refused when it cannot be

    @Test
    void aMalformedIssuerExtensionIsAnIdentityFailure() {
        // .1.8 must be a DER UTF8String; these are the raw bytes the deprecated .1.1 would hold.
        X509Certificate leaf = leaf().extensionBytes("1.3.6.1.4.1.57264.1.8", "https://issuer.test".getBytes())
                .issuedBy(INTERMEDIATE);

        assertFails(() -> verify(leaf, root(), SIGNED), Check.IDENTITY)
                .hasMessage("certificate extension 1.3.6.1.4.1.57264.1.8 (OIDC issuer) is not a DER UTF8String");
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
