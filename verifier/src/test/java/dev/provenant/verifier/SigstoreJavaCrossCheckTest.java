package dev.provenant.verifier;

import dev.provenant.verifier.check.VerificationException;

import dev.provenant.attest.testing.ConformanceSuite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.strings.StringMatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks {@link BundleVerifier} against an independent implementation, sigstore-java 2.0.0, on
 * every offline case of the Sigstore conformance suite (optional input, see ConformanceSuite). Provenant must
 * reach the suite's expected outcome on every case; on every keyless case sigstore-java must reach the
 * same verdict as Provenant, unless the case is in {@link #SIGSTORE_JAVA_KNOWN_WRONG}, where
 * sigstore-java 2.0.0 is known to be wrong or unable to read the bundle. For those the test insists
 * that sigstore-java still gets it wrong, so the list can neither grow silently nor go stale when
 * sigstore-java is upgraded. Key-signed cases ({@code key.pub}) are Provenant-only: sigstore-java
 * 2.0.0 has no plain-public-key verification.
 *
 * <p>sigstore-java runs offline: its verifier is built from the case's trusted root file, never from
 * {@code sigstorePublicDefaults()}, which needs a TUF fetch.
 */
class SigstoreJavaCrossCheckTest {
    /** The shipped public-good trusted root, written once to a file: sigstore-java reads its root from one. */
    static final Path PUBLIC_GOOD_ROOT = publicGoodRootFile();

    private static Path publicGoodRootFile() {
        try {
            Path file = Files.createTempFile("public-good-trusted_root", ".json");
            file.toFile().deleteOnExit();
            return Files.write(file, dev.provenant.verifier.trust.TrustedRoot.publicGoodJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The conformance suite's cases; skips the calling test when the suite was not given. */
    static Path casesDir() {
        return ConformanceSuite.bundleVerify();
    }
    static final String DEFAULT_IDENTITY =
            "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    static final String DEFAULT_ISSUER = "https://token.actions.githubusercontent.com";

    /**
     * Keyless cases where sigstore-java 2.0.0 does not reach the suite's expected outcome (found by
     * running it), with why and the verdict it gives. Each must stay wrong in sigstore-java, with that
     * same verdict, or the entry must go.
     */
    static final Map<String, KnownWrong> SIGSTORE_JAVA_KNOWN_WRONG = Map.of(
            "integrated-time-in-future_fail", new KnownWrong(
                    "does not check that the log's integrated time lies within the signing certificate's validity"
                            + " (added upstream after 2.0.0), so it accepts a bundle logged after its certificate expired",
                    "accepted"),
            "trust-root-tlog-missing-validity-start_fail", new KnownWrong(
                    "takes a transparency log key without validFor.start in the trusted root as valid,"
                            + " where the suite requires such a key to be unusable",
                    "accepted"),
            "intoto-with-custom-trust-root", new KnownWrong(
                    "reads a DSSE bundle's log entry only as a dsse v0.0.1 body; this good bundle is logged as"
                            + " intoto v0.0.2, which it cannot parse",
                    "Could not parse DSSE from log entry body"),
            "rekor2-dsse-happy-path", new KnownWrong(
                    "cannot read a Rekor v2 DSSE entry: this good bundle's envelope is logged as hashedrekord v0.0.2"
                            + " over the digest of its PAE (rekor-v2-spec 6.1.4), not as a dsse body",
                    "Could not parse DSSE from log entry body"));

    /** Why sigstore-java is wrong on a case, and a fragment of the verdict it gives there. */
    record KnownWrong(String why, String verdict) {}

    /** One built sigstore-java verifier per trusted root file: building one parses the root and its keys. */
    private static final Map<Path, KeylessVerifier> SIGSTORE_VERIFIERS = new ConcurrentHashMap<>();

    enum Expected {
        PASS, FAIL
    }

    /** One row of CASES.tsv: the case, its expected outcome, and how the suite verifies it. */
    record Case(String name, Expected expected, Path trustedRoot, Path key, String identity, String issuer, Path artifact) {
        Path dir() {
            return casesDir().resolve(name);
        }

        Path bundle() {
            return dir().resolve("bundle.sigstore.json");
        }

        boolean keyless() {
            return key == null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A verifier's verdict: accepted, or rejected with the reason it gave. */
    record Verdict(boolean accepted, String reason) {
        static final Verdict ACCEPTED = new Verdict(true, "verified");

        static Verdict rejected(Throwable e) {
            return new Verdict(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        boolean matches(Expected expected) {
            return accepted == (expected == Expected.PASS);
        }

        @Override
        public String toString() {
            return accepted ? "accepted" : "rejected (" + reason + ")";
        }
    }

    static Stream<Case> cases() throws IOException {
        List<String> lines = Files.readAllLines(ConformanceSuite.file("CASES.tsv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("case\texpected\ttrust_root\tverify_with\tartifact");
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(SigstoreJavaCrossCheckTest::row);
    }

    private static Case row(String line) {
        String[] f = line.split("\t", -1);
        assertThat(f).as(line).hasSize(5);
        Path dir = casesDir().resolve(f[0]);
        Expected expected = Expected.valueOf(f[1].toUpperCase(java.util.Locale.ROOT));
        Path root = f[2].equals("trusted_root.json") ? dir.resolve("trusted_root.json") : PUBLIC_GOOD_ROOT;
        Path key = f[3].equals("key.pub") ? dir.resolve("key.pub") : null;
        Path artifact = f[4].equals("artifact") ? dir.resolve("artifact") : casesDir().resolve("a.txt");
        return new Case(f[0], expected, root, key, fileOr(dir.resolve("identity"), DEFAULT_IDENTITY),
                fileOr(dir.resolve("issuer"), DEFAULT_ISSUER), artifact);
    }

    private static String fileOr(Path file, String fallback) {
        try {
            return Files.exists(file) ? Files.readString(file).strip() : fallback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void provenantMeetsTheSuiteAndAgreesWithSigstoreJava(Case c) throws Exception {
        Verdict byFile = provenant(c, new Artifact.FileArtifact(c.artifact()));
        Verdict byDigest = provenant(c, new Artifact.DigestArtifact(new ArtifactDigester().digest(c.artifact(), DigestAlgorithm.SHA256)));
        assertThat(byFile.matches(c.expected()))
                .as("%s: Provenant with the artifact file: expected %s, got %s", c, c.expected(), byFile).isTrue();
        assertThat(byDigest.matches(c.expected()))
                .as("%s: Provenant with the artifact digest: expected %s, got %s", c, c.expected(), byDigest).isTrue();
        if (!c.keyless()) {
            return;
        }
        Verdict sigstore = sigstoreJava(c);
        KnownWrong knownWrong = SIGSTORE_JAVA_KNOWN_WRONG.get(c.name());
        if (knownWrong == null) {
            assertThat(sigstore.accepted()).as("%s: sigstore-java %s but Provenant %s", c, sigstore, byFile).isEqualTo(byFile.accepted());
        } else {
            assertThat(sigstore.matches(c.expected()))
                    .as("%s: sigstore-java is listed as wrong here (%s) but now %s as the suite expects: drop it from the list",
                            c, knownWrong.why(), sigstore)
                    .isFalse();
            assertThat(sigstore.toString())
                    .as("%s: sigstore-java is still wrong, but no longer the way the list says (%s)", c, knownWrong.why())
                    .contains(knownWrong.verdict());
        }
    }

    @Test
    void casesTsvDescribesEveryCaseDirectory() throws IOException {
        Map<String, Case> listed = cases().collect(Collectors.toMap(Case::name, c -> c));
        Set<String> dirs;
        try (Stream<Path> list = Files.list(casesDir())) {
            dirs = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(dirs);
        for (Case c : listed.values()) {
            assertThat(c.expected() == Expected.FAIL).as(c.name()).isEqualTo(c.name().endsWith("_fail"));
            assertThat(c.trustedRoot().equals(PUBLIC_GOOD_ROOT)).as(c.name()).isNotEqualTo(Files.exists(c.dir().resolve("trusted_root.json")));
            assertThat(c.keyless()).as(c.name()).isNotEqualTo(Files.exists(c.dir().resolve("key.pub")));
            assertThat(c.artifact()).as(c.name()).exists();
            assertThat(c.bundle()).as(c.name()).exists();
        }
    }

    @Test
    void knownWrongListNamesOnlyKeylessCases() throws IOException {
        Map<String, Case> listed = cases().collect(Collectors.toMap(Case::name, c -> c));
        for (String name : SIGSTORE_JAVA_KNOWN_WRONG.keySet()) {
            assertThat(listed).as("listed as wrong for sigstore-java but not a case").containsKey(name);
            assertThat(listed.get(name).keyless()).as(name + " is key-signed, which is never cross-checked").isTrue();
        }
    }

    /** Provenant's verdict; only its documented rejections count as one, anything else is a bug. */
    private static Verdict provenant(Case c, Artifact artifact) throws IOException {
        try {
            TrustedRoot root = TrustedRoot.parse(Files.readAllBytes(c.trustedRoot()));
            Bundle bundle = Bundle.parse(Files.readAllBytes(c.bundle()));
            VerificationPolicy policy = c.keyless()
                    ? VerificationPolicy.ofIdentity(IdentityPolicy.exact(c.identity(), c.issuer()))
                    : VerificationPolicy.ofKey(PemPublicKeys.parse(Files.readString(c.key())));
            new BundleVerifier(root).verify(bundle, List.of(artifact), policy);
            return Verdict.ACCEPTED;
        } catch (FormatException | VerificationException e) {
            return Verdict.rejected(e);
        }
    }

    /** sigstore-java's verdict: as in the suite's protocol, any failure to verify is a rejection. */
    private static Verdict sigstoreJava(Case c) {
        try {
            KeylessVerifier verifier = SIGSTORE_VERIFIERS.computeIfAbsent(c.trustedRoot(), SigstoreJavaCrossCheckTest::buildSigstoreVerifier);
            dev.sigstore.bundle.Bundle bundle = dev.sigstore.bundle.Bundle.from(c.bundle(), StandardCharsets.UTF_8);
            VerificationOptions options = VerificationOptions.builder()
                    .addCertificateMatchers(VerificationOptions.CertificateMatcher.fulcio()
                            .subjectAlternativeName(StringMatcher.string(c.identity()))
                            .issuer(StringMatcher.string(c.issuer()))
                            .build())
                    .build();
            verifier.verify(c.artifact(), bundle, options);
            return Verdict.ACCEPTED;
        } catch (Exception e) {
            return Verdict.rejected(e);
        }
    }

    private static KeylessVerifier buildSigstoreVerifier(Path trustedRoot) {
        try {
            return KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRoot)).build();
        } catch (Exception e) {
            throw new SigstoreSetupException(trustedRoot, e);
        }
    }

    /** sigstore-java could not take the trusted root; a rejection of the case, carried out of computeIfAbsent. */
    static final class SigstoreSetupException extends RuntimeException {
        SigstoreSetupException(Path root, Exception cause) {
            super("trusted root " + root.getFileName() + ": " + cause, cause);
        }
    }
}
