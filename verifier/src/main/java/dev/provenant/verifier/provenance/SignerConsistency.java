package dev.provenant.verifier.provenance;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.identity.CertificateIdentity;
import dev.provenant.verifier.identity.FulcioExtension;
import dev.provenant.verifier.identity.GithubClaim;
import dev.provenant.verifier.identity.SubjectAlternativeName;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * For keyless provenance: the Fulcio certificate says who really signed, and the provenance must not
 * claim a different builder, source, ref or commit than the certificate certifies. A key-signed bundle
 * has no such evidence; its provenance is exactly as trustworthy as the holder of the key.
 *
 * <p>The rules, following slsa-verifier's {@code VerifyBuilderIdentity} and
 * {@code VerifyCertficateSourceRepository}:
 *
 * <ul>
 *   <li>Certificates from GitHub Actions ({@code https://token.actions.githubusercontent.com}) certify
 *       the workflow that ran, as the build signer URI (or, in certificates without that extension,
 *       the SAN). That workflow is the builder: GitHub artifact attestations write
 *       {@code builder.id = server_url/job_workflow_ref}, which is the SAN, and slsa-github-generator's
 *       reusable workflows write their own {@code .../generator_*.yml@refs/tags/vX.Y.Z}, which is the SAN
 *       of the caller's job too. So {@code builder.id} must equal the signer, name and ref (a tag may be
 *       spelt {@code vX} or {@code refs/tags/vX}). A provenance whose builder differs from the signing
 *       workflow is the signer's hearsay about someone else's build, and is refused.</li>
 *   <li>The exception is slsa-github-generator's delegator workflows (BYOB): the delegator signs on
 *       behalf of the tool's reusable workflow, which {@code builder.id} names. slsa-verifier then
 *       matches {@code builder.id} against the caller's expectation instead, so one is required here.</li>
 *   <li>Any certificate that certifies a source repository, ref or commit (Fulcio extensions .12,
 *       .14, .13, or GitHub's deprecated .5, .6, .3) must agree with the provenance's source, ref and
 *       commit: the repository the workflow ran in is the repository that was built.</li>
 * </ul>
 */
final class SignerConsistency {
    static final String GITHUB_ISSUER = TrustedBuilders.GITHUB_ISSUER;

    /** slsa-github-generator's BYOB delegators, the only signers whose builder.id may differ from them (no trusted list). */
    static final Set<String> DELEGATORS = Set.of(
            "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/delegator_generic_slsa3.yml",
            "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/delegator_lowperms-generic_slsa3.yml");

    void check(CertificateIdentity identity, Provenance provenance, ProvenanceExpectations expected,
            Optional<TrustedBuilders> trusted, List<String> checked) throws VerificationException {
        if (identity.issuer().filter(GITHUB_ISSUER::equals).isPresent()) {
            if (trusted.isPresent()) {
                checkTrustedBuilder(identity, provenance, expected, trusted.get(), checked);
            } else {
                checkGithubBuilder(identity, provenance, expected);
            }
        }
        checkSource(identity, provenance);
    }

    void check(CertificateIdentity identity, Provenance provenance, ProvenanceExpectations expected) throws VerificationException {
        check(identity, provenance, expected, Optional.empty(), new java.util.ArrayList<>());
    }

    private static String signer(CertificateIdentity identity) throws VerificationException {
        return identity.extension(FulcioExtension.BUILD_SIGNER_URI)
                .or(() -> identity.san().filter(s -> s.kind() == SubjectAlternativeName.Kind.URI).map(SubjectAlternativeName::value))
                .orElseThrow(() -> new VerificationException(Check.PROVENANCE_SIGNER,
                        "the GitHub Actions certificate names no signing workflow"));
    }

    private static void checkGithubBuilder(CertificateIdentity identity, Provenance provenance, ProvenanceExpectations expected)
            throws VerificationException {
        String signer = signer(identity);
        BuilderId signerId = parse(signer, "the certificate's signing workflow");
        BuilderId builderId = parse(provenance.builderId(), "builder.id");
        if (DELEGATORS.contains(signerId.name())) {
            if (expected.builderId().isEmpty()) {
                throw new VerificationException(Check.PROVENANCE_SIGNER, "signed by slsa-github-generator's delegator " + signer
                        + " on behalf of " + provenance.builderId() + "; say which builder you trust with --builder-id");
            }
            return;
        }
        if (!builderId.sameAs(signerId)) {
            throw new VerificationException(Check.PROVENANCE_SIGNER, "builder.id " + provenance.builderId()
                    + " is not the workflow that signed it (" + signer + ")");
        }
    }

    /**
     * slsa-verifier's trusted-builder model: the signer is a listed generator at a release tag (and
     * builder.id is that signer), a listed delegator at a release tag (and builder.id is a delegated
     * builder at a release tag, either the one {@code --builder-id} names or one the list trusts), or
     * exactly the builder the user named with {@code --builder-id}.
     */
    private static void checkTrustedBuilder(CertificateIdentity identity, Provenance provenance, ProvenanceExpectations expected,
            TrustedBuilders trusted, List<String> checked) throws VerificationException {
        String signer = signer(identity);
        BuilderId signerId = parse(signer, "the certificate's signing workflow");
        BuilderId builderId = parse(provenance.builderId(), "builder.id");
        Optional<TrustedBuilders.Builder> entry = trusted.find(signerId.name());
        if (entry.isPresent()) {
            if (!TrustedBuilders.isReleaseTag(signerId.version())) {
                throw new VerificationException(Check.PROVENANCE_SIGNER, "trusted builder " + signerId.name() + " signed at "
                        + (signerId.version().isEmpty() ? "no ref" : signerId.version()) + ", not at a release tag refs/tags/vX.Y.Z");
            }
            if (entry.get().kind() == TrustedBuilders.Kind.DELEGATOR) {
                if (!TrustedBuilders.isReleaseTag(builderId.version())) {
                    throw new VerificationException(Check.PROVENANCE_SIGNER, "delegated builder " + provenance.builderId()
                            + " is not at a release tag refs/tags/vX.Y.Z");
                }
                if (expected.builderId().isEmpty() && !entry.get().delegates().contains(builderId.name())) {
                    throw new VerificationException(Check.PROVENANCE_SIGNER, "signed by delegator " + signer + " on behalf of "
                            + provenance.builderId() + ", which is not a trusted builder; if you trust it, name it: --builder-id "
                            + builderId.name());
                }
                checked.add("signer " + signer + " (trusted delegator, " + trusted.describe() + ") for " + provenance.builderId());
                return;
            }
            if (!builderId.sameAs(signerId)) {
                throw new VerificationException(Check.PROVENANCE_SIGNER, "builder.id " + provenance.builderId()
                        + " is not the workflow that signed it (" + signer + ")");
            }
            checked.add("signer " + signer + " (trusted generator, " + trusted.describe() + ")");
            return;
        }
        if (expected.builderId().isEmpty()) {
            throw new VerificationException(Check.PROVENANCE_SIGNER, "signed by " + signer + ", which is not a trusted builder;"
                    + " if you trust it, name it: --builder-id " + signerId.name());
        }
        if (!builderId.sameAs(signerId)) {
            throw new VerificationException(Check.PROVENANCE_SIGNER, "builder.id " + provenance.builderId()
                    + " is not the workflow that signed it (" + signer + ")");
        }
        if (!signerId.satisfies(expected.builderId().get())) {
            throw new VerificationException(Check.PROVENANCE_SIGNER, "signed by " + signer + ", not by the builder named with"
                    + " --builder-id " + expected.builderId().get());
        }
        checked.add("signer " + signer + " (the builder named with --builder-id)");
    }

    static void checkSource(CertificateIdentity identity, Provenance provenance) throws VerificationException {
        Optional<String> certified = identity.extension(FulcioExtension.SOURCE_REPOSITORY_URI)
                .or(() -> identity.extension(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY).map(r -> "https://github.com/" + r));
        if (certified.isPresent()) {
            SourceUri want = SourceUri.normalize(certified.get());
            for (Provenance.StatedSource s : provenance.sources()) {
                if (!SourceUri.normalize(s.uri()).equals(want)) {
                    throw new VerificationException(Check.PROVENANCE_SIGNER, "the provenance's source " + s.uri() + " (" + s.field()
                            + ") is not the repository the certificate certifies (" + certified.get() + ")");
                }
            }
        }
        Optional<String> ref = GithubClaim.REF.valueIn(identity);
        if (ref.isPresent() && provenance.ref().isPresent() && !ref.get().equals(provenance.ref().get())) {
            throw new VerificationException(Check.PROVENANCE_SIGNER, "the provenance's ref " + provenance.ref().get()
                    + " is not the ref the certificate certifies (" + ref.get() + ")");
        }
        Optional<String> commit = GithubClaim.SHA.valueIn(identity);
        if (commit.isPresent() && provenance.commit().isPresent() && !commit.get().equalsIgnoreCase(provenance.commit().get())) {
            throw new VerificationException(Check.PROVENANCE_SIGNER, "the provenance's commit " + provenance.commit().get()
                    + " is not the commit the certificate certifies (" + commit.get() + ")");
        }
    }

    private static BuilderId parse(String id, String what) throws VerificationException {
        try {
            return BuilderId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Check.PROVENANCE_SIGNER, what + ": " + e.getMessage());
        }
    }
}
