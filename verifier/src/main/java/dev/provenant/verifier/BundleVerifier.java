package dev.provenant.verifier;

import dev.provenant.verifier.check.VerificationException;

import dev.provenant.verifier.check.Check;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.HashOutput;
import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.crypto.PemPublicKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import dev.provenant.verifier.cert.FulcioCertificateVerifier;
import dev.provenant.verifier.crypto.SignatureVerifier;
import dev.provenant.verifier.cert.VerifiedCertificate;
import dev.provenant.verifier.timestamp.Rfc3161TimestampVerifier;
import dev.provenant.verifier.tlog.ExpectedBody;
import dev.provenant.verifier.tlog.SigningMaterial;
import dev.provenant.verifier.tlog.TlogEntryVerifier;
import dev.provenant.verifier.trust.CertificateAuthority;
import dev.provenant.verifier.trust.TrustedRoot;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a Sigstore bundle against artifacts and a policy, failing closed: the first check that
 * does not hold ends verification with a {@link VerificationException} naming it. DSSE envelopes are
 * verified before their payload is parsed, and the statement is parsed from the very bytes that
 * were verified.
 */
public final class BundleVerifier {
    /** Ed25519 verifies whole messages; artifacts above this size cannot be checked in memory. */
    static final long MAX_ED25519_MESSAGE = InputLimit.ED25519_ARTIFACT.maxBytes();

    private final ArtifactDigester digester;
    private final Supplier<TrustedRoot> trustedRoot;
    private final LogEvidence evidence;
    private final FulcioCertificateVerifier certificates;
    private final SignatureVerifier signatures;

    /**
     * @param trustedRoot the Sigstore trusted root for log entries, timestamps and Fulcio CAs; asked for
     *     only when a bundle has something to check against it, so a lazily loaded root costs nothing
     *     for plain key-signed bundles
     */
    public BundleVerifier(ArtifactDigester digester, Supplier<TrustedRoot> trustedRoot, Clock clock) {
        this.digester = digester;
        this.trustedRoot = trustedRoot;
        // One signature verifier for every check, so each trusted key is converted once for all of them.
        this.signatures = new SignatureVerifier();
        this.evidence = new LogEvidence(new TlogEntryVerifier(clock, signatures), new Rfc3161TimestampVerifier(signatures));
        this.certificates = new FulcioCertificateVerifier(clock, signatures);
    }

    public BundleVerifier(TrustedRoot trustedRoot) {
        this(new ArtifactDigester(), () -> trustedRoot, Clock.systemUTC());
    }

    /**
     * @param artifacts one artifact for a message signature; for a DSSE statement, every artifact must
     *     be one of its subjects
     * @throws IOException when an artifact cannot be read (a usage problem, not a verdict)
     */
    public VerificationResult verify(Bundle bundle, List<Artifact> artifacts, VerificationPolicy policy)
            throws VerificationException, IOException {
        if (artifacts.isEmpty()) {
            throw new IllegalArgumentException("at least one artifact or digest is needed");
        }
        return check(bundle, artifacts, policy);
    }

    /**
     * Verifies a bundle that must hold a DSSE in-toto statement (signature, signer, log entries and
     * timestamps, predicate type) without matching its subjects against artifacts: for statements whose
     * subjects the caller checks by what it claims, such as a VSA's subject digests, which may be of any
     * digest algorithm ({@code gce_image_id}). The result names no artifacts and no subject-digest check.
     */
    public VerificationResult verifyStatement(Bundle bundle, VerificationPolicy policy) throws VerificationException {
        try {
            return check(bundle, List.of(), policy.requiringStatement());
        } catch (IOException e) {
            // no artifact is read when none is given
            throw new java.io.UncheckedIOException(e);
        }
    }

