package dev.provenant.attest.slsa;

import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.intoto.ResourceDescriptor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A Maven artifact as an in-toto resource descriptor: its package URL ({@code pkg:maven/GROUP/ARTIFACT@VERSION},
 * with type, classifier and the repository it came from as qualifiers), its digests, and the address it
 * was downloaded from. Used for {@code resolvedDependencies} in provenance of Maven builds.
 *
 * @param groupId the group
 * @param artifactId the artifact
 * @param version the version
 * @param classifier the classifier, or empty
 * @param extension the file extension, for example {@code jar}
 * @param repositoryUrl the remote repository's base URL, or empty when it is not known (a locally built artifact)
 */
public record MavenArtifactDescriptor(String groupId, String artifactId, String version, String classifier,
        String extension, String repositoryUrl) {

    public MavenArtifactDescriptor {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
        classifier = classifier == null ? "" : classifier;
        extension = extension == null || extension.isEmpty() ? "jar" : extension;
        repositoryUrl = repositoryUrl == null ? "" : repositoryUrl;
    }

    /** {@code GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION}, Maven's own notation. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }

    /** The file name in a repository: {@code ARTIFACT-VERSION[-CLASSIFIER].EXTENSION}. */
    public String fileName() {
        return artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
    }

    /** The package URL, as the purl specification writes Maven artifacts. */
    public String packageUrl() {
        StringBuilder purl = new StringBuilder("pkg:maven/").append(encode(groupId)).append('/').append(encode(artifactId))
                .append('@').append(encode(version));
        Map<String, String> qualifiers = new TreeMap<>(); // purl qualifiers are sorted by key
        if (!classifier.isEmpty()) {
            qualifiers.put("classifier", classifier);
        }
        if (!extension.equals("jar")) {
            qualifiers.put("type", extension);
        }
        if (!repositoryUrl.isEmpty()) {
            qualifiers.put("repository_url", repositoryUrl);
        }
        if (!qualifiers.isEmpty()) {
            StringJoiner q = new StringJoiner("&", "?", "");
            qualifiers.forEach((k, v) -> q.add(k + "=" + encode(v)));
            purl.append(q);
        }
        return purl.toString();
    }

    /** Where the file was (or would be) downloaded from, or empty when the repository is not known. */
    public String downloadLocation() {
        if (repositoryUrl.isEmpty()) {
            return "";
        }
        String base = repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/";
        return base + groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + fileName();
    }

    /** The descriptor for {@code resolvedDependencies}: name, package URL, digests and download location. */
    public ResourceDescriptor describe(Digest... digests) {
        ResourceDescriptor digestsOnly = ResourceDescriptor.of(coordinates(), digests);
        String location = downloadLocation();
        return new ResourceDescriptor(coordinates(), packageUrl(), digestsOnly.digest(), null,
                location.isEmpty() ? null : location, null, null);
    }

    private static String encode(String value) {
        // purl percent-encodes; URLEncoder's form encoding differs only in spaces, which purl writes as %20
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/").replace("%3A", ":");
    }
}
