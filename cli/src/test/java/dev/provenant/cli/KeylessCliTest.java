package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --keyless up to the point where a Sigstore instance would be asked: option rules, token errors,
 * configs that cannot be used. Signing against a running instance is KeylessSigningIT.
 */
class KeylessCliTest {
    @TempDir
    Path dir;

    private static String jwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"iss\":\"https://issuer.example\",\"sub\":\"ci@example.com\"}".getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
    }

    private Path artifact() throws Exception {
        Path a = dir.resolve("app.bin");
        Files.writeString(a, "hello");
        return a;
    }

    @Test
    void keyAndKeylessAreExclusiveAndOneIsNeeded() throws Exception {
        String a = artifact().toString();
        CliRun both = CliRun.of("sign", "--key", "x.key", "--keyless", a);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either --key or --keyless");
        CliRun neither = CliRun.of("sign", a);
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--key KEYREF or --keyless");
        CliRun stray = CliRun.of("sign", "--key", "x.key", "--identity-token", "@t", a);
        assertThat(stray.exitCode()).isEqualTo(2);
        assertThat(stray.err()).contains("go with --keyless");
        assertThat(Files.exists(dir.resolve("app.bin.sigstore.json"))).isFalse();
    }

    @Test
    void unreadableTokenFileIsAUsageErrorNamingTheSource() throws Exception {
        CliRun run = CliRun.of("sign", "--keyless", "--identity-token", "@" + dir.resolve("missing.jwt"), artifact().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("provenant: identity token: no OIDC identity token; tried cannot read --identity-token file")
                .hasLineCount(1);
        assertThat(Files.exists(dir.resolve("app.bin.sigstore.json"))).isFalse();
    }

    @Test
    void aLiteralTokenIsWarnedAboutAndNeverPrinted() throws Exception {
        String secret = "eyJzZWNyZXQiOiJ0b2tlbiJ9";
        CliRun run = CliRun.of("sign", "--keyless", "--identity-token", secret, artifact().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("warning: a token on the command line").contains("not a JWT").doesNotContain(secret);
    }

    @Test
    void attestingWithASigningConfigThatNamesNoUsableLogSaysWhyItCannot() throws Exception {
        Path token = dir.resolve("t.jwt");
        Files.writeString(token, jwt());
        Path pred = dir.resolve("pred.json");
        Files.writeString(pred, "{}");
        // a Rekor v2 log without a timestamp authority: nothing can log the envelope
        Path config = Files.writeString(dir.resolve("v2-only.json"), "{\"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
                + "\"caUrls\": [{\"url\": \"https://fulcio.example\", \"majorApiVersion\": 1, \"validFor\": {\"start\": \"2023-01-01T00:00:00Z\"}}],"
                + "\"rekorTlogUrls\": [{\"url\": \"https://rekor.example\", \"majorApiVersion\": 2, \"validFor\": {\"start\": \"2023-01-01T00:00:00Z\"}}],"
                + "\"rekorTlogConfig\": {\"selector\": \"ANY\"}, \"tsaConfig\": {\"selector\": \"ANY\"}}");
        CliRun run = CliRun.of("attest", "--keyless", "--identity-token", "@" + token, "--signing-config", config.toString(),
                "--type", "https://example.com/t/v1", "--predicate", pred.toString(), "--bundle", dir.resolve("b.json").toString(),
                artifact().toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("names no Rekor log valid now").contains("needs one").doesNotContain(jwt());
        assertThat(Files.exists(dir.resolve("b.json"))).isFalse();
    }

    @Test
    void malformedSigningConfigOrRootIsAUsageError() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"mediaType\": 5");
        CliRun config = CliRun.of("sign", "--keyless", "--signing-config", bad.toString(), artifact().toString());
        assertThat(config.exitCode()).isEqualTo(2);
        assertThat(config.err()).contains("cannot read the signing config (signing config " + bad)
                .contains("warning: --signing-config without --trusted-root");
        CliRun root = CliRun.of("provenance", "--keyless", "--trusted-root", bad.toString(), artifact().toString());
        assertThat(root.exitCode()).isEqualTo(2);
        assertThat(root.err()).contains("cannot read the trusted root (trusted root " + bad);
        CliRun missing = CliRun.of("sign", "--keyless", "--signing-config", dir.resolve("nope.json").toString(), artifact().toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void tokenFileIsReadNotSplicedIntoArgumentsAndAnUnreachableCaIsAServiceFailure() throws Exception {
        Path token = dir.resolve("t.jwt");
        Files.writeString(token, jwt() + "\n");
        Path config = dir.resolve("signing_config.json");
        Files.writeString(config, "{\"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
                + "\"caUrls\": [{\"url\": \"http://127.0.0.1:9\", \"majorApiVersion\": 1, \"validFor\": {\"start\": \"2020-01-01T00:00:00Z\"}}],"
                + "\"oidcUrls\": [], \"rekorTlogUrls\": [{\"url\": \"http://127.0.0.1:9\", \"majorApiVersion\": 1,"
                + " \"validFor\": {\"start\": \"2020-01-01T00:00:00Z\"}}], \"tsaUrls\": [],"
                + "\"rekorTlogConfig\": {\"selector\": \"ANY\"}, \"tsaConfig\": {\"selector\": \"ANY\"}}");
        CliRun run = CliRun.of("sign", "--keyless", "--identity-token", "@" + token, "--signing-config", config.toString(),
                artifact().toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).doesNotContain("a token on the command line").doesNotContain(jwt())
                .contains("warning: --signing-config without --trusted-root")
                .doesNotContain("Using the identity token")
                .contains("provenant: signing failed: keyless signing failed")
                .contains("(identity token from --identity-token file " + token + ", subject ci@example.com)")
                .hasLineCount(2);
        assertThat(Files.exists(dir.resolve("app.bin.sigstore.json"))).isFalse();
    }
}
