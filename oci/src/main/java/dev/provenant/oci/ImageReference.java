package dev.provenant.oci;

import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference: {@code [oci://]REGISTRY/REPOSITORY[:TAG][@sha256:HEX]}, as Docker reads it. A
 * first component without a dot or a colon that is not {@code localhost} is a Docker Hub repository.
 *
 * @param registry the registry host and port as written ({@code docker.io} for Docker Hub)
 * @param repository the repository path
 * @param tag the tag, or null
 * @param digest the manifest digest, or null
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
    /** Docker Hub, as a reference without a registry names it. */
    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
            + "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
    private static final int MAX_LENGTH = 4096;

    public ImageReference {
        if (registry == null || !HOST.matcher(registry).matches()) {
            throw new IllegalArgumentException("not a registry host: " + registry);
        }
        if (repository == null || repository.isEmpty() || repository.length() > 255) {
            throw new IllegalArgumentException("an image reference names a repository of 1 to 255 characters");
        }
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("repository '" + repository + "' is not lower-case letters, digits and separators");
            }
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("'" + tag + "' is not a valid tag");
        }
        if (digest != null && digest.algorithm() != DigestAlgorithm.SHA256) {
            throw new IllegalArgumentException("image digests are sha256");
        }
    }

    /** Reads a reference; {@code oci://} in front is allowed and dropped. With neither tag nor digest, the tag is {@code latest}. */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an image reference is REGISTRY/REPOSITORY[:TAG][@sha256:HEX]");
        }
        String rest = text.startsWith("oci://") ? text.substring("oci://".length()) : text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String d = rest.substring(at + 1);
            if (!d.startsWith("sha256:") || !Digest.looksLikeDigest(d)) {
                throw new IllegalArgumentException("'" + d + "' is not a sha256:HEX image digest");
            }
            digest = Digest.parse(d);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry;
        String repository;
        int first = rest.indexOf('/');
        String head = first < 0 ? "" : rest.substring(0, first);
        if (first >= 0 && (head.contains(".") || head.contains(":") || head.equals("localhost") || head.startsWith("["))) {
            registry = head;
            repository = rest.substring(first + 1);
        } else {
            registry = DOCKER_HUB;
            repository = rest.contains("/") ? rest : "library/" + rest;
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** The host the distribution API is served on: Docker Hub's API has a name of its own. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** The host without its port, lower case. */
    public String hostName() {
        String host = registry;
        if (host.startsWith("[")) {
            return host.substring(1, host.indexOf(']')).toLowerCase(Locale.ROOT);
        }
        int colon = host.lastIndexOf(':');
        return (colon > 0 ? host.substring(0, colon) : host).toLowerCase(Locale.ROOT);
    }

    /** Whether the registry is on this machine's loopback interface, where plain HTTP is allowed. */
    public boolean isLoopback() {
        String host = hostName();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    public Optional<String> tagIfAny() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digestIfAny() {
        return Optional.ofNullable(digest);
    }

    /** This repository at {@code d}, without a tag. */
    public ImageReference withDigest(Digest d) {
        return new ImageReference(registry, repository, null, d);
    }

    /** This repository at tag {@code t}, without a digest. */
    public ImageReference withTag(String t) {
        return new ImageReference(registry, repository, t, null);
    }

    /** {@code REGISTRY/REPOSITORY}, as a statement subject names the image. */
    public String repositoryName() {
        return registry + "/" + repository;
    }

    @Override
    public String toString() {
        return repositoryName() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
