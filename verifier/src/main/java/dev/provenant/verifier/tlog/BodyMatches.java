package dev.provenant.verifier.tlog;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.dsse.Envelope;
import dev.provenant.attest.dsse.EnvelopeSignature;
import dev.provenant.attest.FormatException;
import dev.provenant.verifier.check.VerificationException;
import java.security.MessageDigest;

/** The comparisons every body kind makes between what the log recorded and what the bundle holds. */
final class BodyMatches {
    private BodyMatches() {}

    static void digest(String what, Digest recorded, Digest expected) throws VerificationException {
        if (recorded.algorithm() != expected.algorithm()) {
            throw BodyFields.mismatch("log entry " + what + " is a " + recorded.algorithm().intotoName()
                    + " digest, the bundle's is " + expected.algorithm().intotoName());
        }
        if (!recorded.equals(expected)) {
            throw BodyFields.mismatch("log entry " + what + " " + recorded + " does not match the bundle's " + expected);
        }
    }

    static void signature(byte[] recorded, byte[] expected) throws VerificationException {
        if (!MessageDigest.isEqual(recorded, expected)) {
            throw BodyFields.mismatch("log entry signature is not the bundle's signature");
        }
    }

    /** Rekor v1 names the verifier as PEM text: a certificate, or a public key. */
    static void pemVerifier(String pem, SigningMaterial signer) throws VerificationException {
        PemBlock block;
        try {
            block = PemBlock.parse(pem);
        } catch (IllegalArgumentException e) {
            throw BodyFields.mismatch("log entry verifier is not PEM: " + e.getMessage());
        }
        if (!block.isCertificate() && !block.isPublicKey()) {
            throw BodyFields.mismatch("log entry verifier is a PEM " + block.type() + ", not a certificate or public key");
        }
        verifier(block.isCertificate(), block.der(), signer);
    }

    static void verifier(boolean certificate, byte[] der, SigningMaterial signer) throws VerificationException {
        byte[] compared = der;
        if (!certificate) {
            // Re-encode so an equal key written with different DER (for example explicit NULL parameters) still compares equal.
            try {
                compared = PemPublicKeys.fromDer(der).getEncoded();
            } catch (FormatException e) {
                throw BodyFields.mismatch("log entry public key is unreadable: " + e.getMessage());
            }
        }
        if (!signer.sameAs(certificate, compared)) {
            throw BodyFields.mismatch("log entry " + (certificate ? "certificate" : "public key") + " is not " + signer.describe());
        }
    }

    /** Sigstore bundles carry DSSE envelopes with exactly one signature; the log entry records that one. */
    static EnvelopeSignature onlySignature(Envelope envelope) throws VerificationException {
        if (envelope.signatures().size() != 1) {
            throw BodyFields.mismatch("the DSSE envelope has " + envelope.signatures().size()
                    + " signatures; a Sigstore bundle's envelope has exactly one");
        }
        return envelope.signatures().get(0);
    }

    static Digest hash(DigestAlgorithm algorithm, byte[] data) {
        return new Digest(algorithm, algorithm.newMessageDigest().digest(data));
    }

    /** Rekor v1 writes digest algorithms in lower case ({@code sha256}). */
    static DigestAlgorithm rekorV1Algorithm(String name) throws VerificationException {
        try {
            return DigestAlgorithm.fromIntotoName(name);
        } catch (IllegalArgumentException e) {
            throw BodyFields.mismatch("log entry uses unsupported digest algorithm '" + name + "'");
        }
    }

    /** Rekor v2 writes Sigstore's protobuf names ({@code SHA2_256}). */
    static DigestAlgorithm rekorV2Algorithm(String name) throws VerificationException {
        try {
            return DigestAlgorithm.fromSigstoreName(name);
        } catch (IllegalArgumentException e) {
            throw BodyFields.mismatch("log entry uses unsupported digest algorithm '" + name + "'");
        }
    }

    static Digest digestOf(DigestAlgorithm algorithm, byte[] value) throws VerificationException {
        if (value.length != algorithm.length()) {
            throw BodyFields.mismatch("log entry " + algorithm.intotoName() + " digest has " + value.length + " bytes");
        }
        return new Digest(algorithm, value);
    }
}
