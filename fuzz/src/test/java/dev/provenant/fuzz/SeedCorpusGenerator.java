package dev.provenant.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.TransparencyLogEntry;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.signer.file.PemPrivateKeys;
import dev.provenant.intoto.keys.SslibKeyFiles;
import dev.provenant.intoto.keys.SslibKeyPair;
import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.SigningConfigProvider;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the committed seed corpora and fixtures from Provenant's own output: it starts the embedded Sigstore
 * stack, signs with it (Rekor v1, Rekor v2 with a timestamp, a DSSE attestation) and with a file key, takes
 * the parts each parser reads out of those bundles, adds the project's in-toto, policy and rules fixtures,
 * and writes each seed with a few deterministic byte-level mutations beside it.
 *
 * <p>Run: {@code mvn -B -pl fuzz -am verify -Dtest=SeedCorpusGenerator -Dfuzz.generateSeeds=true
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.mode=}. It replaces the generated seeds; seeds added by hand
 * (named {@code manual-*}) and findings ({@code crash-*}, {@code timeout-*}) are kept.
 */
@EnabledIfSystemProperty(named = "fuzz.generateSeeds", matches = "true")
class SeedCorpusGenerator {
    private static final String IDENTITY = "builder@example.test";
    private static final int MUTANTS = 3;
    private static final String SCT_OID = "1.3.6.1.4.1.11129.2.4.2";

    @TempDir
    Path dir;

    private final Path resources = Paths.get(System.getProperty("fuzz.moduleDir", ".")).resolve("src/test/resources/dev/provenant/fuzz");
    private final Path repo = Paths.get(System.getProperty("fuzz.moduleDir", ".")).toAbsolutePath().getParent();
    private final Random random = new Random(20261202L);

    @Test
    void generate() throws Exception {
        byte[] artifact = "an artifact Provenant signs for its fuzz seeds\n".getBytes(StandardCharsets.UTF_8);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(artifact);
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"artifact.txt\",\"digest\":{\"sha256\":\""
                + HexFormat.of().formatHex(digest) + "\"}}],\"predicateType\":\"https://example.test/predicate/v1\",\"predicate\":{}}";

        byte[] messageV1;
        byte[] messageV2;
        byte[] dsseV2;
        byte[] trustedRoot;
        byte[] signingConfig;
        try (LocalSigstore stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, Identity.parse(IDENTITY))) {
            System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
            try (KeylessSigner signer = signer(stack, false)) {
                messageV1 = signer.sign(digest).toJson().getBytes(StandardCharsets.UTF_8);
            }
            try (KeylessSigner signer = signer(stack, true)) {
                messageV2 = signer.sign(digest).toJson().getBytes(StandardCharsets.UTF_8);
            }
            try (KeylessSigner signer = signer(stack, true)) {
                dsseV2 = signer.attest(statement).toJson().getBytes(StandardCharsets.UTF_8);
            }
            trustedRoot = Files.readAllBytes(stack.trustedRoot());
            signingConfig = Files.readAllBytes(stack.signingConfig());
        }

        // a file key's bundles: a plain public key, no log entries
        Path artifactFile = Files.write(dir.resolve("artifact.txt"), artifact);
        var keyPair = PemPrivateKeys.read(Files.readString(testdata("keys/ec-p256-pkcs8.pem")), null, "ec-p256-pkcs8.pem");
        BundleSigner keySigner = new BundleSigner(new FileKeySigner(keyPair, "ec-p256-pkcs8.pem"), new ArtifactDigester());
        byte[] keyMessage = keySigner.signArtifact(artifactFile).toJson();
        byte[] keyDsse = keySigner.attest("application/vnd.in-toto+json", statement.getBytes(StandardCharsets.UTF_8)).toJson();

        Bundle v1 = Bundle.parse(messageV1);
        Bundle v2 = Bundle.parse(messageV2);
        Bundle dsse = Bundle.parse(dsseV2);

