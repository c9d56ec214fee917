package dev.provenant.verifier.trust;

import dev.provenant.attest.testing.ConformanceSuite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.function.UnaryOperator;

/**
 * The Sigstore conformance suite's cases (optional, found by {@link ConformanceSuite}: a test that reads
 * one is skipped when the suite was not given) and the public-good trusted root Provenant ships.
 */
public final class SharedTestData {
    private SharedTestData() {}

    /** A case's folder; skips the calling test when the conformance suite was not given. */
    public static Path conformanceCase(String name) {
        return ConformanceSuite.bundleVerify(name);
    }

    public static Bundle bundle(String caseName) {
        return bundle(caseName, UnaryOperator.identity());
    }

    /**
     * Reads a case's bundle after {@code edit} changed its JSON. Rekor v2 entries have no
     * {@code integratedTime}; the attest {@code TransparencyLogEntry} record cannot read an absent
     * primitive yet, so it is filled in as 0, which is what protobuf JSON means by an absent int64.
     */
    public static Bundle bundle(String caseName, UnaryOperator<ObjectNode> edit) {
        try {
            ObjectNode json = (ObjectNode) JsonCodec.readTree(
                    Files.readAllBytes(conformanceCase(caseName).resolve("bundle.sigstore.json")), "bundle");
            for (JsonNode entry : json.path("verificationMaterial").path("tlogEntries")) {
                if (!entry.has("integratedTime")) {
                    ((ObjectNode) entry).put("integratedTime", "0");
                }
            }
            return Bundle.parse(JsonCodec.write(edit.apply(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FormatException e) {
            throw new IllegalStateException(caseName + ": " + e.getMessage(), e);
        }
    }

    public static TrustedRoot publicGoodFile() {
        try {
            return TrustedRoot.parse(TrustedRoot.publicGoodJson());
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case's own trusted_root.json, or the public-good root when it has none (the suite's rule). */
    public static TrustedRoot trustedRootFor(String caseName) {
        Path own = conformanceCase(caseName).resolve("trusted_root.json");
        return Files.exists(own) ? readRoot(own) : publicGoodFile();
    }

    public static PublicKey key(String caseName) {
        try {
            return PemPublicKeys.parse(Files.readString(conformanceCase(caseName).resolve("key.pub")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the suite's default artifact a.txt. */
    public static Digest artifactDigest() {
        try {
            return new ArtifactDigester().digest(ConformanceSuite.bundleVerify("a.txt"), DigestAlgorithm.SHA256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TrustedRoot readRoot(Path file) {
        try {
            return TrustedRoot.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FormatException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
