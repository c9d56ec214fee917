package dev.provenant.cli;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.intoto.SubjectDigester;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.Signer;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.signer.file.KeyType;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.crypto.SignatureVerifier;
import dev.provenant.verifier.pkix.CertificateSignature;
import dev.provenant.verifier.trust.CertificateAuthority;
import dev.provenant.verifier.trust.TrustedRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An installation check: round trips through signing and verification with throwaway keys, each
 * tamper rejected, and the shipped trusted root read with its certificate chains checked. Every step
 * runs the same library code a real command runs.
 */
final class SelfTest {
    record Report(boolean passed, List<String> lines) {}

    Report run() throws IOException {
        List<String> lines = new ArrayList<>();
        boolean passed = true;
        Path dir = Files.createTempDirectory("provenant-self-test");
        try {
            Path artifact = Files.writeString(dir.resolve("artifact.txt"), "provenant self-test artifact\n");
            TrustedRoot root = TrustedRoot.publicGood();
            BundleVerifier verifier = new BundleVerifier(root);
            for (KeyType type : new KeyType[] {KeyType.ECDSA_P256, KeyType.ED25519}) {
                passed &= step(lines, "sign and verify with " + type.cliName(), () -> roundTrip(type, artifact, dir, verifier));
            }
            passed &= step(lines, "shipped trusted root: " + root.tlogs().size() + " log(s), " + root.certificateAuthorities().size()
                    + " CA(s), " + root.timestampAuthorities().size() + " TSA(s)", () -> checkChains(root));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return new Report(passed, lines);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static boolean step(List<String> lines, String name, Step step) {
        try {
            step.run();
            lines.add("ok    " + name);
            return true;
        } catch (Exception | AssertionError e) {
            lines.add("FAIL  " + name + ": " + e.getMessage());
            return false;
        }
    }

    private static void roundTrip(KeyType type, Path artifact, Path dir, BundleVerifier verifier) throws Exception {
        Signer signer = signer(type);
        BundleSigner bundles = new BundleSigner(signer, new ArtifactDigester());
        VerificationPolicy policy = VerificationPolicy.ofKey(signer.publicKey());
        List<Artifact> target = List.of(new Artifact.FileArtifact(artifact));
        Bundle signed = Bundle.parse(bundles.signArtifact(artifact).toJson());
        verifier.verify(signed, target, policy);
        Statement statement = Statement.of(new SubjectDigester(new ArtifactDigester()).subjects(List.of(artifact)),
                "https://provenant.dev/self-test/v1", JsonCodec.mapper().createObjectNode());
        Bundle attested = Bundle.parse(bundles.attest(statement).toJson());
        verifier.verify(attested, target, policy);
        Path other = Files.writeString(dir.resolve("tampered-" + type.cliName()), "tampered");
        for (Bundle b : new Bundle[] {signed, attested}) {
            try {
                verifier.verify(b, List.of(new Artifact.FileArtifact(other)), policy);
                throw new AssertionError("a tampered artifact verified");
            } catch (VerificationException expected) {
                // the verifier must refuse it
            }
        }
    }

    private static Signer signer(KeyType type) throws Exception {
        try {
            return new FileKeySigner(type.generate(), "throwaway " + type.cliName() + " key");
        } catch (KeyReferenceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Checks the chains with the verifier's own certificate signature code, so the class-data archive holds it too. */
    private static void checkChains(TrustedRoot root) throws Exception {
        CertificateSignature signatures = new CertificateSignature(new SignatureVerifier());
        List<CertificateAuthority> authorities = new ArrayList<>(root.certificateAuthorities());
        authorities.addAll(root.timestampAuthorities());
        for (CertificateAuthority ca : authorities) {
            List<X509Certificate> chain = ca.certificates();
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate issuer = chain.get(Math.min(i + 1, chain.size() - 1));
                if (!signatures.verifies(chain.get(i), issuer.getPublicKey())) {
                    throw new AssertionError(chain.get(i).getSubjectX500Principal().getName() + " is not signed by "
                            + issuer.getSubjectX500Principal().getName());
                }
            }
        }
    }
}
