package dev.provenant.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.InputTooLargeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jib's jib-image.json and jib-image.digest, read strictly and bounded; an image Jib did not push is refused. */
class JibImageTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OTHER = "sha256:" + "cd".repeat(32);

    @TempDir
    Path dir;

    private Path json(String text) throws IOException {
        return Files.writeString(dir.resolve("jib-image.json"), text);
    }

    private static String jib(String image, String digest, String pushed) {
        return "{\"image\":\"" + image + "\",\"imageId\":\"" + OTHER + "\",\"imageDigest\":\"" + digest
                + "\",\"tags\":[\"1.0\",\"latest\"],\"imagePushed\":" + pushed + "}";
    }

    @Test
    void whatJibBuildWritesIsPinnedByDigest() throws Exception {
        JibImage image = JibImage.readJson(json(jib("127.0.0.1:5000/demo/app:1.0", DIGEST, "true")));
        assertThat(image.pinned().toString()).isEqualTo("127.0.0.1:5000/demo/app@" + DIGEST);
        assertThat(image.pinned().tagIfAny()).isEmpty();
        assertThat(image.tags()).containsExactly("1.0", "latest");
    }

    @Test
    void anImageJibDidNotPushIsRefused() throws Exception {
        assertThatThrownBy(() -> JibImage.readJson(json(jib("127.0.0.1:5000/demo", DIGEST, "false"))))
                .isInstanceOf(SetupException.class).hasMessageContaining("imagePushed is false").hasMessageContaining("run jib:build");
    }

    @Test
    void missingOrMistypedMembersAreRefused() throws Exception {
        assertThatThrownBy(() -> JibImage.readJson(json("{\"imageDigest\":\"" + DIGEST + "\",\"tags\":[],\"imagePushed\":true}")))
                .isInstanceOf(SetupException.class).hasMessageContaining("no image string");
        assertThatThrownBy(() -> JibImage.readJson(json("{\"image\":\"127.0.0.1:5000/demo\",\"tags\":[],\"imagePushed\":true}")))
                .isInstanceOf(SetupException.class).hasMessageContaining("no imageDigest string");
        assertThatThrownBy(() -> JibImage.readJson(json("{\"image\":\"127.0.0.1:5000/demo\",\"imageDigest\":\"" + DIGEST
                + "\",\"tags\":[]}"))).isInstanceOf(SetupException.class).hasMessageContaining("no boolean imagePushed");
        assertThatThrownBy(() -> JibImage.readJson(json("{\"image\":\"127.0.0.1:5000/demo\",\"imageDigest\":\"" + DIGEST
                + "\",\"tags\":[],\"imagePushed\":\"true\"}"))).isInstanceOf(SetupException.class)
                .hasMessageContaining("no boolean imagePushed");
        assertThatThrownBy(() -> JibImage.readJson(json("{\"image\":\"127.0.0.1:5000/demo\",\"imageDigest\":\"" + DIGEST
                + "\",\"tags\":[1],\"imagePushed\":true}"))).isInstanceOf(SetupException.class).hasMessageContaining("tags");
        assertThatThrownBy(() -> JibImage.readJson(json(jib("127.0.0.1:5000/demo", "sha256:abc", "true"))))
                .isInstanceOf(SetupException.class).hasMessageContaining("not a sha256:HEX image digest");
        assertThatThrownBy(() -> JibImage.readJson(json(jib("127.0.0.1:5000/Demo", DIGEST, "true"))))
                .isInstanceOf(SetupException.class).hasMessageContaining("image 127.0.0.1:5000/Demo");
        // an image named with another digest than Jib's
        assertThatThrownBy(() -> JibImage.readJson(json(jib("127.0.0.1:5000/demo@" + OTHER, DIGEST, "true"))))
                .isInstanceOf(SetupException.class).hasMessageContaining("names another digest");
    }

    @Test
    void malformedJsonIsRefused() throws Exception {
        assertThatThrownBy(() -> JibImage.readJson(json("{\"image\":")))
                .isInstanceOf(SetupException.class).hasMessageContaining("is not Jib's image JSON");
        assertThatThrownBy(() -> JibImage.readJson(json("[]")))
                .isInstanceOf(SetupException.class).hasMessageContaining("not a JSON object");
        // a duplicate member: which one Jib meant cannot be told
        assertThatThrownBy(() -> JibImage.readJson(json("{\"image\":\"127.0.0.1:5000/demo\",\"image\":\"127.0.0.1:5000/other\","
                + "\"imageDigest\":\"" + DIGEST + "\",\"tags\":[],\"imagePushed\":true}")))
                .isInstanceOf(SetupException.class).hasMessageContaining("is not Jib's image JSON");
        assertThatThrownBy(() -> JibImage.readJson(json(jib("127.0.0.1:5000/demo", DIGEST, "true") + " {}")))
                .isInstanceOf(SetupException.class).hasMessageContaining("is not Jib's image JSON");
    }

    @Test
    void oversizeIsRefused() throws Exception {
        String padded = jib("127.0.0.1:5000/demo", DIGEST, "true").replace("{", "{" + " ".repeat(InputLimit.JIB_IMAGE.maxBytes()));
        assertThatThrownBy(() -> JibImage.readJson(json(padded))).isInstanceOf(InputTooLargeException.class);
        Path digest = Files.writeString(dir.resolve("jib-image.digest"), DIGEST + "\n".repeat(InputLimit.JIB_IMAGE.maxBytes()));
        assertThatThrownBy(() -> JibImage.readDigest(digest, "127.0.0.1:5000/demo")).isInstanceOf(InputTooLargeException.class);
    }

    @Test
    void theDigestFileNeedsTheImageNamed() throws Exception {
        Path json = dir.resolve("jib-image.json");
        Path digest = Files.writeString(dir.resolve("jib-image.digest"), DIGEST + "\n");
        assertThat(JibImage.find(json, digest, "127.0.0.1:5000/demo:1.0").pinned().toString())
                .isEqualTo("127.0.0.1:5000/demo@" + DIGEST);
        assertThatThrownBy(() -> JibImage.find(json, digest, null))
                .isInstanceOf(SetupException.class).hasMessageContaining("does not name the image");
        Files.writeString(digest, "sha256:" + "ab".repeat(31));
        assertThatThrownBy(() -> JibImage.readDigest(digest, "127.0.0.1:5000/demo"))
                .isInstanceOf(SetupException.class).hasMessageContaining("does not hold a sha256:HEX image digest");
    }

    @Test
    void theJsonIsPreferredToTheDigestFile() throws Exception {
        Path json = json(jib("127.0.0.1:5000/demo", DIGEST, "true"));
        Path digest = Files.writeString(dir.resolve("jib-image.digest"), OTHER, StandardCharsets.UTF_8);
        assertThat(JibImage.find(json, digest, null).pinned().digest().toString()).isEqualTo(DIGEST);
    }

    @Test
    void neitherFileSaysToRunJibBuild() {
        assertThatThrownBy(() -> JibImage.find(dir.resolve("jib-image.json"), dir.resolve("jib-image.digest"), null))
                .isInstanceOf(SetupException.class).hasMessageContaining("Jib wrote neither").hasMessageContaining("run jib:build");
        assertThatThrownBy(() -> JibImage.readJson(dir.resolve("jib-image.json")))
                .isInstanceOf(SetupException.class).hasMessageContaining("no such file");
    }
}
