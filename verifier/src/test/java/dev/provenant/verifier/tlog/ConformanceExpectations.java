package dev.provenant.verifier.tlog;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.trust.SharedTestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;

/** Builds what a conformance case's log entry must record, the way a bundle verifier would. */
final class ConformanceExpectations {
    private ConformanceExpectations() {}

    static ExpectedBody of(String caseName, Bundle bundle) {
        SigningMaterial signer = signer(caseName, bundle);
        if (bundle.messageSignature() != null) {
            return ExpectedBody.messageSignature(artifactDigest(caseName), bundle.messageSignature().signatureBytes(), signer);
        }
        return ExpectedBody.envelope(bundle.dsseEnvelope(), signer);
    }

    static SigningMaterial signer(String caseName, Bundle bundle) {
        if (Files.exists(SharedTestData.conformanceCase(caseName).resolve("key.pub"))) {
            return SigningMaterial.ofKey(SharedTestData.key(caseName));
        }
        try {
            return SigningMaterial.ofCertificate(bundle.verificationMaterial().certificates().get(0).der());
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case's own artifact when it has one, else the suite's a.txt. */
    static Digest artifactDigest(String caseName) {
        Path own = SharedTestData.conformanceCase(caseName).resolve("artifact");
        if (!Files.exists(own)) {
            return SharedTestData.artifactDigest();
        }
        try {
            return new ArtifactDigester().digest(own, DigestAlgorithm.SHA256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
