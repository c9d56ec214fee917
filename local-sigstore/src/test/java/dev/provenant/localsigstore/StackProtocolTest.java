package dev.provenant.localsigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.json.JsonCodec;
import dev.sigstore.fulcio.v2.CAGrpc;
import dev.sigstore.fulcio.v2.CreateSigningCertificateRequest;
import dev.sigstore.fulcio.v2.Credentials;
import dev.sigstore.fulcio.v2.GetTrustBundleRequest;
import dev.sigstore.fulcio.v2.PublicKeyRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each service of the stack, spoken to directly: what it accepts, what it refuses, and what it persists. */
class StackProtocolTest {
    static final Identity IDENTITY = Identity.parse("https://ci.example.test/org/repo/.github/workflows/release.yml@refs/heads/main");

    @TempDir
    static Path dir;
    static LocalSigstore stack;
    static ManagedChannel channel;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, IDENTITY);
        URI fulcio = URI.create(stack.urls().fulcio());
        channel = NettyChannelBuilder.forAddress(fulcio.getHost(), fulcio.getPort())
                .sslContext(GrpcSslContexts.forClient().trustManager(dir.resolve("stack/keys/tls-ca.pem").toFile()).build())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        stack.close();
    }

    static CreateSigningCertificateRequest request(String token, KeyPair keys, String signedSubject) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(keys.getPrivate());
        signature.update(signedSubject.getBytes(StandardCharsets.UTF_8));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        return CreateSigningCertificateRequest.newBuilder()
                .setCredentials(Credentials.newBuilder().setOidcIdentityToken(token))
                .setPublicKeyRequest(PublicKeyRequest.newBuilder()
                        .setPublicKey(dev.sigstore.fulcio.v2.PublicKey.newBuilder().setContent(pem))
                        .setProofOfPossession(ByteString.copyFrom(signature.sign())))
                .build();
    }

    static List<X509Certificate> chain(List<String> pems) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return pems.stream().map(p -> {
            try {
                return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(p.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void fulcioIssuesAShortLivedCertificateWithTheIdentityIssuerAndAnEmbeddedSct() throws Exception {
        KeyPair keys = Authorities.p256();
        var response = CAGrpc.newBlockingStub(channel).createSigningCertificate(request(stack.mintToken(), keys, IDENTITY.value()));
        List<X509Certificate> certs = chain(response.getSignedCertificateEmbeddedSct().getChain().getCertificatesList());
        assertThat(certs).as("leaf, intermediate, root").hasSize(3);
        X509Certificate leaf = certs.get(0);
        leaf.verify(certs.get(1).getPublicKey());
        certs.get(1).verify(certs.get(2).getPublicKey());
        certs.get(2).verify(certs.get(2).getPublicKey());
        assertThat(certs.get(1).getBasicConstraints()).isZero();
        assertThat(leaf.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant())).isEqualTo(Duration.ofMinutes(10));
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(6, IDENTITY.value()));
        assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.17");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
        byte[] issuer = ASN1OctetString.getInstance(leaf.getExtensionValue("1.3.6.1.4.1.57264.1.8")).getOctets();
        assertThat(DERUTF8String.getInstance(issuer).getString()).isEqualTo(stack.oidcIssuer());
        assertThat(leaf.getExtensionValue("1.3.6.1.4.1.11129.2.4.2")).isNotNull();
        assertThat(leaf.getExtensionValue("1.3.6.1.4.1.11129.2.4.3")).as("no poison in the final certificate").isNull();

        var bundle = CAGrpc.newBlockingStub(channel).getTrustBundle(GetTrustBundleRequest.getDefaultInstance());
        assertThat(chain(bundle.getChains(0).getCertificatesList())).containsExactly(certs.get(1), certs.get(2));
        JsonNode rest = JsonCodec.mapper().readTree(get("/api/v2/trustBundle").body());
        List<String> restPems = new java.util.ArrayList<>();
        rest.path("chains").get(0).path("certificates").forEach(c -> restPems.add(c.asText()));
        assertThat(chain(restPems)).containsExactly(certs.get(1), certs.get(2));
        JsonNode configuration = JsonCodec.mapper().readTree(get("/api/v2/configuration").body());
        assertThat(configuration.path("issuers").get(0).path("issuerUrl").asText()).isEqualTo(stack.oidcIssuer());
        assertThat(configuration.path("issuers").get(0).path("challengeClaim").asText()).isEqualTo("sub");
    }

    @Test
    void fulcioRefusesTokensItDidNotIssueOrThatExpiredAndKeysTheCallerDoesNotHold() throws Exception {
        KeyPair keys = Authorities.p256();
        var stub = CAGrpc.newBlockingStub(channel);
        OidcIssuer impostor = new OidcIssuer(stack.oidcIssuer(), Authorities.p256(), Clock.systemUTC());
        assertThat(status(() -> stub.createSigningCertificate(request(impostor.mint(IDENTITY, Duration.ofMinutes(5)), keys, IDENTITY.value()))))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        String expired = new OidcIssuer(stack.oidcIssuer(), readOidcKeys(), Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                .mint(IDENTITY, Duration.ofMinutes(5));
        assertThat(status(() -> stub.createSigningCertificate(request(expired, keys, IDENTITY.value())))).isEqualTo(Status.Code.UNAUTHENTICATED);
        String otherIssuer = new OidcIssuer("https://issuer.example.test", readOidcKeys(), Clock.systemUTC()).mint(IDENTITY, Duration.ofMinutes(5));
        assertThat(status(() -> stub.createSigningCertificate(request(otherIssuer, keys, IDENTITY.value())))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status(() -> stub.createSigningCertificate(request(stack.mintToken(), keys, "someone else"))))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        // a proof made with another key than the one to be certified
        var mismatched = request(stack.mintToken(), Authorities.p256(), IDENTITY.value()).toBuilder();
        mismatched.getPublicKeyRequestBuilder().setPublicKey(request(stack.mintToken(), keys, IDENTITY.value()).getPublicKeyRequest().getPublicKey());
        assertThat(status(() -> stub.createSigningCertificate(mismatched.build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    static KeyPair readOidcKeys() throws Exception {
        return Pem.readKeyPair(dir.resolve("stack/keys"), "oidc");
    }

    interface Call {
        Object run() throws Exception;
    }

    static Status.Code status(Call call) throws Exception {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        throw new AssertionError("the call succeeded");
    }

    static HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.urls().http() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.urls().http() + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String hashedRekord(KeyPair keys, byte[] digest, byte[] signature) {
        ObjectNode entry = JsonCodec.mapper().createObjectNode().put("kind", "hashedrekord").put("apiVersion", "0.0.1");
        ObjectNode spec = entry.putObject("spec");
        spec.putObject("data").putObject("hash").put("algorithm", "sha256").put("value", HexFormat.of().formatHex(digest));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        spec.putObject("signature").put("content", Base64.getEncoder().encodeToString(signature))
                .putObject("publicKey").put("content", Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
        return JsonCodec.writeString(entry);
    }

    static byte[] signDigest(KeyPair keys, byte[] digest) throws Exception {
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initSign(keys.getPrivate());
        s.update(digest);
        return s.sign();
    }

    @Test
    void rekorV1LogsOnlyEntriesWhoseSignatureVerifies() throws Exception {
        KeyPair keys = Authorities.p256();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("artifact".getBytes(StandardCharsets.UTF_8));
        byte[] otherDigest = MessageDigest.getInstance("SHA-256").digest("other".getBytes(StandardCharsets.UTF_8));
        String good = hashedRekord(keys, digest, signDigest(keys, digest));
        HttpResponse<byte[]> created = post(RekorV1Api.ENTRIES_PATH, "application/json", good.getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith(RekorV1Api.ENTRIES_PATH + "/"));
        JsonNode entry = JsonCodec.mapper().readTree(created.body()).elements().next();
        assertThat(entry.path("logIndex").asLong()).isPositive();
        assertThat(entry.path("verification").path("signedEntryTimestamp").asText()).isNotEmpty();
        assertThat(entry.path("verification").path("inclusionProof").path("checkpoint").asText()).startsWith("127.0.0.1 - ");

        String forged = hashedRekord(keys, otherDigest, signDigest(keys, digest));
        assertThat(post(RekorV1Api.ENTRIES_PATH, "application/json", forged.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(post(RekorV1Api.ENTRIES_PATH, "application/json", "{not json".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(post(RekorV1Api.ENTRIES_PATH, "application/json",
                "{\"kind\":\"rekord\",\"apiVersion\":\"0.0.1\",\"spec\":{}}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);

        JsonNode info = JsonCodec.mapper().readTree(get(RekorV1Api.LOG_PATH).body());
        assertThat(info.path("treeSize").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(info.path("signedTreeHead").asText()).contains("\n" + info.path("treeSize").asLong() + "\n");

        // the tree only grew since the entry's checkpoint: a monitor holding that checkpoint can check it
        var proofAtEntry = entry.path("verification").path("inclusionProof");
        long oldSize = proofAtEntry.path("treeSize").asLong();
        post(RekorV1Api.ENTRIES_PATH, "application/json", hashedRekord(keys, otherDigest, signDigest(keys, otherDigest)).getBytes(StandardCharsets.UTF_8));
        JsonNode now = JsonCodec.mapper().readTree(get(RekorV1Api.LOG_PATH).body());
        JsonNode consistency = JsonCodec.mapper().readTree(get(RekorV1Api.PROOF_PATH + "?firstSize=" + oldSize + "&lastSize="
                + now.path("treeSize").asLong()).body());
        List<byte[]> hashes = new java.util.ArrayList<>();
        consistency.path("hashes").forEach(h -> hashes.add(HexFormat.of().parseHex(h.asText())));
        var proof = new dev.provenant.tlog.ConsistencyProof(oldSize, now.path("treeSize").asLong(), hashes);
        byte[] oldRoot = HexFormat.of().parseHex(proofAtEntry.path("rootHash").asText());
        byte[] newRoot = HexFormat.of().parseHex(now.path("rootHash").asText());
        assertThat(proof.verify(oldRoot, newRoot)).isTrue();
        assertThat(proof.verify(newRoot, oldRoot)).isFalse();
        assertThat(get(RekorV1Api.PROOF_PATH + "?firstSize=0").statusCode()).isEqualTo(400);
    }

    @Test
    void rekorV1AcceptsDsseProposalsAndRecordsHashesAndVerifiers() throws Exception {
        KeyPair keys = Authorities.p256();
        byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(keys.getPrivate());
        s.update(Pae.encode("application/vnd.in-toto+json", payload));
        ObjectNode envelope = JsonCodec.mapper().createObjectNode().put("payloadType", "application/vnd.in-toto+json")
                .put("payload", Base64.getEncoder().encodeToString(payload));
        envelope.putArray("signatures").addObject().put("sig", Base64.getEncoder().encodeToString(s.sign()));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        ObjectNode proposal = JsonCodec.mapper().createObjectNode().put("kind", "dsse").put("apiVersion", "0.0.1");
        ObjectNode content = proposal.putObject("spec").putObject("proposedContent").put("envelope", JsonCodec.writeString(envelope));
        content.putArray("verifiers").add(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<byte[]> created = post(RekorV1Api.ENTRIES_PATH, "application/json", JsonCodec.write(proposal));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JsonCodec.mapper().readTree(Base64.getDecoder().decode(
                JsonCodec.mapper().readTree(created.body()).elements().next().path("body").asText()));
        assertThat(body.path("spec").path("payloadHash").path("value").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)));
        assertThat(body.path("spec").path("signatures").get(0).path("verifier").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));

        envelope.withArray("signatures").removeAll().addObject().put("sig", Base64.getEncoder().encodeToString(signDigest(keys, new byte[32])));
        content.put("envelope", JsonCodec.writeString(envelope));
        assertThat(post(RekorV1Api.ENTRIES_PATH, "application/json", JsonCodec.write(proposal)).statusCode()).isEqualTo(400);
    }

    @Test
    void rekorV2RefusesASignatureThatDoesNotVerify() throws Exception {
        KeyPair keys = Authorities.p256();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("v2".getBytes(StandardCharsets.UTF_8));
        String request = "{\"hashedRekordRequestV002\":{\"digest\":\"" + Base64.getEncoder().encodeToString(digest)
                + "\",\"signature\":{\"content\":\"%s\",\"verifier\":{\"publicKey\":{\"rawBytes\":\""
                + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()) + "\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}}}}";
        HttpResponse<byte[]> good = post(RekorV2Api.ENTRIES_PATH, "application/json",
                String.format(request, Base64.getEncoder().encodeToString(signDigest(keys, digest))).getBytes(StandardCharsets.UTF_8));
        assertThat(good.statusCode()).isEqualTo(201);
        JsonNode entry = JsonCodec.mapper().readTree(good.body());
        assertThat(entry.path("kindVersion").path("version").asText()).isEqualTo("0.0.2");
        assertThat(entry.path("inclusionProof").path("checkpoint").path("envelope").asText()).startsWith("127.0.0.1\n");
        assertThat(entry.has("integratedTime")).isFalse();
        HttpResponse<byte[]> bad = post(RekorV2Api.ENTRIES_PATH, "application/json",
                String.format(request, Base64.getEncoder().encodeToString(signDigest(keys, new byte[32]))).getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(post(RekorV2Api.ENTRIES_PATH, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    }

    @Test
    void theTimestampAuthoritySignsTheImprintWithTheTrustedCertificate() throws Exception {
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest("signature bytes".getBytes(StandardCharsets.UTF_8));
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        var request = generator.generate(NISTObjectIdentifiers.id_sha256, imprint, java.math.BigInteger.valueOf(42));
        HttpResponse<byte[]> reply = post(TimestampAuthority.PATH, "application/timestamp-query", request.getEncoded());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/timestamp-reply");
        TimeStampResponse response = new TimeStampResponse(reply.body());
        response.validate(request);
        X509Certificate tsa = Pem.readCertificates(dir.resolve("stack/keys/tsa.pem")).get(0);
        response.getTimeStampToken().validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
        assertThat(response.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
        assertThat(post(TimestampAuthority.PATH, "application/timestamp-query", new byte[] {1, 2, 3}).statusCode()).isEqualTo(400);
    }

    @Test
    void theOidcIssuerPublishesDiscoveryAndKeysAndMintsTokensForTheIdentity() throws Exception {
        JsonNode discovery = JsonCodec.mapper().readTree(get(LocalSigstore.OIDC_PATH + "/.well-known/openid-configuration").body());
        assertThat(discovery.path("issuer").asText()).isEqualTo(stack.oidcIssuer());
        JsonNode jwks = JsonCodec.mapper().readTree(get(LocalSigstore.OIDC_PATH + "/jwks").body());
        assertThat(jwks.path("keys").get(0).path("crv").asText()).isEqualTo("P-256");
        JsonNode token = JsonCodec.mapper().readTree(post(LocalSigstore.OIDC_PATH + "/token", "application/x-www-form-urlencoded", new byte[0]).body());
        OidcIssuer check = new OidcIssuer(stack.oidcIssuer(), readOidcKeys(), Clock.systemUTC());
        assertThat(check.verify(token.path("id_token").asText())).isEqualTo(IDENTITY);
        assertThat(check.verify(Files.readString(stack.tokenFile()).trim())).isEqualTo(IDENTITY);
        assertThat(Files.getPosixFilePermissions(stack.tokenFile())).extracting(Object::toString).containsOnly("OWNER_READ", "OWNER_WRITE");
        assertThat(get("/nothing/here").statusCode()).isEqualTo(404);
    }

    @Test
    void aRestartedStackIsTheSameAuthorityWithTheSameLog(@TempDir Path other) throws Exception {
        Path home = other.resolve("restart");
        String root;
        long size;
        try (LocalSigstore first = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            KeyPair keys = Authorities.p256();
            byte[] digest = new byte[32];
            HttpResponse<byte[]> created = http.send(HttpRequest.newBuilder(URI.create(first.urls().http() + RekorV1Api.ENTRIES_PATH))
                    .POST(HttpRequest.BodyPublishers.ofString(hashedRekord(keys, digest, signDigest(keys, digest)))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(created.statusCode()).isEqualTo(201);
            root = keysOf(Files.readAllBytes(first.trustedRoot()));
            size = JsonCodec.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(first.urls().http() + RekorV1Api.LOG_PATH)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body()).path("treeSize").asLong();
        }
        try (LocalSigstore second = LocalSigstore.start(home, 0, 0, IDENTITY)) {
            assertThat(keysOf(Files.readAllBytes(second.trustedRoot()))).isEqualTo(root);
            JsonNode info = JsonCodec.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(second.urls().http() + RekorV1Api.LOG_PATH)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body());
            assertThat(info.path("treeSize").asLong()).isEqualTo(size);
        }
        assertThat(Files.getPosixFilePermissions(home.resolve("keys/fulcio-ca.key"))).extracting(Object::toString)
                .containsOnly("OWNER_READ", "OWNER_WRITE");
    }

    // the trusted root without its URLs, which carry the ports of one run
    private static String keysOf(byte[] trustedRoot) throws Exception {
        JsonNode root = JsonCodec.mapper().readTree(trustedRoot);
        StringBuilder out = new StringBuilder();
        root.path("tlogs").forEach(l -> out.append(l.path("publicKey").path("rawBytes").asText()).append(';'));
        root.path("ctlogs").forEach(l -> out.append(l.path("publicKey").path("rawBytes").asText()).append(';'));
        root.path("certificateAuthorities").forEach(c -> out.append(c.path("certChain").toString()).append(';'));
        root.path("timestampAuthorities").forEach(c -> out.append(c.path("certChain").toString()).append(';'));
        return out.toString();
    }

    @Test
    void everythingListensOnTheLoopbackInterfaceOnly() {
        assertThat(URI.create(stack.urls().http()).getHost()).isEqualTo("127.0.0.1");
        assertThat(URI.create(stack.urls().fulcio()).getHost()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> Identity.parse("not an identity")).isInstanceOf(IllegalArgumentException.class);
    }
}
