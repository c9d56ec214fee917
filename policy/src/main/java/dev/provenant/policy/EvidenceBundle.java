package dev.provenant.policy;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A bundle presented as evidence, with the URI and SHA-256 digest a VSA records for it as an input
 * attestation.
 *
 * @param uri how the bundle is named (its path as given, or a URI)
 * @param digest SHA-256 of the bundle file's bytes
 */
public record EvidenceBundle(String uri, Digest digest, Bundle bundle) {
    public EvidenceBundle {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(bundle, "bundle");
    }

    /** Reads a bundle file; its digest is over exactly the bytes read. */
    public static EvidenceBundle read(Path file) throws IOException, FormatException {
        byte[] bytes = JsonValue.readDocument(file, InputLimit.BUNDLE);
        return of(file.toString(), bytes);
    }

    /** A bundle from its serialised bytes. */
    public static EvidenceBundle of(String uri, byte[] bytes) throws FormatException {
        Bundle bundle = Bundle.parse(bytes);
        return new EvidenceBundle(uri, new Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(bytes)),
                bundle);
    }
}
