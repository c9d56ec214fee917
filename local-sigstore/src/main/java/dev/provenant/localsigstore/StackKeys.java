package dev.provenant.localsigstore;

import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.json.Rfc3339Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every key and long-lived certificate of the stack, kept in {@code DIR/keys} so a restarted stack is
 * the same authority: bundles signed earlier still verify against the trusted root it writes again.
 * Created on first start; private keys are owner-only PKCS#8 files.
 */
record StackKeys(
        Instant created,
        long treeId,
        KeyPair fulcioRootKeys,
        X509Certificate fulcioRoot,
        KeyPair fulcio,
        X509Certificate fulcioIntermediate,
        KeyPair ctLog,
        KeyPair rekorV1,
        KeyPair rekorV2,
        KeyPair tsaRoot,
        X509Certificate tsaRootCertificate,
        KeyPair tsa,
        X509Certificate tsaCertificate,
        KeyPair oidc,
        KeyPair tlsCa,
        X509Certificate tlsCaCertificate,
        KeyPair tlsServer,
        X509Certificate tlsServerCertificate) {

    static final String ORGANIZATION = "Provenant local-sigstore";
    private static final String STATE = "created";

    static StackKeys loadOrCreate(Path directory) throws IOException, GeneralSecurityException {
        Path keys = directory.resolve("keys");
        if (Files.exists(keys.resolve(STATE))) {
            return load(keys);
        }
        Files.createDirectories(keys);
        // a minute back, so clients whose clocks lag a little still see every validity window open
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        long treeId = new SecureRandom().nextLong() & Long.MAX_VALUE;
        // as Fulcio: a root kept out of daily use, and an intermediate that issues the leaves
        KeyPair fulcioRootKeys = Authorities.p256();
        X509Certificate fulcioRoot = Authorities.root(ORGANIZATION, "local Fulcio CA", fulcioRootKeys, created);
        KeyPair fulcio = Authorities.p256();
        X509Certificate fulcioIntermediate = Authorities.intermediate(ORGANIZATION, "local Fulcio intermediate CA", fulcio.getPublic(),
                fulcioRoot, fulcioRootKeys.getPrivate(), created);
        KeyPair tsaRoot = Authorities.p256();
        X509Certificate tsaRootCertificate = Authorities.root(ORGANIZATION, "local timestamp root", tsaRoot, created);
        KeyPair tsa = Authorities.p256();
        X509Certificate tsaCertificate = Authorities.timestamping(tsa.getPublic(), tsaRootCertificate, tsaRoot.getPrivate(), created);
        KeyPair tlsCa = Authorities.p256();
        // named per stack: a TLS client that trusts two stacks must not mistake one's CA for the other's
        X509Certificate tlsCaCertificate = Authorities.root(ORGANIZATION, "local TLS CA " + Long.toHexString(treeId), tlsCa, created);
        KeyPair tlsServer = Authorities.p256();
        X509Certificate tlsServerCertificate = Authorities.tlsServer(tlsServer.getPublic(), tlsCaCertificate, tlsCa.getPrivate(), created);
        StackKeys stack = new StackKeys(created, treeId, fulcioRootKeys, fulcioRoot, fulcio, fulcioIntermediate, Authorities.p256(), Authorities.p256(), Authorities.p256(),
                tsaRoot, tsaRootCertificate, tsa, tsaCertificate, Authorities.p256(), tlsCa, tlsCaCertificate, tlsServer,
                tlsServerCertificate);
        stack.save(keys);
        return stack;
    }

    private void save(Path keys) throws IOException {
        Pem.writeKeyPair(keys, "fulcio-ca", fulcioRootKeys);
        Pem.writeCertificates(keys.resolve("fulcio-ca.pem"), List.of(fulcioRoot));
        Pem.writeKeyPair(keys, "fulcio-intermediate", fulcio);
        Pem.writeCertificates(keys.resolve("fulcio-intermediate.pem"), List.of(fulcioIntermediate));
        Pem.writeKeyPair(keys, "ct-log", ctLog);
        Pem.writeKeyPair(keys, "rekor-v1", rekorV1);
        Pem.writeKeyPair(keys, "rekor-v2", rekorV2);
        Pem.writeKeyPair(keys, "tsa-root", tsaRoot);
        Pem.writeCertificates(keys.resolve("tsa-root.pem"), List.of(tsaRootCertificate));
        Pem.writeKeyPair(keys, "tsa", tsa);
        Pem.writeCertificates(keys.resolve("tsa.pem"), List.of(tsaCertificate));
        Pem.writeKeyPair(keys, "oidc", oidc);
        Pem.writeKeyPair(keys, "tls-ca", tlsCa);
        Pem.writeCertificates(keys.resolve("tls-ca.pem"), List.of(tlsCaCertificate));
        Pem.writeKeyPair(keys, "tls-server", tlsServer);
        Pem.writeCertificates(keys.resolve("tls-server.pem"), List.of(tlsServerCertificate));
        // written last: its presence says every file above is complete
        AtomicFile.write(keys.resolve(STATE), (created + "\n" + treeId + "\n").getBytes(StandardCharsets.US_ASCII),
                AtomicFile.PUBLIC, true);
    }

    /** The Fulcio chain a verifier trusts, issuing CA first. */
    List<X509Certificate> fulcioChain() {
        return List.of(fulcioIntermediate, fulcioRoot);
    }

    private static StackKeys load(Path keys) throws IOException {
        if (!Files.exists(keys.resolve("fulcio-intermediate.pem"))) {
            throw new IOException(keys + " is from an older layout without a Fulcio intermediate CA: remove the directory to start a new stack");
        }
        List<String> state = Files.readAllLines(keys.resolve(STATE), StandardCharsets.US_ASCII);
        if (state.size() < 2) {
            throw new IOException(keys.resolve(STATE) + " is damaged: remove the directory to start a new stack");
        }
        Instant created;
        long treeId;
        try {
            created = Rfc3339Time.parse(state.get(0));
            treeId = Long.parseLong(state.get(1));
        } catch (RuntimeException e) {
            throw new IOException(keys.resolve(STATE) + " is damaged: remove the directory to start a new stack");
        }
        return new StackKeys(created, treeId,
                Pem.readKeyPair(keys, "fulcio-ca"), single(keys, "fulcio-ca.pem"),
                Pem.readKeyPair(keys, "fulcio-intermediate"), single(keys, "fulcio-intermediate.pem"),
                Pem.readKeyPair(keys, "ct-log"),
                Pem.readKeyPair(keys, "rekor-v1"),
                Pem.readKeyPair(keys, "rekor-v2"),
                Pem.readKeyPair(keys, "tsa-root"), single(keys, "tsa-root.pem"),
                Pem.readKeyPair(keys, "tsa"), single(keys, "tsa.pem"),
                Pem.readKeyPair(keys, "oidc"),
                Pem.readKeyPair(keys, "tls-ca"), single(keys, "tls-ca.pem"),
                Pem.readKeyPair(keys, "tls-server"), single(keys, "tls-server.pem"));
    }

    private static X509Certificate single(Path keys, String file) throws IOException {
        List<X509Certificate> certificates = Pem.readCertificates(keys.resolve(file));
        if (certificates.size() != 1) {
            throw new IOException(keys.resolve(file) + " should hold one certificate, it holds " + certificates.size());
        }
        return certificates.get(0);
    }
}
