package dev.provenant.signer.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.file.FileKeyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSignerTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");

    @TempDir
    Path dir;

    private static Signer open(String file) throws Exception {
        return new FileKeyProvider().open(KEYS.resolve(file).toString(), new SecretSource(Map.of(), "X", null));
    }

    @Test
    void messageSignatureBundleCarriesTheDigestAndAKeyHint() throws Exception {
        Path artifact = Files.writeString(dir.resolve("a.txt"), "hello\n");
        Signer signer = open("ec-p256-sec1.pem");
        Bundle bundle = new BundleSigner(signer, new ArtifactDigester()).signArtifact(artifact);
        assertThat(bundle.mediaType()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
        assertThat(bundle.messageSignature().messageDigest().toDigest())
                .isEqualTo(new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256));
        assertThat(bundle.verificationMaterial().publicKey().hint())
                .isEqualTo(Base64Text.encode(PemPublicKeys.fingerprint(signer.publicKey())));
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(signer.publicKey());
        verify.update(Files.readAllBytes(artifact));
        assertThat(verify.verify(bundle.messageSignature().signatureBytes())).isTrue();
        assertThat(Bundle.parse(bundle.toJson())).isEqualTo(bundle);
    }

    @Test
    void ed25519SignsTheWholeMessage() throws Exception {
        Path artifact = Files.writeString(dir.resolve("e.txt"), "ed25519 message");
        Signer signer = open("ed25519-pkcs8.pem");
        Bundle bundle = new BundleSigner(signer, new ArtifactDigester()).signArtifact(artifact);
        Signature verify = Signature.getInstance("Ed25519");
        verify.initVerify(signer.publicKey());
        verify.update(Files.readAllBytes(artifact));
        assertThat(verify.verify(bundle.messageSignature().signatureBytes())).isTrue();
        assertThat(bundle.messageSignature().messageDigest().algorithm()).isEqualTo("SHA2_256");
    }

    @Test
    void attestationSignsThePaeOfTheExactPayload() throws Exception {
        Signer signer = open("rsa-3072-pkcs8.pem");
        Path artifact = Files.writeString(dir.resolve("b.bin"), "bin");
        var digest = new ArtifactDigester().digest(artifact, DigestAlgorithm.SHA256);
        Statement statement = Statement.of(List.of(ResourceDescriptor.of("b.bin", digest)), "https://example.com/t", null);
        Bundle bundle = new BundleSigner(signer, new ArtifactDigester()).attest(statement);
        var envelope = bundle.dsseEnvelope();
        assertThat(envelope.payloadBytes()).isEqualTo(statement.toJson());
        assertThat(envelope.payloadType()).isEqualTo("application/vnd.in-toto+json");
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(signer.publicKey());
        verify.update(Pae.encode(envelope.payloadType(), envelope.payloadBytes()));
        assertThat(verify.verify(envelope.signatures().get(0).signatureBytes())).isTrue();
    }

    @Test
    void refusesToSignAPayloadWhoseBundleNoVerifierWouldRead() throws Exception {
        BundleSigner signer = new BundleSigner(open("ec-p256-sec1.pem"), new ArtifactDigester());
        byte[] largest = new byte[Bundle.MAX_DSSE_PAYLOAD_BYTES];
        java.util.Arrays.fill(largest, (byte) ' ');
        Bundle bundle = signer.attest("application/vnd.in-toto+json", largest);
        assertThat(bundle.toJson().length).isLessThanOrEqualTo(dev.provenant.attest.io.InputLimit.BUNDLE.maxBytes());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> signer.attest("application/vnd.in-toto+json", new byte[Bundle.MAX_DSSE_PAYLOAD_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would make a bundle larger than the 8 MiB a verifier reads");
    }
}
