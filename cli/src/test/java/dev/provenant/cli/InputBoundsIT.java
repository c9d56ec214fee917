package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs built to exhaust memory or time, given to the packaged CLI with a 64 MiB heap: each ends in
 * one line and exit 1 (the evidence does not hold) or 2 (the input cannot be read as what it claims
 * to be), with no stack trace, within a time bound.
 */
class InputBoundsIT {
    /** -Xmx64m through the launcher's variable for JVM options. */
    private static final Map<String, String> SMALL_HEAP = Map.of("PROVENANT_JAVA_OPTS", "-Xmx64m");
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final List<String> IDENTITY = List.of("--certificate-identity", "someone@example.com",
            "--certificate-oidc-issuer", "https://issuer.example");

    @TempDir
    static Path dir;
    static Path artifact;

    @BeforeAll
    static void writeArtifact() throws IOException {
        artifact = Files.writeString(dir.resolve("app.txt"), "the artifact\n");
    }

    private static PackagedCli provenant(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(PackagedCli.ROOT.resolve("provenant").toString());
        command.addAll(args);
        long start = System.nanoTime();
        PackagedCli run = PackagedCli.run(BOUND.toSeconds() * 2, SMALL_HEAP, command);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("%s took %s", args, took).isLessThan(BOUND);
        return run;
    }

