package dev.provenant.oci.testing;

import dev.provenant.oci.Descriptor;
import dev.provenant.oci.ImageReference;
import dev.provenant.oci.Manifest;
import dev.provenant.oci.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small images made by tests: pushed with Provenant's client, or written as an OCI layout for skopeo to push. */
public final class TestImages {
    public static final Path SKOPEO = Path.of("/usr/bin/skopeo");

    private TestImages() {}

    /** The manifest of an image whose one layer is {@code seed}'s bytes, and its blobs. */
    public record Image(byte[] manifest, byte[] config, byte[] layer) {
        public String digest() {
            return Manifest.sha256(manifest).toString();
        }
    }

    public static Image image(String seed) {
        byte[] layer = ("layer of " + seed).getBytes(StandardCharsets.UTF_8);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Manifest.sha256(layer) + "\"]},\"config\":{\"Labels\":{\"seed\":\"" + seed + "\"}}}").getBytes(StandardCharsets.UTF_8);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Manifest.sha256(config) + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + Manifest.sha256(layer)
                + "\",\"size\":" + layer.length + "}]}";
        return new Image(manifest.getBytes(StandardCharsets.UTF_8), config, layer);
    }

    /** Pushes {@code image} to {@code ref}'s repository under its tag, with Provenant's client. */
    public static Descriptor push(RegistryClient client, ImageReference ref, Image image) throws Exception {
        client.pushBlob(ref, image.config());
        client.pushBlob(ref, image.layer());
        client.pushManifest(ref, ref.tag() != null ? ref.tag() : image.digest(), image.manifest(), Manifest.OCI_MANIFEST);
        return Descriptor.of(Manifest.OCI_MANIFEST, image.manifest());
    }

    /** Writes {@code image} as an OCI image layout in {@code dir}, tagged {@code tag}. */
    public static Path layout(Path dir, Image image, String tag) throws Exception {
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        for (byte[] blob : List.of(image.manifest(), image.config(), image.layer())) {
            Files.write(blobs.resolve(Manifest.sha256(blob).hex()), blob);
        }
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_INDEX
                + "\",\"manifests\":[{\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"digest\":\"" + image.digest() + "\",\"size\":"
                + image.manifest().length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
        return dir;
    }

    /** Runs skopeo with {@code args}; its output, or a failure with it. */
    public static String skopeo(String... args) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(SKOPEO), "skopeo is not installed (apt-get install skopeo); skipped");
        List<String> command = new ArrayList<>(List.of(SKOPEO.toString(), "--insecure-policy"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("skopeo " + String.join(" ", args) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