        // fixtures the targets verify against
        Path fixtures = Files.createDirectories(resources.resolve("fixtures"));
        Files.write(fixtures.resolve(Fixtures.ARTIFACT), artifact);
        Files.write(fixtures.resolve(Fixtures.TRUSTED_ROOT), trustedRoot);
        Files.write(fixtures.resolve(Fixtures.MESSAGE_BUNDLE), messageV1);
        Files.write(fixtures.resolve(Fixtures.DSSE_BUNDLE), dsseV2);
        for (String key : List.of("rsa.pub", "ed25519.pub", "ecdsa.pub")) {
            Files.copy(testdata("keys/intoto/" + key), fixtures.resolve(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(testdata("keys/ec-p256.pub"), fixtures.resolve("ec-p256.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        seeds("BundleFuzzTest", "bundle", Map.of("message-v1.sigstore.json", messageV1, "message-v2.sigstore.json", messageV2,
                "dsse-v2.sigstore.json", dsseV2, "key-message.sigstore.json", keyMessage, "key-dsse.sigstore.json", keyDsse));
        seeds("DsseEnvelopeFuzzTest", "envelope", Map.of("keyless.dsse.json", dsse.dsseEnvelope().toJson(),
                "key.dsse.json", Bundle.parse(keyDsse).dsseEnvelope().toJson()));
        seeds("StatementFuzzTest", "statement", Map.of("statement.json", dsse.dsseEnvelope().payloadBytes(),
                "slsa-provenance.json", slsaStatement(digest)));
        seeds("TrustedRootFuzzTest", "trustedRoot", Map.of("trusted_root.json", trustedRoot));
        seeds("SigningConfigFuzzTest", "signingConfig", Map.of("signing_config.json", signingConfig));

        TransparencyLogEntry v1Entry = v1.verificationMaterial().tlogEntries().get(0);
        TransparencyLogEntry v2Entry = v2.verificationMaterial().tlogEntries().get(0);
        TransparencyLogEntry dsseEntry = dsse.verificationMaterial().tlogEntries().get(0);
        byte[] leafDer = dsse.verificationMaterial().certificates().get(0).der();
        seeds("RekorV1BodyFuzzTest", "rekorV1Body", Map.of("hashedrekord-0.0.1.json", v1Entry.canonicalizedBodyBytes(),
                "dsse-0.0.1.json", dsseV001Body(dsse.dsseEnvelope(), leafDer),
                "intoto-0.0.2.json", intotoV002Body(dsse.dsseEnvelope(), leafDer)));
        seeds("RekorV2BodyFuzzTest", "rekorV2Body", Map.of("hashedrekord-0.0.2.json", v2Entry.canonicalizedBodyBytes(),
                "dsse-0.0.2.json", dsseEntry.canonicalizedBodyBytes()));
        seeds("CheckpointFuzzTest", "checkpoint", Map.of(
                "rekor-v1.checkpoint", v1Entry.inclusionProof().checkpoint().envelope().getBytes(StandardCharsets.UTF_8),
                "rekor-v2.checkpoint", dsseEntry.inclusionProof().checkpoint().envelope().getBytes(StandardCharsets.UTF_8)));

        Map<String, byte[]> certificates = new LinkedHashMap<>();
        certificates.put("leaf-v1.der", v1.verificationMaterial().certificates().get(0).der());
        certificates.put("leaf-dsse.der", leafDer);
        JsonNode root = JsonCodec.readTree(trustedRoot, "trusted root");
        certificates.put("fulcio-ca.der", Base64.getDecoder().decode(
                root.path("certificateAuthorities").get(0).path("certChain").path("certificates").get(0).path("rawBytes").asText()));
        seeds("CertificateFuzzTest", "certificate", certificates);
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(leafDer));
        seeds("SctListFuzzTest", "sctList", Map.of("embedded-scts.der", leaf.getExtensionValue(SCT_OID)));
        seeds("TimestampFuzzTest", "timestamp", Map.of(
                "dsse-v2.tsr", dsse.verificationMaterial().rfc3161Timestamps().get(0).der(),
                "message-v2.tsr", v2.verificationMaterial().rfc3161Timestamps().get(0).der()));

        Map<String, byte[]> links = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(testdata("links/intoto"))) {
            for (Path f : files.sorted().toList()) {
                links.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        SslibKeyPair ed = SslibKeyFiles.readPrivate(testdata("keys/intoto/ed25519"), new SecretSource(Map.of(), "NONE", null),
                SslibScheme.RSASSA_PSS_SHA256);
        Link link = new Link("build", List.of("make", "all"), new TreeMap<>(Map.of("src.c", Map.of("sha256", HexFormat.of().formatHex(digest)))),
                new TreeMap<>(Map.of("app", Map.of("sha256", HexFormat.of().formatHex(digest)))), null, null);
        links.put("provenant-build.link", ed.sign(link.unsigned()).toJson());
        seeds("LinkFuzzTest", "link", links);
        seeds("LayoutFuzzTest", "layout", Map.of("root.layout", ed.sign(new Metablock(layout(ed), List.of())).toJson()));

        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String k : List.of("intoto/rsa.pub", "intoto/ed25519.pub", "intoto/ecdsa.pub", "ec-p256.pub", "ec-p384.pub", "ed25519.pub",
                "rsa-3072.pub")) {
            keys.put(k.replace('/', '-'), Files.readAllBytes(testdata("keys/" + k)));
        }
        seeds("SslibKeyFuzzTest", "sslibKey", keys);

        byte[] examplePolicy = Files.readAllBytes(repo.resolve("examples/promotion/policy.yaml"));
        Map<String, byte[]> policies = new LinkedHashMap<>();
        policies.put("example-policy.yaml", examplePolicy);
        policies.put("docs-policy.yaml", Files.readAllBytes(repo.resolve("docs/promotion-policy.yaml")));
        policies.put("example-policy.json", JsonCodec.mapper().writeValueAsBytes(
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(examplePolicy)));
        seeds("PromotionPolicyFuzzTest", "promotionPolicy", policies);

        seeds("DependencyRulesFuzzTest", "dependencyRules", Map.of("rules.txt", """
                # dependency rules: first covering rule decides
                dev.sigstore:sigstore-java:1.2.*  unsigned-ok

                dev.sigstore:*  identity=https://github.com/sigstore/sigstore-java/.github/workflows/release.yaml@refs/tags/v{version}  issuer=https://token.actions.githubusercontent.com
                org.apache.*:commons-*  identity-regexp=https://x/wf@refs/tags/v{version} issuer-regexp=https://.*
                *:*  unsigned-ok
                """.getBytes(StandardCharsets.UTF_8)));

        seeds("Pkcs11UriFuzzTest", "pkcs11Uri", Map.of(
                "token-object.txt", "pkcs11:token=release;object=signing-key?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=/run/pin".getBytes(StandardCharsets.UTF_8),
                "slot-id.txt", "pkcs11:slot-id=3;id=%01%02%a0;type=private?pin-value=1234".getBytes(StandardCharsets.UTF_8)));
        seeds("KmsUriFuzzTest", "kmsUri", Map.of(
                "aws-alias.txt", "awskms:///alias/release".getBytes(StandardCharsets.UTF_8),
                "aws-arn.txt", "awskms://kms.example.test:4443/arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".getBytes(StandardCharsets.UTF_8),
                "gcp.txt", "gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1".getBytes(StandardCharsets.UTF_8),
                "azure.txt", "azurekms://vault-name.vault.azure.net/release-key".getBytes(StandardCharsets.UTF_8),
                "vault.txt", "hashivault://transit/keys/release".getBytes(StandardCharsets.UTF_8)));
    }

    private static KeylessSigner signer(LocalSigstore stack, boolean rekorV2) throws Exception {
        return KeylessSigner.builder()
                .trustedRootProvider(TrustedRootProvider.from(stack.trustedRoot()))
                .signingConfigProvider(SigningConfigProvider.from(stack.signingConfig()))
                .forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(stack.mintToken())))
                .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
                .enableRekorV2(rekorV2)
                .build();
    }

    private Path testdata(String name) {
        return repo.resolve("testdata").resolve(name);
    }

    private static byte[] slsaStatement(byte[] digest) {
        return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app.jar\",\"digest\":{\"sha256\":\""
                + HexFormat.of().formatHex(digest) + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{"
                + "\"buildDefinition\":{\"buildType\":\"https://provenant.dev/buildtypes/local/v1\",\"externalParameters\":{\"source\":"
                + "\"git+https://git.example.test/acme/app@refs/tags/v1.0.0\"},\"resolvedDependencies\":[{\"uri\":"
                + "\"git+https://git.example.test/acme/app@refs/tags/v1.0.0\",\"digest\":{\"gitCommit\":\"0123456789abcdef0123456789abcdef01234567\"}}]},"
                + "\"runDetails\":{\"builder\":{\"id\":\"https://provenant.dev/builders/local\"},\"metadata\":{\"invocationId\":\"1\","
                + "\"startedOn\":\"2026-12-01T10:00:00Z\",\"finishedOn\":\"2026-12-01T10:05:00Z\"}}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    private static String sha256Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** A Rekor v1 dsse 0.0.1 body for the envelope, as Rekor writes one. */
    private static byte[] dsseV001Body(Envelope envelope, byte[] leafDer) throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("apiVersion", "0.0.1").put("kind", "dsse");
        ObjectNode spec = body.putObject("spec");
        spec.putObject("envelopeHash").put("algorithm", "sha256").put("value", sha256Hex(envelope.toJson()));
        spec.putObject("payloadHash").put("algorithm", "sha256").put("value", sha256Hex(envelope.payloadBytes()));
        spec.putArray("signatures").addObject().put("signature", envelope.signatures().get(0).sig())
                .put("verifier", b64(pem(leafDer).getBytes(StandardCharsets.UTF_8)));
        return JsonCodec.mapper().writeValueAsBytes(body);
    }

    /** A Rekor v1 intoto 0.0.2 body for the envelope: its byte fields base64 once more. */
    private static byte[] intotoV002Body(Envelope envelope, byte[] leafDer) throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("apiVersion", "0.0.2").put("kind", "intoto");
        ObjectNode content = body.putObject("spec").putObject("content");
        ObjectNode env = content.putObject("envelope").put("payloadType", envelope.payloadType())
                .put("payload", b64(envelope.payload().getBytes(StandardCharsets.US_ASCII)));
        env.putArray("signatures").addObject().put("sig", b64(envelope.signatures().get(0).sig().getBytes(StandardCharsets.US_ASCII)))
                .put("publicKey", b64(pem(leafDer).getBytes(StandardCharsets.UTF_8)));
        content.putObject("hash").put("algorithm", "sha256").put("value", sha256Hex(envelope.toJson()));
        content.putObject("payloadHash").put("algorithm", "sha256").put("value", sha256Hex(envelope.payloadBytes()));
        return JsonCodec.mapper().writeValueAsBytes(body);
    }

    /** Two steps and an inspection, as in-toto's demo layout, keyed to the ed25519 fixture key. */
    private static ObjectNode layout(SslibKeyPair ed) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode l = f.objectNode().put("_type", "layout").put("expires", "2030-01-01T00:00:00Z").put("readme", "");
        l.putObject("keys").set(ed.keyid(), ed.publicKey().toJson().put("keyid", ed.keyid()));
        ArrayNode steps = l.putArray("steps");
        ObjectNode build = steps.addObject().put("_type", "step").put("name", "build").put("threshold", 1);
        build.set("pubkeys", f.arrayNode().add(ed.keyid()));
        build.set("expected_command", f.arrayNode().add("make").add("all"));
        build.set("expected_materials", rules("ALLOW src.c", "DISALLOW *"));
        build.set("expected_products", rules("CREATE app", "ALLOW src.c", "DISALLOW *"));
        ObjectNode ship = steps.addObject().put("_type", "step").put("name", "ship").put("threshold", 1);
        ship.set("pubkeys", f.arrayNode().add(ed.keyid()));
        ship.set("expected_command", f.arrayNode());
        ship.set("expected_materials", rules("MATCH app WITH PRODUCTS FROM build", "DISALLOW *"));
        ship.set("expected_products", rules("MODIFY app", "DELETE tmp/*", "REQUIRE app"));
        ObjectNode inspect = l.putArray("inspect").addObject().put("_type", "inspection").put("name", "unpack");
        inspect.set("run", f.arrayNode().add("tar").add("xf").add("app.tar"));
        inspect.set("expected_materials", rules("MATCH app IN dist WITH PRODUCTS IN out FROM ship", "DISALLOW *"));
        inspect.set("expected_products", rules("ALLOW *"));
        return l;
    }

    private static ArrayNode rules(String... rules) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String r : rules) {
            ArrayNode words = a.addArray();
            for (String w : r.split(" ")) {
                words.add(w);
            }
        }
        return a;
    }

    /** Writes each seed and {@link #MUTANTS} byte-level mutations of it into the target's Jazzer inputs folder. */
    private void seeds(String testClass, String method, Map<String, byte[]> seeds) throws IOException {
        Path folder = Files.createDirectories(resources.resolve(testClass + "Inputs").resolve(method));
        try (Stream<Path> old = Files.list(folder)) {
            for (Path p : old.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith("manual-") && !name.startsWith("crash-") && !name.startsWith("timeout-")) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, byte[]> seed : new TreeMap<>(seeds).entrySet()) {
            Files.write(folder.resolve(seed.getKey()), seed.getValue());
            for (int i = 1; i <= MUTANTS; i++) {
                Files.write(folder.resolve(seed.getKey() + ".mutant-" + i), mutate(seed.getValue()));
            }
        }
    }

    /** A flipped byte, a deleted span, a duplicated span or a truncation. */
    private byte[] mutate(byte[] in) {
        if (in.length < 2) {
            return in.clone();
        }
        int at = random.nextInt(in.length);
        List<Byte> out = new ArrayList<>();
        for (byte b : in) {
            out.add(b);
        }
        switch (random.nextInt(4)) {
            case 0 -> out.set(at, (byte) (out.get(at) ^ (1 << random.nextInt(8))));
            case 1 -> out.subList(at, Math.min(in.length, at + 1 + random.nextInt(16))).clear();
            case 2 -> out.addAll(at, new ArrayList<>(out.subList(at, Math.min(in.length, at + 1 + random.nextInt(32)))));
            default -> out.subList(Math.max(1, at), out.size()).clear();
        }
        byte[] bytes = new byte[out.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = out.get(i);
        }
        return bytes;
    }
}
