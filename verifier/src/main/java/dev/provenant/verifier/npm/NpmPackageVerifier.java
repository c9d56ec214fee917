package dev.provenant.verifier.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.identity.CertificateIdentity;
import dev.provenant.verifier.identity.FulcioExtension;
import dev.provenant.verifier.identity.SubjectAlternativeName;
import dev.provenant.verifier.provenance.BuilderId;
import dev.provenant.verifier.provenance.Provenance;
import dev.provenant.verifier.provenance.ProvenanceExpectations;
import dev.provenant.verifier.provenance.ProvenanceReader;
import dev.provenant.verifier.provenance.ProvenanceVerifier;
import dev.provenant.verifier.provenance.TrustedBuilders;
import dev.provenant.verifier.provenance.VerifiedProvenance;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies an npm package tarball against the attestations the npm registry serves for it, as
 * slsa-verifier's {@code verify-npm-package} does; the checks, in order (the first that fails ends
 * verification, naming its {@link Check}):
 *
 * <ol>
 *   <li>the document holds one publish attestation and one SLSA provenance ({@link NpmAttestations});</li>
 *   <li>the provenance bundle verifies as {@code verify-provenance} verifies keyless provenance: DSSE
 *       signature, transparency log, Fulcio certificate from GitHub Actions, the tarball as its
 *       subject;</li>
 *   <li>its builder: a signer on the trusted-builders list (slsa-github-generator's Node.js builder
 *       signs through the BYOB delegator) is held to {@link ProvenanceVerifier}'s trusted-builder rules
 *       with the {@code --builder-id} given; any other signer is the user's own workflow running the npm
 *       CLI, whose provenance names the runner, so {@code --builder-id} must be npm's runner builder
 *       ({@link #HOSTED_RUNNER}, {@link #SELF_HOSTED_RUNNER}, or for v0.2 provenance the legacy
 *       {@link #LEGACY_RUNNER}), matching builder.id and the runner environment the certificate
 *       certifies; a builder id is required either way;</li>
 *   <li>the provenance's source, ref, build type and inputs against the expectations, and against the
 *       repository, ref and commit the certificate certifies;</li>
 *   <li>the publish attestation: signed with the registry key its bundle names by key id (an
 *       {@code npm:attestations} key of {@link NpmRegistryKeys}), logged, the key valid when the log
 *       recorded it, the tarball its subject;</li>
 *   <li>the package: each attestation has one subject, the same package URL {@code pkg:npm/NAME@VERSION}
 *       with a SHA-512 digest, the publish predicate names that name and version, and they are the ones
 *       expected.</li>
 * </ol>
 */
public final class NpmPackageVerifier {
    public static final String LEGACY_RUNNER = "https://github.com/actions/runner";
    public static final String HOSTED_RUNNER = LEGACY_RUNNER + "/github-hosted";
    public static final String SELF_HOSTED_RUNNER = LEGACY_RUNNER + "/self-hosted";
    private static final Set<String> RUNNERS = Set.of(LEGACY_RUNNER, HOSTED_RUNNER, SELF_HOSTED_RUNNER);

    private final BundleVerifier bundles;
    private final NpmRegistryKeys registryKeys;
    private final TrustedBuilders trusted;
    private final SignerTrust provenanceSigner;
    private final boolean requireTlog;

    /** The registry's way: keyless GitHub Actions provenance, logged publish attestations. */
    public NpmPackageVerifier(BundleVerifier bundles, NpmRegistryKeys registryKeys, TrustedBuilders trusted) {
        this(bundles, registryKeys, trusted, new SignerTrust.Identity(TrustedBuilders.githubSigners()), true);
    }

    /**
     * @param provenanceSigner who may sign the provenance: a GitHub Actions identity policy (the
     *     registry's way), or a key for provenance signed outside Sigstore's public instance, which is
     *     then only held to builder.id equal to the expected builder
     * @param requireTlog whether both attestations must be logged (a keyless one always must); without an entry the registry
     *     key's validity window is checked at the timestamps alone, and at none when there are none
     */
    public NpmPackageVerifier(BundleVerifier bundles, NpmRegistryKeys registryKeys, TrustedBuilders trusted,
            SignerTrust provenanceSigner, boolean requireTlog) {
        this.bundles = bundles;
        this.registryKeys = registryKeys;
        this.trusted = trusted;
        this.provenanceSigner = provenanceSigner;
        this.requireTlog = requireTlog;
    }

    /**
     * @param document the attestations document's JSON
     * @param tarball the package tarball, or its {@code sha512:} digest
     * @throws IOException when the tarball cannot be read
     */
    public VerifiedNpmPackage verify(byte[] document, Artifact tarball, NpmPackageExpectations expected)
            throws VerificationException, IOException {
        NpmAttestations attestations = NpmAttestations.parse(document);
        VerificationResult provenanceBundle = bundles.verify(attestations.provenance(), List.of(tarball),
                new VerificationPolicy(provenanceSigner, requireTlog, Optional.empty(), true));
        return checkVerified(attestations, provenanceBundle, tarball, expected);
    }

    /** Everything after the provenance bundle's own verification; apart so tests can give it a certified signer. */
    VerifiedNpmPackage checkVerified(NpmAttestations attestations, VerificationResult provenanceBundle, Artifact tarball,
            NpmPackageExpectations expected) throws VerificationException, IOException {
        List<String> checked = new ArrayList<>();
        Statement provenanceStatement = provenanceBundle.statement().orElseThrow();
        Provenance provenance = new ProvenanceReader().read(provenanceStatement);
        String builder;
        VerifiedProvenance verifiedProvenance;
        if (provenanceBundle.identity().isEmpty()) {
            requireBuilderId(expected.provenance(), provenance, "");
            verifiedProvenance = new ProvenanceVerifier().verify(provenanceBundle, expected.provenance());
            builder = provenance.builderId();
        } else {
            CertificateIdentity identity = provenanceBundle.identity().get().identity();
            String signer = signer(identity);
            BuilderId signerId = BuilderId.parse(signer);
            if (trusted.find(signerId.name()).isPresent()) {
                requireBuilderId(expected.provenance(), provenance, signer);
                Optional<String> runner = identity.extension(FulcioExtension.RUNNER_ENVIRONMENT);
                if (runner.isPresent() && !runner.get().equals("github-hosted")) {
                    throw new VerificationException(Check.PROVENANCE_SIGNER, "trusted builder " + signer + " ran on a " + runner.get()
                            + " runner; trusted builders are trusted on GitHub-hosted runners only");
                }
                verifiedProvenance = new ProvenanceVerifier(trusted).verify(provenanceBundle, expected.provenance());
                builder = provenance.builderId();
            } else {
                builder = checkRunnerBuilder(expected.provenance(), provenance, identity, signer);
                ProvenanceExpectations rest = new ProvenanceExpectations(expected.provenance().sourceUri(), Optional.empty(),
                        expected.provenance().ref(), expected.provenance().buildType(), expected.provenance().workflowInputs());
                verifiedProvenance = ProvenanceVerifier.forRunnerBuilds().verify(provenanceBundle, rest);
                checked.add("builder " + builder + " (npm CLI on a " + (builder.equals(SELF_HOSTED_RUNNER) ? "self-hosted"
                        : "GitHub-hosted") + " runner, signed by " + signer + ")");
            }
        }

        Bundle publish = attestations.publish();
        String hint = publish.verificationMaterial().publicKey() == null ? null : publish.verificationMaterial().publicKey().hint();
        if (hint == null || hint.isEmpty()) {
            throw new VerificationException(Check.NPM_REGISTRY_KEY, "the publish attestation is not signed with a registry key"
                    + " named by key id (its bundle has no publicKey hint)");
        }
        NpmRegistryKeys.Key key = registryKeys.find(hint, NpmRegistryKeys.ATTESTATIONS_USAGE).orElseThrow(() -> new VerificationException(
                Check.NPM_REGISTRY_KEY, "the publish attestation names key id " + hint + ", which is not an "
                        + NpmRegistryKeys.ATTESTATIONS_USAGE + " key of the npm registry keys"));
        VerificationResult publishResult = bundles.verify(publish, List.of(tarball),
                new VerificationPolicy(new SignerTrust.Key(key.key()), requireTlog, Optional.empty(), true));
        String sigKeyId = publish.dsseEnvelope().signatures().get(0).keyid();
        if (sigKeyId != null && !sigKeyId.isEmpty() && !sigKeyId.equals(hint)) {
            throw new VerificationException(Check.NPM_REGISTRY_KEY, "the publish attestation's signature names key id " + sigKeyId
                    + ", its bundle " + hint);
        }
        List<Instant> times = new ArrayList<>();
        publishResult.tlogEntries().stream().map(VerificationResult.VerifiedLogEntry::integratedTime).filter(t -> t != null)
                .forEach(times::add);
        publishResult.timestamps().forEach(t -> times.add(t.time()));
        for (Instant t : times) {
            if (!key.validAt(t)) {
                throw new VerificationException(Check.NPM_REGISTRY_KEY, "registry key " + hint + " is valid " + key.window()
                        + ", but the publish attestation was logged at " + t);
            }
        }
        checked.add("registry key " + hint + " (" + key.usage() + ", valid " + key.window() + ")");

        Statement publishStatement = publishResult.statement().orElseThrow();
        if (!publishStatement.predicateType().startsWith(NpmAttestations.PUBLISH_PREFIX)) {
            throw new VerificationException(Check.PREDICATE_TYPE, "the registry-signed statement's predicateType is '"
                    + publishStatement.predicateType() + "', not an npm publish attestation (" + NpmAttestations.PUBLISH_PREFIX + "v0.1)");
        }
        NpmPackageId fromProvenance = subject(provenanceStatement, "provenance");
        NpmPackageId fromPublish = subject(publishStatement, "publish attestation");
        if (!fromProvenance.equals(fromPublish)) {
            throw new VerificationException(Check.NPM_PACKAGE, "the provenance is about " + fromProvenance
                    + ", the publish attestation about " + fromPublish);
        }
        JsonNode predicate = publishStatement.predicate();
        String name = predicate.path("name").asText("");
        String version = predicate.path("version").asText("");
        if (!name.equals(fromPublish.name()) || !version.equals(fromPublish.version())) {
            throw new VerificationException(Check.NPM_PACKAGE, "the publish attestation's predicate names " + name + "@" + version
                    + ", its subject " + fromPublish.purl());
        }
        if (expected.packageName().isPresent() && !expected.packageName().get().equals(name)) {
            throw new VerificationException(Check.NPM_PACKAGE, "package name is " + name + ", expected " + expected.packageName().get());
        }
        if (expected.packageVersion().isPresent() && !expected.packageVersion().get().equals(version)) {
            throw new VerificationException(Check.NPM_PACKAGE, "package version is " + version + ", expected "
                    + expected.packageVersion().get());
        }
        checked.add("package " + fromPublish + (expected.packageName().isPresent() ? " (name pinned)" : "")
                + (expected.packageVersion().isPresent() ? " (version pinned)" : ""));
        Digest sha512 = Digest.ofHex(DigestAlgorithm.SHA512, provenanceStatement.subject().get(0).digestHex("sha512").orElseThrow());
        return new VerifiedNpmPackage(fromPublish, sha512, key, publishResult, provenanceBundle, verifiedProvenance, builder, checked);
    }

    /** The one subject of an npm attestation: the package URL, with the SHA-512 npm's integrity uses. */
    private static NpmPackageId subject(Statement statement, String what) throws VerificationException {
        if (statement.subject().size() != 1) {
            throw new VerificationException(Check.NPM_PACKAGE, "the " + what + " has " + statement.subject().size()
                    + " subjects; an npm attestation has one, the package");
        }
        ResourceDescriptor subject = statement.subject().get(0);
        if (subject.digestHex("sha512").isEmpty()) {
            throw new VerificationException(Check.NPM_PACKAGE, "the " + what + "'s subject has no sha512 digest");
        }
        try {
            return NpmPackageId.fromPurl(subject.name());
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Check.NPM_PACKAGE, "the " + what + "'s subject: " + e.getMessage());
        }
    }

    private static void requireBuilderId(ProvenanceExpectations expected, Provenance provenance, String signer)
            throws VerificationException {
        if (expected.builderId().isEmpty()) {
            String name = provenance.builderId().split("@", 2)[0];
            throw new VerificationException(Check.PROVENANCE_BUILDER, "no builder named: the provenance says builder.id "
                    + provenance.builderId() + (signer.isEmpty() ? "" : ", signed by " + signer)
                    + "; if you trust it, name it: --builder-id " + name);
        }
    }

    /**
     * npm CLI provenance: builder.id names the runner ({@code .../github-hosted}, {@code .../self-hosted};
     * v0.2 provenance wrote the legacy {@code https://github.com/actions/runner} for GitHub-hosted), which
     * must be the expected builder and the runner environment the certificate certifies.
     */
    private static String checkRunnerBuilder(ProvenanceExpectations expected, Provenance provenance, CertificateIdentity identity,
            String signer) throws VerificationException {
        if (expected.builderId().isEmpty()) {
            requireBuilderId(expected, provenance, signer);
        }
        String want = expected.builderId().get().toString();
        if (!RUNNERS.contains(want)) {
            throw new VerificationException(Check.PROVENANCE_BUILDER, "builder " + want + " did not sign this provenance and is not"
                    + " npm's GitHub runner builder (" + HOSTED_RUNNER + " or " + SELF_HOSTED_RUNNER + "); it was signed by " + signer
                    + " with builder.id " + provenance.builderId());
        }
        String actual = provenance.builderId();
        boolean legacyPair = !actual.equals(want) && Set.of(LEGACY_RUNNER, HOSTED_RUNNER).contains(actual)
                && Set.of(LEGACY_RUNNER, HOSTED_RUNNER).contains(want);
        if (!actual.equals(want) && !(legacyPair && ProvenanceReader.V02.equals(provenance.predicateType()))) {
            throw new VerificationException(Check.PROVENANCE_BUILDER, "builder.id is " + actual + ", expected " + want
                    + (legacyPair ? " (the short runner id is only that of v0.2 provenance)" : ""));
        }
        String runner = identity.extension(FulcioExtension.RUNNER_ENVIRONMENT).orElseThrow(() -> new VerificationException(
                Check.PROVENANCE_SIGNER, "the certificate does not say whether the runner was GitHub-hosted or self-hosted"));
        String wantRunner = want.equals(SELF_HOSTED_RUNNER) ? "self-hosted" : "github-hosted";
        if (!runner.equals(wantRunner)) {
            throw new VerificationException(Check.PROVENANCE_BUILDER, "builder " + want + " expects a " + wantRunner
                    + " runner, but the certificate certifies a " + runner + " one");
        }
        return want;
    }

    private static String signer(CertificateIdentity identity) throws VerificationException {
        String signer = identity.extension(FulcioExtension.BUILD_SIGNER_URI)
                .or(() -> identity.san().filter(s -> s.kind() == SubjectAlternativeName.Kind.URI).map(SubjectAlternativeName::value))
                .orElseThrow(() -> new VerificationException(Check.PROVENANCE_SIGNER, "the certificate names no signing workflow"));
        try {
            BuilderId.parse(signer);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Check.PROVENANCE_SIGNER, "the certificate's signing workflow: " + e.getMessage());
        }
        return signer;
    }
}
