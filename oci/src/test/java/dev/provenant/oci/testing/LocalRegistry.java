package dev.provenant.oci.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;

/**
 * A real registry for tests: Debian's {@code docker-registry} (the CNCF distribution registry 2.8,
 * which has no referrers API) serving a throwaway storage folder on a loopback port, optionally behind
 * htpasswd basic auth and TLS with a certificate made here. Tests that need it are skipped with one
 * line when the program is not installed (CI installs it).
 */
public final class LocalRegistry implements AutoCloseable {
    public static final Path PROGRAM = Path.of("/usr/bin/docker-registry");
    public static final String USER = "tester";
    public static final String PASSWORD = "correct horse battery staple";

    private final Process process;
    private final int port;
    private final Path storage;
    private final Path caFile;

    private LocalRegistry(Process process, int port, Path storage, Path caFile) {
        this.process = process;
        this.port = port;
        this.storage = storage;
        this.caFile = caFile;
    }

    /** Skips the calling test when docker-registry is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(PROGRAM), "docker-registry is not installed (apt-get install docker-registry); skipped");
    }

    public static LocalRegistry start(Path dir) throws Exception {
        return start(dir, false, false);
    }

    /** Starts a registry with its storage, config and logs in {@code dir}. */
    public static LocalRegistry start(Path dir, boolean basicAuth, boolean tls) throws Exception {
        assumeInstalled();
        Path storage = Files.createDirectories(dir.resolve("storage"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: error\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(storage).append("\n  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append("\n  secret: test-secret\n");
        Path ca = null;
        if (tls) {
            ca = writeCertificate(dir);
            config.append("  tls:\n    certificate: ").append(dir.resolve("tls.crt")).append("\n    key: ")
                    .append(dir.resolve("tls.key")).append("\n");
        }
        if (basicAuth) {
            String hash = OpenBSDBCrypt.generate("2a", PASSWORD.toCharArray(), new SecureRandom().generateSeed(16), 6);
            Files.writeString(dir.resolve("htpasswd"), USER + ":" + hash + "\n");
            config.append("auth:\n  htpasswd:\n    realm: provenant-test\n    path: ").append(dir.resolve("htpasswd")).append("\n");
        }
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, config.toString());
        Process process = new ProcessBuilder(PROGRAM.toString(), "serve", configFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, port, storage, ca);
        registry.awaitReady(dir);
        return registry;
    }

    private void awaitReady(Path dir) throws Exception {
        SSLContext ssl = caFile == null ? null : dev.provenant.oci.RegistryTls.trusting(caFile);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) new URL((caFile == null ? "http" : "https") + "://127.0.0.1:" + port + "/v2/")
                        .openConnection();
                if (c instanceof HttpsURLConnection https) {
                    https.setSSLSocketFactory(ssl.getSocketFactory());
                }
                c.setConnectTimeout(500);
                c.setReadTimeout(500);
                int code = c.getResponseCode();
                c.disconnect();
                if (code == 200 || code == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("docker-registry did not answer on port " + port);
    }

    /** {@code 127.0.0.1:PORT}, as an image reference names the registry. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The CA that issued the registry's TLS certificate, when it serves TLS. */
    public Path caFile() {
        return caFile;
    }

    /** Where the registry keeps blob {@code hex}'s content, for tests that tamper with storage. */
    public Path blobData(String hex) {
        return storage.resolve("docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
    }

    /** A Docker config.json holding this registry's basic credentials, in {@code dir}. */
    public Path dockerConfig(Path dir) throws IOException {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"" + host() + "\":{\"auth\":\"" + auth + "\"}}}");
        return dir;
    }

    private static Path writeCertificate(Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=provenant test registry");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        String certPem = pem("CERTIFICATE", cert.getEncoded());
        Files.writeString(dir.resolve("tls.crt"), certPem);
        Files.writeString(dir.resolve("tls.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, certPem);
        return ca;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