    private static void assertOneLineFailure(PackagedCli run, int exitCode, String... contains) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(exitCode);
        assertThat(run.output()).as(run.output())
                .doesNotContain("Exception", "OutOfMemoryError", "\tat ")
                .startsWith("provenant: ")
                .contains(contains);
        assertThat(run.output().strip().lines()).as(run.output()).hasSize(1);
    }

    private static List<String> verifyKeyless(Path bundle) {
        List<String> args = new ArrayList<>(List.of("verify"));
        args.addAll(IDENTITY);
        args.addAll(List.of("--bundle", bundle.toString(), artifact.toString()));
        return args;
    }

    @Test
    void anEndlessDeviceAsTheBundleIsRefusedAtItsCap() throws Exception {
        assertOneLineFailure(provenant(verifyKeyless(Path.of("/dev/zero"))), 2,
                "bundle /dev/zero is larger than the 8 MiB a bundle may have");
        assertOneLineFailure(provenant(List.of("verify", "--key", "/dev/zero", "--bundle", "/dev/zero", artifact.toString())),
                2, "key /dev/zero is larger than the 64 KiB a key may have");
    }

    @Test
    void anEndlessPipeAsTheBundleIsRefusedAtItsCap() throws Exception {
        Path fifo = dir.resolve("bundle.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                byte[] chunk = "{\"a\":[".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the CLI closed its end
            }
        });
        writer.setDaemon(true);
        writer.start();
        assertOneLineFailure(provenant(verifyKeyless(fifo)), 2, "bundle " + fifo + " is larger than the 8 MiB a bundle may have");
    }

    @Test
    void aHugeJsonArrayIsRefusedBySizeAndOneUnderTheCapByItsValueCount() throws Exception {
        Path huge = dir.resolve("huge.json");
        Files.write(huge, array(25 << 20, "0"));
        assertOneLineFailure(provenant(verifyKeyless(huge)), 2, "is larger than the 8 MiB a bundle may have");

        // Just under the bundle cap: four million values, each costing far more than its two bytes once parsed.
        Path numbers = dir.resolve("numbers.json");
        Files.write(numbers, array((8 << 20) / 2 - 8, "0"));
        assertOneLineFailure(provenant(verifyKeyless(numbers)), 1, "bundle is malformed: more than 262144 values");
        Path objects = dir.resolve("objects.json");
        Files.write(objects, array((8 << 20) / 3 - 8, "{}"));
        // The same through Jackson, which reads in-toto links.
        assertOneLineFailure(provenant(List.of("verify-link", "-k",
                PackagedCli.ROOT.resolve("testdata/keys/ec-p256.pub").toString(), objects.toString())), 2,
                "Token count (524289) exceeds the maximum allowed (524288");
    }

    @Test
    void aHugePayloadUnderASelfMadeCertificateCostsNothingBeforeItIsRefused() throws Exception {
        Path over = dir.resolve("over.sigstore.json");
        Files.writeString(over, selfMadeBundle(46_000_000));
        assertOneLineFailure(provenant(verifyKeyless(over)), 2, "is larger than the 8 MiB a bundle may have");

        // Under the cap: refused for its certificate before the payload is decoded.
        Path under = dir.resolve("under.sigstore.json");
        Files.writeString(under, selfMadeBundle(5_500_000));
        assertThat(Files.size(under)).isLessThan(8 << 20);
        assertOneLineFailure(provenant(verifyKeyless(under)), 1,
                "certificate chain: the signing certificate (issuer 'CN=sigstore-intermediate') was not issued by a "
                        + "certificate authority of the trusted root");
    }

    @Test
    void theLargestStatementASignerAcceptsVerifiesInA64MiBHeap() throws Exception {
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(artifact)));
        StringBuilder statement = new StringBuilder("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[")
                .append("{\"name\":\"app.txt\",\"digest\":{\"sha256\":\"").append(sha256).append("\"}}");
        for (int i = 0; statement.length() < 6_100_000; i++) {
            statement.append(",{\"name\":\"f").append(i).append("\",\"digest\":{\"sha256\":\"")
                    .append(String.format("%064x", i)).append("\"}}");
        }
        statement.append("],\"predicateType\":\"https://example.com/p\",\"predicate\":{}}");
        Path file = Files.writeString(dir.resolve("statement.json"), statement);
        Path bundle = dir.resolve("large.sigstore.json");
        String key = PackagedCli.ROOT.resolve("testdata/keys/ec-p256-sec1.pem").toString();
        PackagedCli attest = provenant(List.of("attest", "--key", key, "--statement", file.toString(), "--bundle", bundle.toString()));
        assertThat(attest.exitCode()).as(attest.output()).isZero();
        assertThat(Files.size(bundle)).isGreaterThan(8_000_000).isLessThanOrEqualTo(8 << 20);
        PackagedCli verify = provenant(List.of("verify", "--key", PackagedCli.ROOT.resolve("testdata/keys/ec-p256.pub").toString(),
                "--bundle", bundle.toString(), artifact.toString()));
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Verified OK").doesNotContain("Exception");

        // A statement too large for any bundle a verifier reads is refused before it is signed.
        Files.writeString(file, statement.insert(statement.length() - 2, "\"pad\":\"" + "x".repeat(200_000) + "\""));
        assertOneLineFailure(provenant(List.of("attest", "--key", key, "--statement", file.toString(), "--bundle",
                dir.resolve("too-large.sigstore.json").toString())), 2, "would make a bundle larger than the 8 MiB a verifier reads");
    }

    private static byte[] array(int elements, String element) {
        StringBuilder json = new StringBuilder(elements * (element.length() + 1) + 2).append('[');
        for (int i = 0; i < elements; i++) {
            json.append(i == 0 ? "" : ",").append(element);
        }
        return json.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A v0.3 bundle whose DSSE envelope of {@code payloadBytes} spaces is signed, correctly, by a
     * certificate from a CA named like Sigstore's but made here.
     */
    private static String selfMadeBundle(int payloadBytes) throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair ca = ec.generateKeyPair();
        KeyPair leaf = ec.generateKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=sigstore-intermediate"),
                BigInteger.TWO, Date.from(now.minusSeconds(300)), Date.from(now.plusSeconds(300)), new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
                leaf.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, true,
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, "someone@example.com")));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
        byte[] payload = " ".repeat(payloadBytes).getBytes(StandardCharsets.US_ASCII);
        String type = "application/vnd.in-toto+json";
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(leaf.getPrivate());
        signature.update(("DSSEv1 " + type.length() + " " + type + " " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        signature.update(payload);
        Base64.Encoder b64 = Base64.getEncoder();
        return "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
                + "\"verificationMaterial\":{\"certificate\":{\"rawBytes\":\"" + b64.encodeToString(certificate.getEncoded())
                + "\"},\"tlogEntries\":[]},"
                + "\"dsseEnvelope\":{\"payload\":\"" + b64.encodeToString(payload) + "\",\"payloadType\":\"" + type
                + "\",\"signatures\":[{\"sig\":\"" + b64.encodeToString(signature.sign()) + "\"}]}}";
    }
}
