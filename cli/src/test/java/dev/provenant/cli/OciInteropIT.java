package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.oci.Manifest;
import dev.provenant.oci.testing.LocalRegistry;
import dev.provenant.oci.testing.TestImages;
import dev.sigstore.KeylessSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image referrers across independent implementations, on Debian's docker-registry (no referrers API:
 * the fallback tag) with images pushed by skopeo from an OCI layout the test writes, keyless on the
 * embedded Sigstore stack:
 * <ul>
 *   <li>a bundle signed by sigstore-java and attached by {@code @sigstore/oci} (interop/sigstore-js/attach.js,
 *       as GitHub's actions/attest attaches one with push-to-registry) verifies with {@code provenant verify-image}
 *       by identity; the same attachment of a bundle about another image is refused;</li>
 *   <li>{@code provenant sign-image}'s fallback index and referrer manifest read back by {@code skopeo inspect --raw},
 *       its bundle layer fetched over plain HTTP and verified by sigstore-js.</li>
 * </ul>
 * Skipped with one line without docker-registry, skopeo, node or npm.
 */
class OciInteropIT {
    static final String SLSA = "https://slsa.dev/provenance/v1";
    static final Path ATTACH = SigstoreJsPeer.DIR.resolve("attach.js");

    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static LocalSigstoreInteropIT.Stack stack;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(dir.resolve("registry"));
        TestImages.skopeo("--version");
        SigstoreJsPeer.require();
        stack = LocalSigstoreInteropIT.start(dir.resolve("stack"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.process().destroy();
            assertThat(stack.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** Pushes an image made from {@code seed} to {@code repoAndTag} with skopeo; its manifest digest as pushed. */
    private static String pushWithSkopeo(String repoAndTag, String seed) throws Exception {
        Path layout = TestImages.layout(Files.createTempDirectory(dir, "layout"), TestImages.image(seed), "latest");
        Path digestFile = dir.resolve("digest-" + seed);
        TestImages.skopeo("copy", "--dest-tls-verify=false", "--digestfile", digestFile.toString(), "oci:" + layout + ":latest",
                "docker://" + registry.host() + "/" + repoAndTag);
        String digest = Files.readString(digestFile).trim();
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        return digest;
    }

    /** A keyless DSSE bundle of an in-toto statement about {@code name@digest}, signed by sigstore-java on the stack (Rekor v2, TSA). */
    private static Path keylessStatement(String name, String digest, String predicateType, String file) throws Exception {
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"" + name + "\",\"digest\":{\"sha256\":\""
                + digest.substring("sha256:".length()) + "\"}}],\"predicateType\":\"" + predicateType
                + "\",\"predicate\":{\"buildDefinition\":{\"buildType\":\"https://example.test/build/v1\"}}}";
        Path bundle = dir.resolve(file);
        try (KeylessSigner signer = stack.signer(true)) { // sigstore-java attests through Rekor v2 only
            Files.writeString(bundle, signer.attest(statement).toJson());
        }
        return bundle;
    }

    private static PackagedCli attach(String image, Path bundle) throws Exception {
        return PackagedCli.run(120, List.of("node", ATTACH.toString(), "--image", image, "--bundle", bundle.toString()));
    }

    private static PackagedCli provenant(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
        command.addAll(List.of(args));
        return PackagedCli.run(180, Map.of("PROVENANT_JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + stack.ready().path("trustStore").asText()),
                command);
    }

    private static PackagedCli verifyByIdentity(String identity, String image, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify-image", "--certificate-identity", identity, "--certificate-oidc-issuer",
                stack.issuer(), "--trusted-root", stack.trustedRoot().toString(), "--json"));
        args.addAll(List.of(more));
        args.add(image);
        return provenant(args.toArray(String[]::new));
    }

    /** The JSON document in a run's output (stdout and stderr are merged: the document is the line starting with '{'). */
    private static JsonNode json(PackagedCli run) throws Exception {
        for (String line : run.output().split("\n")) {
            if (line.startsWith("{")) {
                return JsonCodec.mapper().readTree(line);
            }
        }
        throw new AssertionError("no JSON in: " + run.output());
    }

    private static String skopeoRaw(String reference) throws Exception {
        return TestImages.skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + registry.host() + "/" + reference);
    }

    @Test
    void aBundleAttachedBySigstoreOciVerifiesWithProvenant() throws Exception {
        String digest = pushWithSkopeo("gh/app:1.0", "gh-app");
        String name = registry.host() + "/gh/app";
        Path bundle = keylessStatement(name, digest, SLSA, "gh-app.sigstore.json");

        PackagedCli attached = attach(name + "@" + digest, bundle);
        assertThat(attached.exitCode()).as(attached.output()).isZero();
        String referrer = attached.output().trim();
        assertThat(referrer).matches("sha256:[0-9a-f]{64}");
        // what @sigstore/oci wrote, as an independent client reads it: the fallback index names the referrer
        JsonNode index = JsonCodec.mapper().readTree(skopeoRaw("gh/app:sha256-" + digest.substring(7)));
        assertThat(index.path("manifests")).hasSize(1);
        assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(referrer);

        PackagedCli ok = verifyByIdentity(LocalSigstoreInteropIT.IDENTITY, name + "@" + digest, "--predicate-type", SLSA);
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        JsonNode out = json(ok);
        assertThat(out.path("referrersSource").asText()).isEqualTo("fallback tag");
        assertThat(out.path("verifiedBy").asText()).isEqualTo(referrer);
        JsonNode verified = out.path("bundles").get(0);
        assertThat(verified.path("layout").asText()).isEqualTo("sigstore-bundle");
        assertThat(verified.path("predicateType").asText()).as("the annotation @sigstore/oci wrote").isEqualTo(SLSA);
        assertThat(verified.path("statementPredicateType").asText()).isEqualTo(SLSA);
        assertThat(verified.path("identity").asText()).isEqualTo(LocalSigstoreInteropIT.IDENTITY);

        // the same attachment under another identity, or asked as an image signature, does not verify
        PackagedCli wrongIdentity = verifyByIdentity("someone@example.test", name + "@" + digest, "--predicate-type", SLSA);
        assertThat(wrongIdentity.exitCode()).as(wrongIdentity.output()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(json(wrongIdentity).path("bundles").get(0).path("check").asText()).isEqualTo("identity");
        PackagedCli asSignature = verifyByIdentity(LocalSigstoreInteropIT.IDENTITY, name + "@" + digest);
        assertThat(asSignature.exitCode()).as(asSignature.output()).isEqualTo(ExitCode.NOT_TRUSTED);
        assertThat(json(asSignature).path("bundles").get(0).path("check").asText()).isEqualTo("predicate-type");
    }

    @Test
    void aBundleAboutAnotherImageAttachedBySigstoreOciIsRefused() throws Exception {
        String digest = pushWithSkopeo("gh/api:1.0", "gh-api");
        String other = pushWithSkopeo("gh/api:other", "gh-api-other");
        String name = registry.host() + "/gh/api";
        // a genuine bundle of the right signer and predicate type, but its statement is about the other image
        Path aboutOther = keylessStatement(name, other, SLSA, "gh-api-other.sigstore.json");
        PackagedCli attached = attach(name + "@" + digest, aboutOther);
        assertThat(attached.exitCode()).as(attached.output()).isZero();

        PackagedCli refused = verifyByIdentity(LocalSigstoreInteropIT.IDENTITY, name + "@" + digest, "--predicate-type", SLSA);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCode.NOT_TRUSTED);
        JsonNode out = json(refused);
        assertThat(out.path("bundles")).hasSize(1);
        assertThat(out.path("bundles").get(0).path("verified").asBoolean()).isFalse();
        assertThat(out.path("bundles").get(0).path("check").asText()).isEqualTo("subject-digest");
        // the image it is about has no referrer of its own: attached to it, the same bundle verifies
        assertThat(attach(name + "@" + other, aboutOther).exitCode()).isZero();
        PackagedCli right = verifyByIdentity(LocalSigstoreInteropIT.IDENTITY, name + "@" + other, "--predicate-type", SLSA);
        assertThat(right.exitCode()).as(right.output()).isZero();
    }

    @Test
    void provenantsReferrerReadsBackWithSkopeoAndVerifiesWithSigstoreJs() throws Exception {
        String digest = pushWithSkopeo("shop/web:1.0", "shop-web");
        String name = registry.host() + "/shop/web";
        Path written = dir.resolve("shop-web.sigstore.json");
        PackagedCli sign = provenant("sign-image", "--keyless", "--identity-token", "@" + stack.ready().path("tokenFile").asText(),
                "--signing-config", stack.ready().path("signingConfig").asText(), "--trusted-root", stack.trustedRoot().toString(),
                "--bundle", written.toString(), name + "@" + digest);
        assertThat(sign.exitCode()).as(sign.output()).isZero();

        // skopeo reads the fallback index and the referrer manifest Provenant wrote
        JsonNode index = JsonCodec.mapper().readTree(skopeoRaw("shop/web:sha256-" + digest.substring(7)));
        assertThat(index.path("mediaType").asText()).isEqualTo(Manifest.OCI_INDEX);
        assertThat(index.path("manifests")).hasSize(1);
        JsonNode entry = index.path("manifests").get(0);
        assertThat(entry.path("artifactType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
        String referrerDigest = entry.path("digest").asText();
        String raw = skopeoRaw("shop/web@" + referrerDigest);
        assertThat(Manifest.sha256(raw.getBytes(StandardCharsets.UTF_8)).toString()).isEqualTo(referrerDigest);
        JsonNode referrer = JsonCodec.mapper().readTree(raw);
        assertThat(referrer.path("artifactType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
        assertThat(referrer.path("config").path("mediaType").asText()).isEqualTo("application/vnd.oci.empty.v1+json");
        assertThat(referrer.path("subject").path("digest").asText()).isEqualTo(digest);
        assertThat(referrer.path("annotations").path("dev.sigstore.bundle.content").asText()).isEqualTo("dsse-envelope");
        assertThat(referrer.path("annotations").path("dev.sigstore.bundle.predicateType").asText())
                .isEqualTo("https://sigstore.dev/cosign/sign/v1");
        JsonNode layer = referrer.path("layers").get(0);
        assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");

        // the layer fetched with a plain HTTP client, not Provenant's, and checked against its digest
        HttpResponse<byte[]> blob = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build().send(
                HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/shop/web/blobs/" + layer.path("digest").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(Manifest.sha256(blob.body()).toString()).isEqualTo(layer.path("digest").asText());
        Path fromRegistry = Files.write(dir.resolve("from-registry.sigstore.json"), blob.body());
        JsonNode statement = JsonCodec.mapper().readTree(java.util.Base64.getDecoder().decode(
                JsonCodec.mapper().readTree(blob.body()).path("dsseEnvelope").path("payload").asText()));
        assertThat(statement.path("subject").get(0).path("digest").path("sha256").asText()).isEqualTo(digest.substring(7));

        // sigstore-js verifies the envelope's signature, certificate and log entry (not the statement's subject);
        // the artifact it is given is the image manifest as skopeo reads it
        Path manifest = Files.writeString(dir.resolve("shop-web.manifest.json"), skopeoRaw("shop/web@" + digest));
        PackagedCli js = SigstoreJsPeer.verifyBundle(List.of("--bundle", fromRegistry.toString(), "--certificate-identity",
                LocalSigstoreInteropIT.IDENTITY, "--certificate-oidc-issuer", stack.issuer(), "--trusted-root",
                stack.trustedRoot().toString(), manifest.toString()));
        assertThat(js.exitCode()).as(js.output()).isZero();
        PackagedCli jsWrong = SigstoreJsPeer.verifyBundle(List.of("--bundle", fromRegistry.toString(), "--certificate-identity",
                "someone@example.test", "--certificate-oidc-issuer", stack.issuer(), "--trusted-root", stack.trustedRoot().toString(),
                manifest.toString()));
        assertThat(jsWrong.exitCode()).as(jsWrong.output()).isEqualTo(1);

        PackagedCli verify = verifyByIdentity(LocalSigstoreInteropIT.IDENTITY, name + "@" + digest);
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(json(verify).path("verifiedBy").asText()).isEqualTo(referrerDigest);
    }
}
