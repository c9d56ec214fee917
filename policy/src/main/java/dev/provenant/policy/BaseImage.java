package dev.provenant.policy;

import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A base image as a build's provenance or {@code promote --base-image} names it: its repository and, when
 * pinned, its sha256 manifest digest.
 *
 * <p>A resolved dependency is a base image when its URI is one of {@code oci://REGISTRY/REPOSITORY[:TAG][@sha256:HEX]},
 * {@code docker://…} (the same), {@code pkg:docker/NAMESPACE/NAME@VERSION[?repository_url=REGISTRY]} or
 * {@code pkg:oci/NAME@sha256%3AHEX?repository_url=REGISTRY/REPOSITORY} (package URLs). Its digest is the
 * descriptor's {@code sha256}, or the one in its URI; both given and different is a contradiction, and the
 * image is then not pinned.
 *
 * @param name what the image is called in verdicts: the URI as written
 * @param repository {@code REGISTRY/REPOSITORY}, where its signatures are looked for
 * @param digest the sha256 manifest digest, when pinned
 * @param problem why it is not pinned, when it is not
 */
public record BaseImage(String name, String repository, Optional<Digest> digest, Optional<String> problem) {
    /** The longest URI read as a base image. */
    static final int MAX_URI = 2048;

    /** The base image a resolved dependency names, if it names one. */
    public static Optional<BaseImage> of(ResourceDescriptor dependency) {
        String uri = dependency.uri();
        if (uri == null || uri.length() > MAX_URI) {
            return Optional.empty();
        }
        Optional<String> listed = Optional.ofNullable(dependency.digest()).map(d -> d.get("sha256"));
        String reference;
        if (uri.startsWith("oci://")) {
            reference = uri.substring("oci://".length());
        } else if (uri.startsWith("docker://")) {
            reference = uri.substring("docker://".length());
        } else if (uri.startsWith("pkg:docker/") || uri.startsWith("pkg:oci/")) {
            reference = fromPackageUrl(uri);
            if (reference == null) {
                return Optional.of(new BaseImage(uri, uri, Optional.empty(), Optional.of("a package URL that names no repository")));
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(pinned(uri, reference, listed));
    }

    /** An image given by the user, {@code [oci://]REGISTRY/REPOSITORY[:TAG]@sha256:HEX}. */
    public static BaseImage given(String image) {
        String reference = image.startsWith("oci://") ? image.substring("oci://".length()) : image;
        return pinned(image, reference, Optional.empty());
    }

    private static BaseImage pinned(String name, String reference, Optional<String> listedHex) {
        int at = reference.indexOf('@');
        String repository = stripTag(at < 0 ? reference : reference.substring(0, at));
        Optional<Digest> inUri = Optional.empty();
        if (at >= 0) {
            String digest = reference.substring(at + 1);
            if (!digest.startsWith("sha256:")) {
                return new BaseImage(name, repository, Optional.empty(), Optional.of("pinned by " + digest.split(":", 2)[0]
                        + ", not sha256"));
            }
            try {
                inUri = Optional.of(Digest.parse(digest));
            } catch (IllegalArgumentException e) {
                return new BaseImage(name, repository, Optional.empty(), Optional.of("its digest is malformed: " + e.getMessage()));
            }
        }
        // a descriptor's digest set is checked when it is read (lowercase hex of the algorithm's length)
        Optional<Digest> listed = listedHex.map(hex -> Digest.ofHex(DigestAlgorithm.SHA256, hex));
        if (inUri.isPresent() && listed.isPresent() && !inUri.get().equals(listed.get())) {
            return new BaseImage(name, repository, Optional.empty(), Optional.of("its URI names " + inUri.get()
                    + " but its digest is " + listed.get()));
        }
        Optional<Digest> digest = inUri.or(() -> listed);
        return new BaseImage(name, repository, digest, digest.isPresent() ? Optional.empty() : Optional.of("not pinned by a digest"));
    }

    /** {@code REGISTRY/REPOSITORY} without a {@code :TAG} (a colon after the last slash). */
    private static String stripTag(String reference) {
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        return colon > slash && slash >= 0 ? reference.substring(0, colon) : reference;
    }

    /** {@code REGISTRY/REPOSITORY[@VERSION]} of a pkg:docker or pkg:oci package URL, or null. */
    private static String fromPackageUrl(String purl) {
        String rest = purl.substring(purl.indexOf('/') + 1);
        String qualifiers = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            qualifiers = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int hash = qualifiers.indexOf('#');
        if (hash >= 0) {
            qualifiers = qualifiers.substring(0, hash);
        }
        int at = rest.indexOf('@');
        String path = decode(at < 0 ? rest : rest.substring(0, at));
        String version = at < 0 ? null : decode(rest.substring(at + 1));
        String repositoryUrl = null;
        for (String pair : qualifiers.split("&")) {
            if (pair.startsWith("repository_url=")) {
                repositoryUrl = decode(pair.substring("repository_url=".length()));
            }
        }
        if (path.isEmpty()) {
            return null;
        }
        String repository;
        if (purl.startsWith("pkg:oci/")) {
            // pkg:oci: the name is the last path segment; repository_url is the whole repository
            repository = repositoryUrl != null ? repositoryUrl : "docker.io/library/" + path;
        } else {
            String registry = repositoryUrl != null ? repositoryUrl : "docker.io";
            repository = registry + "/" + (path.contains("/") || !registry.equals("docker.io") ? path : "library/" + path);
        }
        if (version == null) {
            return repository;
        }
        return version.startsWith("sha256:") ? repository + "@" + version : repository + ":" + version;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