    private VerificationResult check(Bundle bundle, List<Artifact> artifacts, VerificationPolicy policy)
            throws VerificationException, IOException {
        // What the policy expects of the bundle's content is checked before any cryptography.
        if (bundle.messageSignature() != null && policy.requireStatement()) {
            throw policy.predicateType().isPresent()
                    ? new VerificationException(Check.PREDICATE_TYPE, "the bundle holds a message signature, not an in-toto statement"
                            + " of predicate type '" + policy.predicateType().get() + "'")
                    : new VerificationException(Check.STATEMENT, "the bundle holds a message signature, not an in-toto statement");
        }
        if (bundle.messageSignature() != null && artifacts.size() != 1) {
            throw new VerificationException(Check.ARTIFACT_DIGEST, "the bundle is a message signature over one artifact, but "
                    + artifacts.size() + " were given");
        }
        List<Check> passed = new ArrayList<>();
        SigningMaterial signer = signingMaterial(bundle, policy.signer());
        PublicKey key = signer.publicKey();
        SignatureAlgorithm algorithm = algorithmOf(key);
        passed.add(Check.KEY);

        if (policy.signer() instanceof SignerTrust.Identity) {
            // Cheap and decisive: a certificate no trusted authority issued ends verification before
            // an artifact is hashed or a payload decoded.
            certificates.requireTrustedIssuer(bundle.verificationMaterial().certificates().get(0).der(), root());
        }

        List<Digest> matched = new ArrayList<>();
        Optional<Statement> statement = Optional.empty();
        byte[] signature;
        Digest bodyDigest;
        if (bundle.messageSignature() != null) {
            Artifact artifact = artifacts.get(0);
            signature = bundle.messageSignature().signatureBytes();
            SignedDigests verified = verifyMessageSignature(bundle.messageSignature().messageDigest(), signature, artifact, key,
                    algorithm, passed);
            bodyDigest = verified.recorded();
            matched.add(verified.reported());
        } else {
            Envelope envelope = bundle.dsseEnvelope();
            if (envelope.signatures().size() != 1) {
                throw new VerificationException(Check.SIGNATURE,
                        "a Sigstore DSSE envelope carries exactly one signature, found " + envelope.signatures().size());
            }
            signature = envelope.signatures().get(0).signatureBytes();
            // One decode, straight into the PAE's end: the signature is checked over, and the statement
            // parsed from, this very array.
            byte[] pae = envelope.pae();
            int payloadLength = envelope.payloadLength();
            if (!signatures.verifyMessage(key, pae, signature)) {
                throw new VerificationException(Check.SIGNATURE, "the DSSE signature does not verify with the given key");
            }
            passed.add(Check.SIGNATURE);
            if (!Statement.isPayloadType(envelope.payloadType())) {
                throw new VerificationException(Check.PAYLOAD_TYPE, "payloadType is '" + envelope.payloadType()
                        + "', expected " + Statement.PAYLOAD_TYPE + " or application/vnd.in-toto.<predicate>+json");
            }
            passed.add(Check.PAYLOAD_TYPE);
            Statement parsed;
            try {
                parsed = Statement.parse(pae, pae.length - payloadLength, payloadLength);
            } catch (FormatException e) {
                throw new VerificationException(Check.STATEMENT, e.getMessage());
            }
            passed.add(Check.STATEMENT);
            for (Artifact artifact : artifacts) {
                matched.add(matchSubject(parsed, artifact));
            }
            if (!artifacts.isEmpty()) {
                passed.add(Check.SUBJECT_DIGEST);
            }
            if (policy.predicateType().isPresent() && !policy.predicateType().get().equals(parsed.predicateType())) {
                throw new VerificationException(Check.PREDICATE_TYPE, "predicateType is '" + parsed.predicateType()
                        + "', expected '" + policy.predicateType().get() + "'");
            }
            policy.predicateType().ifPresent(t -> passed.add(Check.PREDICATE_TYPE));
            statement = Optional.of(parsed);
            bodyDigest = null;
        }

        boolean keyless = policy.signer() instanceof SignerTrust.Identity;
        LogEvidence.Outcome outcome = new LogEvidence.Outcome(List.of(), List.of(), List.of(), List.of());
        if (!bundle.verificationMaterial().tlogEntries().isEmpty() || !bundle.verificationMaterial().rfc3161Timestamps().isEmpty()
                || keyless) {
            ExpectedBody expected = bundle.messageSignature() != null
                    ? ExpectedBody.messageSignature(bodyDigest, signature, signer)
                    : ExpectedBody.envelope(bundle.dsseEnvelope(), signer);
            outcome = evidence.verify(bundle, root(), expected, signature);
        }
        if ((policy.requireTlog() || keyless) && outcome.entries().isEmpty()) {
            throw new VerificationException(Check.TLOG_REQUIRED, "the bundle has no transparency log entry"
                    + (keyless ? ", which a certificate-signed bundle needs" : ""));
        }
        passed.addAll(outcome.checks());

        Optional<VerificationResult.CertifiedSigner> certified = Optional.empty();
        if (policy.signer() instanceof SignerTrust.Identity identity) {
            List<byte[]> chain = new ArrayList<>();
            bundle.verificationMaterial().certificates().forEach(c -> chain.add(c.der()));
            // The certificate is checked at every time the log or a timestamp authority vouches for.
            VerifiedCertificate cert = certificates.verify(chain, root(), outcome.signingTimes());
            passed.add(Check.CERTIFICATE_CHAIN);
            passed.add(Check.CERTIFICATE_VALIDITY);
            passed.add(Check.SCT);
            identity.policy().check(cert.identity());
            passed.add(Check.IDENTITY);
            certified = Optional.of(new VerificationResult.CertifiedSigner(cert.identity(), describe(cert.authority()),
                    cert.verifiedScts()));
        }

        String fingerprint = HexFormat.of().formatHex(PemPublicKeys.fingerprint(key));
        List<VerificationResult.VerifiedTime> times = new ArrayList<>();
        outcome.timestamps().forEach(t -> times.add(new VerificationResult.VerifiedTime(t.time(), describe(t.authority()))));
        return new VerificationResult(bundle.version(), bundle.messageSignature() != null ? "message-signature" : "dsse",
                algorithm, fingerprint, certified, matched, statement, outcome.entries(), times, passed);
    }

