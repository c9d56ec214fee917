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
 * (@sigstore/verify, the project's peer in interop/sigstore-js, see {@link SigstoreJsPeer}), given only
 * the public key; and a tampered artifact must be refused.
 */
class SigstoreJsInteropIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void installPeer() throws Exception {
        SigstoreJsPeer.require();
    }

    private PackagedCli provenant(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
        command.addAll(List.of(args));
        return PackagedCli.run(120, command);
    }

    private PackagedCli provenant(java.util.Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
        command.addAll(List.of(args));
        return PackagedCli.run(120, env, command);
    }

    private PackagedCli sigstoreJs(Path bundle, Path key, String target) throws Exception {
        return SigstoreJsPeer.verifyBundle(List.of("--bundle", bundle.toString(), "--key", key.toString(), "--trusted-root",
                PackagedCli.publicGoodRoot().toString(), "--allow-no-tlog", target));
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

    @Test
    void kmsSignedBundlesVerifyWithSigstoreJs() throws Exception {
        try (var vault = new dev.provenant.kms.vault.VaultDouble("hvs.interop-token");
                var aws = new dev.provenant.kms.aws.AwsKmsDouble("AKIAIOSFODNN7EXAMPLE", "interop/secret/key")) {
            vault.createKey("release", "ecdsa-p256");
            aws.createKey("release", "ECC_NIST_P256");
            java.util.Map<String, String> env = new java.util.HashMap<>();
            env.put("VAULT_ADDR", vault.address());
            env.put("VAULT_TOKEN", "hvs.interop-token");
            env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
            env.put("AWS_SECRET_ACCESS_KEY", "interop/secret/key");
            env.put("AWS_REGION", dev.provenant.kms.aws.AwsKmsDouble.REGION);
            env.put("AWS_ENDPOINT_URL_KMS", aws.endpoint());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("HOME", dir.toString());
            for (String key : List.of("hashivault://release", "awskms:///alias/release")) {
                String name = key.substring(0, key.indexOf(':'));
                Path pub = dir.resolve(name + ".pub");
                PackagedCli export = provenant(env, "public-key", "--key", key, "--output", pub.toString());
                assertThat(export.exitCode()).as(export.output()).isZero();
                Path artifact = Files.writeString(dir.resolve(name + ".txt"), "signed in " + name + "\n");
                Path bundle = dir.resolve(name + ".sigstore.json");
                PackagedCli sign = provenant(env, "sign", "--key", key, "--bundle", bundle.toString(), artifact.toString());
                assertThat(sign.exitCode()).as(sign.output()).isZero();
                PackagedCli ok = sigstoreJs(bundle, pub, artifact.toString());
                assertThat(ok.exitCode()).as(key + ": " + ok.output()).isZero();

                Path predicate = Files.writeString(dir.resolve("p.json"), "{\"ok\":true}");
                Path attestation = dir.resolve(name + ".att.sigstore.json");
                PackagedCli attest = provenant(env, "attest", "--key", key, "--type", "https://example.com/t/v1", "--predicate",
                        predicate.toString(), "--bundle", attestation.toString(), artifact.toString());
                assertThat(attest.exitCode()).as(attest.output()).isZero();
                PackagedCli dsse = sigstoreJs(attestation, pub, artifact.toString());
                assertThat(dsse.exitCode()).as(key + " DSSE: " + dsse.output()).isZero();

                Files.writeString(artifact, "tampered\n");
                assertThat(sigstoreJs(bundle, pub, artifact.toString()).exitCode()).as(key + " tampered").isNotZero();
            }
        }
    }
}
