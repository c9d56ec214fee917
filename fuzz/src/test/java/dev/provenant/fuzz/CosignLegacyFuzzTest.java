package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.oci.CosignLegacy;
import dev.provenant.oci.Descriptor;
import dev.provenant.oci.Manifest;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.identity.IdentityPolicy;
import java.util.List;

/**
 * A cosign legacy {@code .sig} or {@code .att} manifest as {@code verify-image} reads it: the manifest and
 * its layer descriptors, each layer's annotations (signature, certificate, chain, Rekor bundle, RFC 3161
 * timestamp) turned into a bundle, which is verified end to end against the fixture stack's trusted root,
 * with the fixture artifact as the simple-signing payload and the fixture envelope as the attestation.
 */
class CosignLegacyFuzzTest {
    private static final BundleVerifier VERIFIER = new BundleVerifier(Fixtures.trustedRoot());
    private static final byte[] PAYLOAD = Fixtures.bytes(Fixtures.ARTIFACT);
    private static final List<Artifact> SIGNED = List.of(new Artifact.DigestArtifact(BundleFuzzTest.sha256(PAYLOAD)));
    private static final byte[] ENVELOPE = Fixtures.bundle(Fixtures.DSSE_BUNDLE).dsseEnvelope().toJson();
    private static final VerificationPolicy ANYONE = VerificationPolicy.ofIdentity(IdentityPolicy.of(null, ".*", null, ".*"));

    @FuzzTest(maxDuration = "5s")
    void legacyManifest(byte[] input) throws Exception {
        Outcome.expect(() -> {
            Manifest manifest = Manifest.parse(input, Manifest.OCI_MANIFEST);
            for (Descriptor layer : manifest.layers()) {
                CosignLegacy.timestamp(layer.annotations());
                if (layer.mediaType().equals(CosignLegacy.DSSE_MEDIA_TYPE)) {
                    Bundle bundle = CosignLegacy.attestationBundle(layer.annotations(), ENVELOPE);
                    VERIFIER.verify(bundle, SIGNED, ANYONE);
                } else {
                    Bundle bundle = CosignLegacy.signatureBundle(layer.annotations(), PAYLOAD);
                    VERIFIER.verify(bundle, SIGNED, ANYONE);
                }
            }
        }, FormatException.class, VerificationException.class);
    }
}
