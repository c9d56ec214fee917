package dev.provenant.verifier.npm;

import dev.provenant.attest.digest.Digest;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.provenance.VerifiedProvenance;
import java.util.List;

/**
 * An npm package whose registry publish attestation and SLSA provenance both held.
 *
 * @param id the package and version both attestations name
 * @param tarball the tarball's SHA-512, the digest both attestations' subject has
 * @param registryKey the registry key that signed the publish attestation
 * @param publish the publish attestation's bundle verification
 * @param provenanceBundle the provenance's bundle verification (signature, log, certificate)
 * @param provenance what the provenance says and which of its checks held
 * @param builder the builder accepted: a trusted builder's id or npm's runner id
 * @param checked one line per npm-specific check that held
 */
public record VerifiedNpmPackage(NpmPackageId id, Digest tarball, NpmRegistryKeys.Key registryKey, VerificationResult publish,
        VerificationResult provenanceBundle, VerifiedProvenance provenance, String builder, List<String> checked) {
    public VerifiedNpmPackage {
        checked = List.copyOf(checked);
    }
}
