package dev.provenant.intoto.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.sandbox.SandboxEvidence;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The sandbox record SLSA provenance carries when its subjects were built by a sandboxed step
 * ({@code provenant provenance --sandbox-link}): from a link whose signature verified, which records a
 * bubblewrap sandbox, whose run exited 0 with its writes kept, and whose products include every subject
 * (each subject's digests equal to a product's for every algorithm both name, at least one) while no
 * material does (a subject the step consumed unchanged was not built by it).
 */
public final class SandboxedBuild {
    private SandboxedBuild() {}

    /**
     * As {@link #record(VerifiedLink, List)}, for the link in {@code linkFile} (read up to
     * {@link InputLimit#INTOTO_METADATA}), whose signature by {@code functionary} must verify first.
     *
     * @throws FormatException when the file is not JSON of a metablock
     * @throws IOException when it cannot be read
     */
    public static ObjectNode record(Path linkFile, SslibPublicKey functionary, List<ResourceDescriptor> subjects)
            throws IOException, FormatException, VerificationException {
        Metablock block = Metablock.parse(JsonValue.readDocument(linkFile, InputLimit.INTOTO_METADATA));
        return record(LinkVerifier.verify(block, functionary), subjects);
    }

    /**
     * @return the record for {@code buildDefinition.internalParameters["provenant.dev/sandbox"]}
     * @throws VerificationException {@link Check#SANDBOX} when the link records no sandbox or a run that did not
     *     succeed, {@link Check#ARTIFACT_DIGEST} when a subject is not among its products or is among its materials
     */
    public static ObjectNode record(VerifiedLink verified, List<ResourceDescriptor> subjects) throws VerificationException {
        Link link = verified.link();
        String which = "the link of step '" + link.name() + "' by key " + verified.keyid();
        if (SandboxEvidence.read(link.environment()).isEmpty()) {
            throw new VerificationException(Check.SANDBOX, which + " does not record a sandbox: run the step with provenant run"
                    + " --sandbox, or make the provenance without --sandbox-link");
        }
        Optional<String> failed = SandboxEvidence.unsuccessful(link.byproducts());
        if (failed.isPresent()) {
            throw new VerificationException(Check.SANDBOX, which + " " + failed.get());
        }
        if (subjects.isEmpty()) {
            throw new VerificationException(Check.ARTIFACT_DIGEST, "no subjects to match against the products of " + which);
        }
        for (ResourceDescriptor subject : subjects) {
            String name = subject.name() == null ? subject.digest().toString() : subject.name();
            if (find(subject, link.products()).isEmpty()) {
                TreeSet<String> algorithms = new TreeSet<>();
                link.products().values().forEach(d -> algorithms.addAll(d.keySet()));
                boolean shared = subject.digest().keySet().stream().anyMatch(algorithms::contains);
                throw new VerificationException(Check.ARTIFACT_DIGEST, "subject " + name + " is not among the products of " + which
                        + (shared || algorithms.isEmpty() ? " (no product has its digest)" : " (its digests share no algorithm with"
                                + " the products', " + String.join(", ", algorithms) + ": digest the subjects with " + algorithms.first()
                                + " too)") + ": the provenance's subjects must be what the sandboxed step produced");
            }
            Optional<String> material = find(subject, link.materials());
            if (material.isPresent()) {
                throw new VerificationException(Check.ARTIFACT_DIGEST, "subject " + name + " has the digest of material "
                        + material.get() + " of " + which + ": the step consumed it, it did not build it (clean before the build)");
            }
        }
        return SandboxEvidence.provenanceRecord(link.name(), verified.keyid(), link.environment(), link.byproducts());
    }

    /** The first artifact whose digests equal the subject's for every algorithm both carry, and that shares at least one. */
    private static Optional<String> find(ResourceDescriptor subject, Map<String, Map<String, String>> artifacts) {
        for (var e : artifacts.entrySet()) {
            boolean shared = false;
            boolean equal = true;
            for (var d : subject.digest().entrySet()) {
                String other = e.getValue().get(d.getKey());
                if (other != null) {
                    shared = true;
                    equal &= other.equalsIgnoreCase(d.getValue());
                }
            }
            if (shared && equal) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }
}
