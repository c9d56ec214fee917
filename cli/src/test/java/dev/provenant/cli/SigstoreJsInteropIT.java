package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles Provenant signs must verify with an independent implementation: sigstore-js
 * (@sigstore/verify, the peer in ../shared/peers/sigstore-js, installed here with npm ci), given only
 * the public key; and a tampered artifact must be refused.
 */
class SigstoreJsInteropIT {
    static Path peer;

    @TempDir
    Path dir;

    @BeforeAll
    static void installPeer() throws Exception {
        peer = PackagedCli.ROOT.resolve("cli/target/sigstore-js");
        if (!Files.isDirectory(peer.resolve("node_modules"))) {
            PackagedCli copy = PackagedCli.run(120, List.of("cp", "-r", PackagedCli.SHARED.resolve("peers/sigstore-js").toString(),
                    peer.toString()));
            assertThat(copy.exitCode()).as(copy.output()).isZero();
            PackagedCli install = PackagedCli.run(600, List.of("bash", "-c", "cd '" + peer + "' && npm ci --silent"));
            assertThat(install.exitCode()).as("npm ci of the sigstore-js peer: " + install.output()).isZero();
        }
    }

    private PackagedCli provenant(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
        command.addAll(List.of(args));
        return PackagedCli.run(120, command);
    }

    private PackagedCli sigstoreJs(Path bundle, Path key, String target) throws Exception {
        return PackagedCli.run(120, List.of("node", peer.resolve("verify.js").toString(), "verify-bundle", "--bundle", bundle.toString(),
                "--key", key.toString(), "--trusted-root", PackagedCli.SHARED.resolve("trust/public-good-trusted_root.json").toString(),
                "--allow-no-tlog", target));
    }

    @Test
    void keySignedBundlesVerifyWithSigstoreJs() throws Exception {
        for (String type : List.of("ecdsa-p256", "ecdsa-p384", "ed25519")) {
            String prefix = dir.resolve("k-" + type).toString();
            assertThat(provenant("keygen", "--type", type, "--no-password", "--output-prefix", prefix).exitCode()).isZero();
            Path artifact = Files.writeString(dir.resolve("artifact-" + type + ".txt"), "interop " + type + "\n");
            Path bundle = dir.resolve("artifact-" + type + ".sigstore.json");
            PackagedCli sign = provenant("sign", "--key", prefix + ".key", "--bundle", bundle.toString(), artifact.toString());
            assertThat(sign.exitCode()).as(sign.output()).isZero();
            PackagedCli ok = sigstoreJs(bundle, Path.of(prefix + ".pub"), artifact.toString());
            if (type.equals("ed25519")) {
                // sigstore-js 3.1.1 passes the messageDigest's hash name (sha256) to Node's crypto.verify, which
                // Ed25519 refuses; the bundle carries the digest because the bundle spec asks for it.
                assertThat(ok.exitCode()).as("sigstore-js and Ed25519 message signatures: " + ok.output()).isNotZero();
            } else {
                assertThat(ok.exitCode()).as(type + ": " + ok.output()).isZero();
            }

            Path attestation = dir.resolve("att-" + type + ".sigstore.json");
            Path predicate = Files.writeString(dir.resolve("p.json"), "{\"ok\":true}");
            assertThat(provenant("attest", "--key", prefix + ".key", "--type", "https://example.com/t/v1", "--predicate",
                    predicate.toString(), "--bundle", attestation.toString(), artifact.toString()).exitCode()).isZero();
            PackagedCli dsse = sigstoreJs(attestation, Path.of(prefix + ".pub"), artifact.toString());
            if (type.equals("ecdsa-p384")) {
                // PKIX_ECDSA_P384_SHA_384 signs with SHA-384, as sigstore-go does; sigstore-js 3.1.1 verifies a DSSE
                // PAE with OpenSSL's default digest for EC keys (SHA-256) whatever the curve, so it cannot verify
                // P-384 envelopes from any spec-following signer. Its message-signature path uses the right hash.
                assertThat(dsse.exitCode()).as("sigstore-js and P-384 DSSE: " + dsse.output()).isNotZero();
            } else {
                assertThat(dsse.exitCode()).as(type + " DSSE: " + dsse.output()).isZero();
            }

            // sigstore-js checks a DSSE envelope's signature but not the artifact against the statement's
            // subjects (Provenant does, see CliTest), so only the message signature is tampered with here.
            Files.writeString(artifact, "tampered\n");
            assertThat(sigstoreJs(bundle, Path.of(prefix + ".pub"), artifact.toString()).exitCode()).as(type + " tampered").isNotZero();
            assertThat(provenant("verify-attestation", "--key", prefix + ".pub", "--bundle", attestation.toString(),
                    artifact.toString()).exitCode()).as(type + " DSSE tampered, Provenant").isEqualTo(1);
        }
    }
}