    private static SignatureAlgorithm algorithmOf(PublicKey key) throws VerificationException {
        try {
            return SignatureAlgorithm.forKey(key);
        } catch (GeneralSecurityException e) {
            throw new VerificationException(Check.KEY, e.getMessage());
        }
    }

    private TrustedRoot root() throws VerificationException {
        TrustedRoot root = trustedRoot.get();
        if (root == null) {
            throw new VerificationException(Check.TRUST_ROOT, "no trusted root is available");
        }
        return root;
    }

    private static String describe(CertificateAuthority authority) {
        if (authority.uri() != null && !authority.uri().isEmpty()) {
            return authority.uri();
        }
        return authority.subject() == null ? "(unnamed authority)" : authority.subject().commonName();
    }

    /** The key that must verify the signature: the trusted key, or the public key of the bundle's leaf certificate. */
    private static SigningMaterial signingMaterial(Bundle bundle, SignerTrust trust) throws VerificationException {
        var material = bundle.verificationMaterial();
        if (trust instanceof SignerTrust.Key k) {
            if (material.publicKey() == null) {
                throw new VerificationException(Check.KEY,
                        "the bundle is signed with a certificate, not a key; verify it with a certificate identity");
            }
            return SigningMaterial.ofKey(k.key());
        }
        if (material.certificates().isEmpty()) {
            throw new VerificationException(Check.KEY, "the bundle is signed with a key, not a certificate; verify it with --key");
        }
        try {
            return SigningMaterial.ofCertificate(material.certificates().get(0).der());
        } catch (CertificateException | IllegalArgumentException e) {
            throw new VerificationException(Check.CERTIFICATE_CHAIN, "the signing certificate cannot be parsed: " + e.getMessage());
        }
    }

    /**
     * @param recorded what a log entry must record for this signature
     * @param reported how the verified artifact is reported: its SHA-256 when known, else {@code recorded}
     */
    private record SignedDigests(Digest recorded, Digest reported) {}

