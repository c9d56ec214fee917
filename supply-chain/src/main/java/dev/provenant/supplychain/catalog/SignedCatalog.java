package dev.provenant.supplychain.catalog;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A catalog read only after its Sigstore bundle ({@code CATALOG.sigstore.json} beside it) verified for it under the
 * caller's policy (a trusted key or keyless identity, built as every front end builds one), so that a build cannot be
 * pointed at a weakened catalog. The file is read once: the bundle is verified over a private copy of the very bytes
 * that are then parsed, so the catalog cannot change between the check and its use.
 */
public final class SignedCatalog {
    /** Appended to the catalog's file name to name its bundle. */
    public static final String BUNDLE_SUFFIX = ".sigstore.json";

    private final DependencyCatalog catalog;
    private final VerificationResult verification;
    private final String sha256;

    private SignedCatalog(DependencyCatalog catalog, VerificationResult verification, String sha256) {
        this.catalog = catalog;
        this.verification = verification;
        this.sha256 = sha256;
    }

    public DependencyCatalog catalog() {
        return catalog;
    }

    /** What the bundle's verification established (the signer, log entries, timestamps). */
    public VerificationResult verification() {
        return verification;
    }

    /** The SHA-256 (hex) of the catalog bytes that were verified and read. */
    public String sha256() {
        return sha256;
    }

    public static Path bundleOf(Path catalog) {
        return catalog.resolveSibling(catalog.getFileName() + BUNDLE_SUFFIX);
    }

    /**
     * Verifies the catalog's bundle, then reads the catalog.
     *
     * @throws VerificationException when the bundle is missing or does not verify for these bytes under {@code policy}
     *     (a tampered catalog fails its {@link Check#ARTIFACT_DIGEST} or {@link Check#SUBJECT_DIGEST} check)
     * @throws FormatException when the bundle or the verified catalog is malformed
     * @throws IOException when either cannot be read, or is larger than its cap
     */
    public static SignedCatalog read(Path catalog, BundleVerifier verifier, VerificationPolicy policy)
            throws IOException, FormatException, VerificationException {
        byte[] bytes = BoundedFile.read(catalog, InputLimit.CATALOG);
        Path bundlePath = bundleOf(catalog);
        if (!Files.isRegularFile(bundlePath)) {
            throw new VerificationException(Check.BUNDLE_FORMAT, "catalog " + catalog + " has no bundle " + bundlePath.getFileName()
                    + " beside it: sign the catalog into that file, and review what it approves first");
        }
        Bundle bundle = Bundle.read(bundlePath);
        String hex = sha256(bytes);
        VerificationResult result;
        // The bundle is verified over a private copy of the bytes read, not the file: whatever digest the signer chose
        // (SHA-384 with a P-384 key, the whole message with Ed25519), it is the bytes parsed below that verify.
        Path copy = Files.createTempFile("provenant-catalog-", ".json",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(copy, bytes);
            result = verifier.verify(bundle, List.of(new Artifact.FileArtifact(copy)), policy);
        } catch (VerificationException e) {
            throw new VerificationException(e.check(), "catalog " + catalog + ": its bundle " + bundlePath.getFileName()
                    + " does not verify: " + e.getMessage().replace(copy.toString(), catalog.getFileName().toString()), e);
        } finally {
            Files.deleteIfExists(copy);
        }
        return new SignedCatalog(DependencyCatalog.parse(bytes, catalog.toString()), result, hex);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
