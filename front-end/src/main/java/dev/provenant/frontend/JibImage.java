package dev.provenant.frontend;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.oci.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The image Jib says it pushed, from the files {@code jib:build} writes: {@code jib-image.json}
 * ({@code image}, {@code imageDigest}, {@code tags}, {@code imagePushed}; other members, such as
 * {@code imageId}, are ignored) or, without it, {@code jib-image.digest} with the image named separately.
 * Both are read bounded ({@link InputLimit#JIB_IMAGE}) and strictly (duplicate members, trailing content
 * and a wrong type are refused). An image Jib did not push ({@code "imagePushed": false}, as after
 * {@code jib:dockerBuild} or {@code jib:buildTar}) is refused: nothing in a registry could be signed.
 *
 * @param pinned the image by digest, without a tag
 * @param tags the tags Jib pushed it under, for the log only: what is signed is the digest
 */
public record JibImage(ImageReference pinned, List<String> tags) {
    public JibImage {
        tags = List.copyOf(tags);
    }

    /** Reads {@code jib-image.json}. */
    public static JibImage readJson(Path file) throws IOException, SetupException {
        byte[] bytes = read(file);
        JsonValue root;
        try {
            root = JsonValue.parse(bytes, file.toString());
        } catch (FormatException e) {
            throw new SetupException(file + " is not Jib's image JSON: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new SetupException(file + " is not Jib's image JSON: not a JSON object");
        }
        String image = requiredText(root, "image", file);
        String digest = requiredText(root, "imageDigest", file);
        JsonValue pushed = root.path("imagePushed");
        if (pushed.asBoolean() == null) {
            throw new SetupException(file + " has no boolean imagePushed: it is not what jib:build writes");
        }
        if (!pushed.asBoolean()) {
            throw new SetupException(file + " says Jib did not push " + image + " (imagePushed is false, as after jib:dockerBuild or"
                    + " jib:buildTar): run jib:build, which pushes the image to its registry, before signing it");
        }
        List<String> tags;
        try {
            tags = root.texts("tags");
        } catch (FormatException e) {
            throw new SetupException(file + ": " + e.getMessage(), e);
        }
        return new JibImage(pin(image, digest, file), tags);
    }

    /**
     * Reads {@code jib-image.digest} (the digest alone, as Jib writes it, a final newline allowed) for the
     * image {@code image} names (a repository, a tag is dropped; a digest in it must be the file's).
     */
    public static JibImage readDigest(Path file, String image) throws IOException, SetupException {
        String text = new String(read(file), StandardCharsets.UTF_8).strip();
        if (!text.startsWith("sha256:") || !Digest.looksLikeDigest(text)) {
            throw new SetupException(file + " does not hold a sha256:HEX image digest, as jib-image.digest does");
        }
        return new JibImage(pin(image, text, file), List.of());
    }

    /**
     * The image Jib pushed: {@code json} when it exists, else {@code digestFile} with {@code image}; neither
     * is a setup error saying to run jib:build first.
     */
    public static JibImage find(Path json, Path digestFile, String image) throws IOException, SetupException {
        if (Files.exists(json)) {
            return readJson(json);
        }
        if (Files.exists(digestFile)) {
            if (image == null || image.isBlank()) {
                throw new SetupException("there is no " + json + ", only " + digestFile + ", which does not name the image: name it"
                        + " (the repository Jib pushed to), or use a Jib that writes jib-image.json");
            }
            return readDigest(digestFile, image);
        }
        throw new SetupException("Jib wrote neither " + json + " nor " + digestFile + ": run jib:build (which pushes the image and"
                + " writes them) before signing the image");
    }

    private static byte[] read(Path file) throws IOException, SetupException {
        try {
            return JsonValue.readDocument(file, InputLimit.JIB_IMAGE);
        } catch (NoSuchFileException e) {
            throw new SetupException("no such file: " + file + "; run jib:build before signing the image", e);
        }
    }

    private static String requiredText(JsonValue root, String name, Path file) throws SetupException {
        JsonValue v = root.path(name);
        if (!v.isString() || v.asText().isEmpty()) {
            throw new SetupException(file + " has no " + name + " string: it is not what jib:build writes");
        }
        return v.asText();
    }

    private static ImageReference pin(String image, String digest, Path file) throws SetupException {
        if (!digest.startsWith("sha256:") || !Digest.looksLikeDigest(digest)) {
            throw new SetupException(file + ": '" + digest + "' is not a sha256:HEX image digest");
        }
        Digest d = Digest.parse(digest);
        ImageReference ref;
        try {
            ref = ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw new SetupException("image " + image + " (from " + file + "): " + e.getMessage(), e);
        }
        if (ref.digestIfAny().isPresent() && !ref.digestIfAny().get().equals(d)) {
            throw new SetupException("image " + image + " names another digest than " + file + " (" + digest + ")");
        }
        return ref.withDigest(d);
    }
}
