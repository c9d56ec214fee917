package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.localsigstore.RekorApis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles logged with {@code --tlog-upload} verify with sigstore-js against the embedded stack's trusted
 * root with its transparency log threshold left at 1 (no --allow-no-tlog): the entry Provenant wrote is
 * one another client accepts. A tampered artifact is refused by it too.
 */
class TlogUploadInteropIT {
    @TempDir
    Path dir;

    @Test
    void uploadedBundlesVerifyWithSigstoreJsRequiringTheLogEntry() throws Exception {
        SigstoreJsPeer.require();
        try (LocalSigstore stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, Identity.parse("unused@example.test"), RekorApis.V1)) {
            Path artifact = Files.writeString(dir.resolve("app.jar"), "artifact for sigstore-js " + System.nanoTime());
            Path signed = dir.resolve("app.sigstore.json");
            CliRun sign = CliRun.of("sign", "--key", TlogUploadCliTest.KEY, "--password-file", TlogUploadCliTest.PASSPHRASE,
                    "--tlog-upload", "--signing-config", stack.signingConfig().toString(), "--bundle", signed.toString(), artifact.toString());
            assertThat(sign.exitCode()).as(sign.err()).isZero();
            Path predicate = Files.writeString(dir.resolve("pred.json"), "{\"result\": \"pass\"}");
            Path attested = dir.resolve("app.intoto.sigstore.json");
            CliRun attest = CliRun.of("attest", "--key", TlogUploadCliTest.KEY, "--password-file", TlogUploadCliTest.PASSPHRASE,
                    "--tlog-upload", "--signing-config", stack.signingConfig().toString(), "--type", "https://example.com/test-result/v1",
                    "--predicate", predicate.toString(), "--bundle", attested.toString(), artifact.toString());
            assertThat(attest.exitCode()).as(attest.err()).isZero();

            for (Path bundle : List.of(signed, attested)) {
                PackagedCli js = SigstoreJsPeer.verifyBundle(List.of("--bundle", bundle.toString(), "--key", TlogUploadCliTest.PUB,
                        "--trusted-root", stack.trustedRoot().toString(), artifact.toString()));
                assertThat(js.exitCode()).as(bundle + ": " + js.output()).isZero();
            }
            // without the entry sigstore-js refuses a key-signed bundle at threshold 1: the entry is what it counted
            Path plain = dir.resolve("plain.sigstore.json");
            assertThat(CliRun.of("sign", "--key", TlogUploadCliTest.KEY, "--password-file", TlogUploadCliTest.PASSPHRASE,
                    "--bundle", plain.toString(), artifact.toString()).exitCode()).isZero();
            PackagedCli unlogged = SigstoreJsPeer.verifyBundle(List.of("--bundle", plain.toString(), "--key", TlogUploadCliTest.PUB,
                    "--trusted-root", stack.trustedRoot().toString(), artifact.toString()));
            assertThat(unlogged.exitCode()).as(unlogged.output()).isEqualTo(1);

            Files.writeString(artifact, "tampered", java.nio.file.StandardOpenOption.APPEND);
            PackagedCli tampered = SigstoreJsPeer.verifyBundle(List.of("--bundle", signed.toString(), "--key", TlogUploadCliTest.PUB,
                    "--trusted-root", stack.trustedRoot().toString(), artifact.toString()));
            assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
        }
    }

    @Test
    void rekorV2UploadsVerifyWithSigstoreJs() throws Exception {
        SigstoreJsPeer.require();
        try (LocalSigstore stack = LocalSigstore.start(dir.resolve("stack-v2"), 0, 0, Identity.parse("unused@example.test"), RekorApis.V2)) {
            Path artifact = Files.writeString(dir.resolve("v2.jar"), "artifact for sigstore-js, rekor v2 " + System.nanoTime());
            Path signed = dir.resolve("v2.sigstore.json");
            CliRun sign = CliRun.of("sign", "--key", TlogUploadCliTest.KEY, "--password-file", TlogUploadCliTest.PASSPHRASE,
                    "--tlog-upload", "--signing-config", stack.signingConfig().toString(), "--bundle", signed.toString(), artifact.toString());
            assertThat(sign.exitCode()).as(sign.err()).isZero();
            Path predicate = Files.writeString(dir.resolve("pred-v2.json"), "{\"result\": \"pass\"}");
            Path attested = dir.resolve("v2.intoto.sigstore.json");
            CliRun attest = CliRun.of("attest", "--key", TlogUploadCliTest.KEY, "--password-file", TlogUploadCliTest.PASSPHRASE,
                    "--tlog-upload", "--signing-config", stack.signingConfig().toString(), "--type", "https://example.com/test-result/v1",
                    "--predicate", predicate.toString(), "--bundle", attested.toString(), artifact.toString());
            assertThat(attest.exitCode()).as(attest.err()).isZero();
            for (Path bundle : List.of(signed, attested)) {
                PackagedCli js = SigstoreJsPeer.verifyBundle(List.of("--bundle", bundle.toString(), "--key", TlogUploadCliTest.PUB,
                        "--trusted-root", stack.trustedRoot().toString(), artifact.toString()));
                assertThat(js.exitCode()).as(bundle + ": " + js.output()).isZero();
            }
        }
    }
}
