package dev.provenant.verifier.provenance;

import dev.provenant.attest.testing.ConformanceSuite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Provenance GitHub itself wrote (actions/attest-build-provenance, SLSA v1), in the Sigstore
 * conformance suite's keyless DSSE bundles. The suite re-signed these statements with its OIDC beacon
 * workflow, so the certificate's signer is not the statement's builder: the expectations are checked
 * on the real fields, and the keyless consistency check rightly refuses the beacon's say-so.
 */
class RealGithubProvenanceTest {
    static Path cases() {
        return ConformanceSuite.bundleVerify();
    }
    static final String BEACON = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
            + "extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    static final String ISSUER = "https://token.actions.githubusercontent.com";
    static final String BUILDER = "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main";

    final ProvenanceVerifier provenance = new ProvenanceVerifier();

    static VerificationResult verified(String caseName, Path artifact, Path root) throws Exception {
        Bundle bundle = Bundle.read(cases().resolve(caseName).resolve("bundle.sigstore.json"));
        TrustedRoot trust = root == null ? TrustedRoot.publicGood() : TrustedRoot.parse(Files.readAllBytes(root));
        return new BundleVerifier(trust).verify(bundle, List.of(new Artifact.FileArtifact(artifact)),
                VerificationPolicy.ofIdentity(IdentityPolicy.of(BEACON, null, ISSUER, null)));
    }

    static VerificationResult happyPath() throws Exception {
        return verified("happy-path-intoto-in-dsse-v3", cases().resolve("a.txt"), null);
    }

    /** The statement as its builder's key holder would vouch for it: no certificate to compare with. */
    static VerificationResult withoutCertificate(VerificationResult r) {
        return new VerificationResult(r.bundleVersion(), r.content(), r.algorithm(), r.keyFingerprint(), Optional.empty(),
                r.artifacts(), r.statement(), r.tlogEntries(), r.timestamps(), r.checks());
    }

    static void assertFails(Check check, VerificationResult r, ProvenanceExpectations e) {
        assertThatThrownBy(() -> new ProvenanceVerifier().verify(r, e)).isInstanceOf(VerificationException.class)
                .satisfies(x -> assertThat(((VerificationException) x).check()).as(x.getMessage()).isEqualTo(check));
    }

    @Test
    void githubsOwnProvenanceMeetsTheRightExpectations() throws Exception {
        VerificationResult r = withoutCertificate(happyPath());
        VerifiedProvenance v = provenance.verify(r, ProvenanceExpectations.of("github.com/loosebazooka/aa-test", BUILDER,
                RefExpectation.branch("main"), "https://actions.github.io/buildtypes/workflow/v1", Map.of()));
        assertThat(v.provenance().commit()).contains("ebff8dfbd609b7b22237c7719ce07f2dc7934f5f");
        assertThat(v.provenance().sources()).hasSize(2);
        assertThat(v.checked()).contains("builder " + BUILDER, "source https://github.com/loosebazooka/aa-test");
    }

    @Test
    void wrongSourceRefBuilderOrBuildTypeFail() throws Exception {
        VerificationResult r = withoutCertificate(happyPath());
        assertFails(Check.PROVENANCE_SOURCE, r, ProvenanceExpectations.of("github.com/loosebazooka/other", null, null, null, Map.of()));
        assertFails(Check.PROVENANCE_REF, r, ProvenanceExpectations.of("github.com/loosebazooka/aa-test", null,
                RefExpectation.tag("v1.0.0"), null, Map.of()));
        assertFails(Check.PROVENANCE_REF, r, ProvenanceExpectations.of("github.com/loosebazooka/aa-test", null,
                RefExpectation.branch("dev"), null, Map.of()));
        assertFails(Check.PROVENANCE_BUILDER, r, ProvenanceExpectations.of("github.com/loosebazooka/aa-test",
                "https://github.com/loosebazooka/aa-test/.github/workflows/release.yaml", null, null, Map.of()));
        assertFails(Check.PROVENANCE_BUILD_TYPE, r, ProvenanceExpectations.of("github.com/loosebazooka/aa-test", null, null,
                "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1", Map.of()));
    }

    @Test
    void theBeaconsCertificateDoesNotVouchForAnotherRepositorysBuilder() throws Exception {
        assertFails(Check.PROVENANCE_SIGNER, happyPath(), ProvenanceExpectations.of("github.com/loosebazooka/aa-test", BUILDER,
                RefExpectation.branch("main"), null, Map.of()));
    }

    @Test
    void theCustomTrustRootCaseHoldsOlderGithubProvenance() throws Exception {
        // actions/attest-build-provenance before its GA: slsa-framework's GitHub build type and the runner
        // environment, not the workflow, as builder.id. It is v1, not v0.2.
        Path c = cases().resolve("intoto-with-custom-trust-root");
        VerificationResult r = verified("intoto-with-custom-trust-root", c.resolve("artifact"), c.resolve("trusted_root.json"));
        VerificationResult unsigned = withoutCertificate(r);
        VerifiedProvenance v = provenance.verify(unsigned, ProvenanceExpectations.of("github.com/sigstore/sigstore-conformance",
                "https://github.com/actions/runner/github-hosted", RefExpectation.branch("main"),
                "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1", Map.of()));
        assertThat(v.provenance().predicateType()).isEqualTo(ProvenanceReader.V1);
        assertFails(Check.PROVENANCE_SOURCE, unsigned, ProvenanceExpectations.of("github.com/sigstore/other", null, null, null,
                Map.of()));
        // a runner environment is not the workflow that signed; this layout is refused keyless
        assertFails(Check.PROVENANCE_SIGNER, r, ProvenanceExpectations.of("github.com/sigstore/sigstore-conformance", null, null,
                null, Map.of()));
    }
}
