package dev.provenant.api;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.ci.BuildEnvironment;
import dev.provenant.attest.ci.CiDetection;
import dev.provenant.attest.ci.Environment;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.intoto.SubjectDigester;
import dev.provenant.attest.slsa.ProvenanceGenerator;
import dev.provenant.frontend.GateVsa;
import dev.provenant.frontend.Prefetch;
import dev.provenant.frontend.RootSelection;
import dev.provenant.frontend.SetupException;
import dev.provenant.frontend.Signing;
import dev.provenant.policy.EvidenceBundle;
import dev.provenant.policy.PolicyException;
import dev.provenant.policy.PromotionGate;
import dev.provenant.policy.PromotionPolicy;
import dev.provenant.policy.VerificationSummary;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.provenance.ProvenanceVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's front door: the jobs a deployment tool does, each one call. Options are immutable values
 * built in code ({@link VerifyOptions}, {@link SignOptions}, {@link ProvenanceOptions}, {@link GateOptions});
 * results render their own JSON ({@code toJson()}).
 *
 * <p>Failures are checked exceptions: {@link VerificationException} when the evidence does not hold, its
 * {@link VerificationException#check() check()} naming the check that failed (a bundle that does not parse
 * fails {@link Check#BUNDLE_FORMAT}); {@link SetupException} when the options cannot be used as given (a key
 * and an identity together, a file that is not a trusted root or a key); {@link IOException} when an input
 * cannot be read; {@link SigningException} and {@link IdentityTokenException} when signing or its identity
 * token fails; {@link PolicyException} for a promotion policy that cannot be used.
 */
public final class Provenant {
    private Provenant() {}

    /** Verifies a Sigstore bundle over an artifact file: signature, artifact digest, every log entry and timestamp, the signer. */
    public static BundleVerification verify(Path artifact, Path bundle, VerifyOptions options)
            throws VerificationException, SetupException, IOException {
        return verify(List.of(new Artifact.FileArtifact(artifact)), bundle, options.policy(), options);
    }

    /** Verifies a Sigstore bundle over an artifact known only by its digest, {@code sha256:HEX}. */
    public static BundleVerification verifyDigest(String digest, Path bundle, VerifyOptions options)
            throws VerificationException, SetupException, IOException {
        Digest parsed;
        try {
            parsed = Digest.parse(digest);
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage(), e);
        }
        return verify(List.of(new Artifact.DigestArtifact(parsed)), bundle, options.policy(), options);
    }

    /**
     * Verifies an attestation (DSSE) bundle: the envelope's signature, then the in-toto statement; every
     * artifact must be one of its subjects.
     *
     * @param predicateType the predicate type the statement must have, or null for any
     */
    public static BundleVerification verifyAttestation(List<Path> artifacts, Path bundle, String predicateType, VerifyOptions options)
            throws VerificationException, SetupException, IOException {
        VerificationPolicy policy = options.policy().requiringStatement().withPredicateType(predicateType);
        return verify(files(artifacts), bundle, policy, options);
    }

    /**
     * Verifies SLSA provenance as slsa-verifier does: the attestation first (as {@link #verifyAttestation}),
     * then the builder, source, ref, build type and inputs it states; for keyless bundles the certificate's
     * workflow must be consistent with them.
     */
    public static ProvenanceVerification verifyProvenance(List<Path> artifacts, Path bundle, ExpectedProvenance expected,
            VerifyOptions options) throws VerificationException, SetupException, IOException {
        BundleVerification verified = verify(files(artifacts), bundle, options.policy().requiringStatement(), options);
        return new ProvenanceVerification(verified, new ProvenanceVerifier().verify(verified.result(), expected.expectations()));
    }

    /** Signs an artifact file into a message-signature bundle over its SHA-256 digest; write it with {@link SignedBundle#writeTo}. */
    public static SignedBundle sign(Path artifact, SignOptions options)
            throws SigningException, IdentityTokenException, SetupException, IOException {
        List<String> warnings = new ArrayList<>();
        try (Signing signing = options.open(warnings::add)) {
            Bundle bundle = signing.signArtifact(artifact, new ArtifactDigester());
            return new SignedBundle(bundle, signing.description(), signing.identity(), warnings);
        }
    }

    /** Signs generated provenance into a DSSE attestation bundle. */
    public static SignedBundle attest(ProvenanceStatement provenance, SignOptions options)
            throws SigningException, IdentityTokenException, SetupException, IOException {
        return attest(provenance.statement(), options);
    }

    /** Signs any in-toto statement into a DSSE attestation bundle. */
    public static SignedBundle attest(Statement statement, SignOptions options)
            throws SigningException, IdentityTokenException, SetupException, IOException {
        List<String> warnings = new ArrayList<>();
        try (Signing signing = options.open(warnings::add)) {
            Bundle bundle = signing.attest(statement);
            return new SignedBundle(bundle, signing.description(), signing.identity(), warnings);
        }
    }

    /** Generates SLSA v1 provenance for the artifacts, from the detected build environment; sign it with {@link #attest}. */
    public static ProvenanceStatement provenance(List<Path> artifacts, ProvenanceOptions options) throws IOException {
        if (artifacts.isEmpty()) {
            throw new IllegalArgumentException("at least one artifact is needed");
        }
        List<ResourceDescriptor> subjects = new SubjectDigester(new ArtifactDigester(),
                options.digests().toArray(DigestAlgorithm[]::new)).subjects(artifacts, p -> p.normalize().toString().replace('\\', '/'));
        BuildEnvironment environment = CiDetection.discover().detect(new Environment(options.environment()), options.workingDirectory());
        Statement statement = new ProvenanceGenerator().generate(subjects, environment, options.dependencies(),
                new ProvenanceGenerator.Overrides(options.builderId(), options.buildType()), Instant.now());
        return new ProvenanceStatement(statement, environment.system());
    }

    /**
     * Evaluates a promotion gate: every bundle is verified against the stage's trusted signers, then every
     * rule of the stage is evaluated. A refusal is a {@link GateDecision} that did not pass.
     */
    public static GateDecision promote(GateOptions options) throws PolicyException, VerificationException, SetupException, IOException {
        PromotionPolicy policy = PromotionPolicy.load(options.policy());
        List<EvidenceBundle> evidence = new ArrayList<>();
        for (Path bundle : options.bundles()) {
            try {
                evidence.add(EvidenceBundle.read(bundle));
            } catch (FormatException e) {
                throw new VerificationException(Check.BUNDLE_FORMAT, bundle + ": " + e.getMessage(), e);
            }
        }
        ArtifactDigester digester = new ArtifactDigester();
        BundleVerifier verifier = new BundleVerifier(digester, RootSelection.of(options.trustedRoot(), options.environment()),
                Clock.systemUTC());
        try {
            return new GateDecision(new PromotionGate(verifier, digester, Clock.systemUTC()).evaluate(policy, options.stage(), evidence,
                    files(options.artifacts())));
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }

    /**
     * Signs the SLSA Verification Summary Attestation (VSA) of a passed promotion, which a later stage can
     * require: with the stage's gate-key, or keyless as its gate-identity. A gate other than the stage's is
     * refused, since later stages would refuse its VSA.
     *
     * @param resourceUri the VSA's {@code resourceUri}, e.g. a package URL
     * @throws SetupException when the decision did not pass, or the signer is not the stage's gate
     */
    public static SignedBundle issueVsa(GateDecision decision, SignOptions gate, String resourceUri)
            throws SigningException, IdentityTokenException, SetupException, IOException {
        if (!decision.passed()) {
            throw new SetupException("promotion to " + decision.stage() + " was refused: no VSA is issued for it");
        }
        if (!gate.isKeyless()) {
            try (Signer key = gate.openKey()) {
                return new SignedBundle(VerificationSummary.issue(decision.verdict(), key, resourceUri), key.description(),
                        java.util.Optional.empty(), List.of());
            } catch (IllegalArgumentException e) {
                throw new SetupException(e.getMessage(), e);
            }
        }
        List<String> warnings = new ArrayList<>();
        try (Signing keyless = gate.open(warnings::add)) {
            return new SignedBundle(GateVsa.keyless(keyless, decision.verdict(), resourceUri), keyless.description(),
                    keyless.identity(), warnings);
        }
    }

    private static BundleVerification verify(List<Artifact> artifacts, Path bundleFile, VerificationPolicy policy, VerifyOptions options)
            throws VerificationException, SetupException, IOException {
        ArtifactDigester digester = new ArtifactDigester();
        List<Artifact> targets = Prefetch.hashedAhead(digester, artifacts);
        RootSelection root = options.root();
        Bundle bundle;
        try {
            bundle = Bundle.read(bundleFile);
        } catch (FormatException e) {
            throw new VerificationException(Check.BUNDLE_FORMAT, e.getMessage(), e);
        }
        VerificationResult result = new BundleVerifier(digester, root, Clock.systemUTC()).verify(bundle, targets, policy);
        return new BundleVerification(result, root.source().orElse(null));
    }

    private static List<Artifact> files(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("at least one artifact is needed");
        }
        return paths.stream().<Artifact>map(Artifact.FileArtifact::new).toList();
    }
}