    private SignedDigests verifyMessageSignature(HashOutput messageDigest, byte[] signature, Artifact artifact, PublicKey key,
            SignatureAlgorithm algorithm, List<Check> passed) throws VerificationException, IOException {
        Set<DigestAlgorithm> needed = EnumSet.of(DigestAlgorithm.SHA256);
        algorithm.hash().ifPresent(needed::add);
        Digest claimed = null;
        if (messageDigest != null) {
            try {
                claimed = messageDigest.toDigest();
            } catch (IllegalArgumentException e) {
                throw new VerificationException(Check.BUNDLE_FORMAT, "messageSignature.messageDigest: " + e.getMessage());
            }
            needed.add(claimed.algorithm());
            // an ECDSA or RSA signature is over one hash: a recorded digest of another is not what was signed
            if (algorithm.hash().isPresent() && claimed.algorithm() != algorithm.hash().get()) {
                throw new VerificationException(Check.SIGNATURE, "the bundle records a " + claimed.algorithm().intotoName()
                        + " digest, but " + algorithm.sigstoreName() + " signs " + algorithm.hash().get().intotoName()
                        + " digests: the recorded digest is not the one signed");
            }
        }
        Map<DigestAlgorithm, Digest> digests = digests(artifact, needed);
        if (claimed != null) {
            Digest actual = digests.get(claimed.algorithm());
            if (actual == null) {
                throw new VerificationException(Check.ARTIFACT_DIGEST, "the bundle records a " + claimed.algorithm().intotoName()
                        + " digest; give the artifact file or its " + claimed.algorithm().intotoName() + " digest");
            }
            if (!actual.equals(claimed)) {
                throw new VerificationException(Check.ARTIFACT_DIGEST,
                        artifact.name() + " has " + actual + " but the bundle was signed over " + claimed);
            }
            passed.add(Check.ARTIFACT_DIGEST);
        }
        boolean valid;
        if (algorithm.hash().isPresent()) {
            Digest signed = digests.get(algorithm.hash().get());
            if (signed == null) {
                throw new VerificationException(Check.SIGNATURE, algorithm.sigstoreName() + " signs "
                        + algorithm.hash().get().intotoName() + " digests; give the artifact file or its "
                        + algorithm.hash().get().intotoName() + " digest");
            }
            valid = signatures.verifyDigest(key, signed, signature);
        } else {
            valid = signatures.verifyMessage(key, wholeMessage(artifact), signature);
        }
        if (!valid) {
            throw new VerificationException(Check.SIGNATURE, "the signature over " + artifact.name()
                    + " does not verify with the given key");
        }
        passed.add(Check.SIGNATURE);
        // What a log entry must record: the digest the bundle names, else the one the key signed.
        Digest recorded = claimed != null ? claimed
                : algorithm.hash().map(digests::get).orElse(digests.get(DigestAlgorithm.SHA256));
        return new SignedDigests(recorded, digests.getOrDefault(DigestAlgorithm.SHA256, recorded));
    }

    private byte[] wholeMessage(Artifact artifact) throws VerificationException, IOException {
        if (!(artifact instanceof Artifact.FileArtifact file)) {
            throw new VerificationException(Check.SIGNATURE,
                    "Ed25519 signs the artifact itself, not its digest: give the artifact file");
        }
        try {
            return BoundedFile.read(file.path(), InputLimit.ED25519_ARTIFACT);
        } catch (InputTooLargeException e) {
            throw new VerificationException(Check.SIGNATURE, "Ed25519 message signatures over artifacts above "
                    + (MAX_ED25519_MESSAGE >> 20) + " MiB are not verified in memory");
        }
    }

    private Digest matchSubject(Statement statement, Artifact artifact) throws VerificationException, IOException {
        Set<DigestAlgorithm> offered = EnumSet.noneOf(DigestAlgorithm.class);
        for (ResourceDescriptor subject : statement.subject()) {
            for (String name : subject.digest().keySet()) {
                try {
                    offered.add(DigestAlgorithm.fromIntotoName(name));
                } catch (IllegalArgumentException e) {
                    // an algorithm Provenant does not compute cannot match; others may
                }
            }
        }
        if (offered.isEmpty()) {
            throw new VerificationException(Check.SUBJECT_DIGEST, "no subject has a sha256, sha384 or sha512 digest");
        }
        Map<DigestAlgorithm, Digest> digests = digests(artifact, offered);
        for (ResourceDescriptor subject : statement.subject()) {
            for (Digest d : digests.values()) {
                Optional<String> hex = subject.digestHex(d.algorithm().intotoName());
                if (hex.isPresent() && d.equals(Digest.ofHex(d.algorithm(), hex.get()))) {
                    return d;
                }
            }
        }
        throw new VerificationException(Check.SUBJECT_DIGEST, artifact.name()
                + (artifact instanceof Artifact.FileArtifact ? " (" + digests.values().iterator().next() + ")" : "")
                + " is not a subject of the statement");
    }

    private Map<DigestAlgorithm, Digest> digests(Artifact artifact, Set<DigestAlgorithm> algorithms) throws IOException {
        if (artifact instanceof Artifact.DigestArtifact d) {
            return algorithms.contains(d.digest().algorithm()) ? Map.of(d.digest().algorithm(), d.digest()) : Map.of();
        }
        Path path = ((Artifact.FileArtifact) artifact).path();
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "artifact does not exist");
        }
        return digester.digest(path, algorithms.toArray(new DigestAlgorithm[0]));
    }

}
