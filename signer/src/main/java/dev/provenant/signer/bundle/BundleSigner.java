package dev.provenant.signer.bundle;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.HashOutput;
import dev.provenant.attest.bundle.MessageSignature;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.dsse.Pae;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.Base64Text;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Produces Sigstore bundles (v0.3) with any {@link Signer}: a message signature over an artifact, or
 * a DSSE envelope around an in-toto statement. Key-based bundles name the key by a hint (the SHA-256
 * of its SubjectPublicKeyInfo) and carry no transparency log entry.
 */
public final class BundleSigner {
    /**
     * Ed25519 signs the message itself, so the artifact has to be in memory; above this size signing
     * with Ed25519 is refused rather than exhausting the heap. Attest with a statement instead.
     */
    public static final long MAX_ED25519_MESSAGE = 256L * 1024 * 1024;

    private final Signer signer;
    private final ArtifactDigester digester;

    public BundleSigner(Signer signer, ArtifactDigester digester) {
        this.signer = signer;
        this.digester = digester;
    }

    /** Signs an artifact file, streaming it; the bundle's messageDigest is its SHA-256 (or the key's hash). */
    public Bundle signArtifact(Path artifact) throws IOException, SigningException {
        var hash = signer.algorithm().hash();
        if (hash.isPresent()) {
            Digest digest = digester.digest(artifact, hash.get());
            return signDigest(digest);
        }
        long size = Files.size(artifact);
        if (size > MAX_ED25519_MESSAGE) {
            throw new SigningException(artifact + " is " + (size >> 20) + " MiB; Ed25519 signs whole messages in memory and "
                    + "is limited to " + (MAX_ED25519_MESSAGE >> 20) + " MiB: use an ECDSA or RSA key, or attest a statement");
        }
        byte[] message = Files.readAllBytes(artifact);
        Digest sha256 = new Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(message));
        return messageBundle(sha256, signer.sign(message));
    }

    /** Signs a precomputed digest; only for prehashed keys (not Ed25519). */
    public Bundle signDigest(Digest digest) throws SigningException {
        return messageBundle(digest, signer.signDigest(digest));
    }

    private Bundle messageBundle(Digest digest, byte[] signature) {
        return Bundle.ofMessageSignature(material(),
                new MessageSignature(HashOutput.of(digest), Base64Text.encode(signature)));
    }

    /** Signs a statement as a DSSE envelope; the payload is exactly the statement's JSON bytes. */
    public Bundle attest(Statement statement) throws SigningException {
        return attest(Statement.PAYLOAD_TYPE, statement.toJson());
    }

    public Bundle attest(String payloadType, byte[] payload) throws SigningException {
        Bundle.requireSignablePayload(payload.length);
        byte[] signature = signer.sign(Pae.encode(payloadType, payload));
        Envelope envelope = Envelope.of(payloadType, payload, List.of(new EnvelopeSignature(null, Base64Text.encode(signature))));
        return Bundle.ofEnvelope(material(), envelope);
    }

    private VerificationMaterial material() {
        return VerificationMaterial.ofPublicKey(Base64Text.encode(PemPublicKeys.fingerprint(signer.publicKey())));
    }

}
