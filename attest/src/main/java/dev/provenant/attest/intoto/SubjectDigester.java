package dev.provenant.attest.intoto;

import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Turns artifact files into statement subjects: the file name and its digests, streamed. */
public final class SubjectDigester {
    private final ArtifactDigester digester;
    private final DigestAlgorithm[] algorithms;

    public SubjectDigester(ArtifactDigester digester, DigestAlgorithm... algorithms) {
        this.digester = digester;
        this.algorithms = algorithms.length == 0 ? new DigestAlgorithm[] {DigestAlgorithm.SHA256} : algorithms.clone();
    }

    /** Subjects named by their file names. */
    public List<ResourceDescriptor> subjects(List<Path> artifacts) throws IOException {
        return subjects(artifacts, p -> p.getFileName().toString());
    }

    /** Subjects named by {@code naming}, for example the path as the user gave it. */
    public List<ResourceDescriptor> subjects(List<Path> artifacts, Function<Path, String> naming) throws IOException {
        List<ResourceDescriptor> out = new ArrayList<>(artifacts.size());
        for (Path artifact : artifacts) {
            var digests = digester.digest(artifact, algorithms);
            out.add(ResourceDescriptor.of(naming.apply(artifact), digests.values().toArray(new Digest[0])));
        }
        return out;
    }
}
