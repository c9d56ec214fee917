package dev.provenant.attest.crypto;

import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;

/**
 * The signature schemes Provenant signs and verifies with, named as Sigstore's
 * {@code PublicKeyDetails} names them. Prehashed schemes can sign or verify a digest computed
 * elsewhere (a streamed artifact, a KMS request); Ed25519 always needs the whole message.
 */
public enum SignatureAlgorithm {
    ECDSA_P256_SHA256("PKIX_ECDSA_P256_SHA_256", DigestAlgorithm.SHA256, "SHA256withECDSA", "secp256r1", "1.2.840.10045.3.1.7"),
    ECDSA_P384_SHA384("PKIX_ECDSA_P384_SHA_384", DigestAlgorithm.SHA384, "SHA384withECDSA", "secp384r1", "1.3.132.0.34"),
    ECDSA_P521_SHA512("PKIX_ECDSA_P521_SHA_512", DigestAlgorithm.SHA512, "SHA512withECDSA", "secp521r1", "1.3.132.0.35"),
    ED25519("PKIX_ED25519", null, "Ed25519", null, null),
    RSA_PKCS1V15_2048_SHA256("PKIX_RSA_PKCS1V15_2048_SHA256", DigestAlgorithm.SHA256, "SHA256withRSA", null, null),
    RSA_PKCS1V15_3072_SHA256("PKIX_RSA_PKCS1V15_3072_SHA256", DigestAlgorithm.SHA256, "SHA256withRSA", null, null),
    RSA_PKCS1V15_4096_SHA256("PKIX_RSA_PKCS1V15_4096_SHA256", DigestAlgorithm.SHA256, "SHA256withRSA", null, null);

    private final String sigstoreName;
    private final DigestAlgorithm hash;
    private final String jcaName;
    private final String curveName;
    private final String curveOid;

    SignatureAlgorithm(String sigstoreName, DigestAlgorithm hash, String jcaName, String curveName, String curveOid) {
        this.sigstoreName = sigstoreName;
        this.hash = hash;
        this.jcaName = jcaName;
        this.curveName = curveName;
        this.curveOid = curveOid;
    }

    public String sigstoreName() {
        return sigstoreName;
    }

    /** The hash a prehashed scheme signs; empty for Ed25519, which signs the message itself. */
    public Optional<DigestAlgorithm> hash() {
        return Optional.ofNullable(hash);
    }

    public boolean isEcdsa() {
        return curveName != null;
    }

    public boolean isRsa() {
        return name().startsWith("RSA");
    }

    /** A JCA signature over whole messages. */
    public Signature newMessageSignature() throws NoSuchAlgorithmException {
        return Signature.getInstance(jcaName);
    }

    /** A JCA signature whose input is {@link #digestInput(Digest)}: the prehashed form of this scheme. */
    public Signature newDigestSignature() throws NoSuchAlgorithmException {
        if (hash == null) {
            throw new NoSuchAlgorithmException(sigstoreName + " cannot sign a precomputed digest");
        }
        return Signature.getInstance(isEcdsa() ? "NONEwithECDSA" : "NONEwithRSA");
    }

    /** What the prehashed signature takes: the digest for ECDSA, the PKCS#1 DigestInfo for RSA. */
    public byte[] digestInput(Digest digest) {
        if (hash == null || digest.algorithm() != hash) {
            throw new IllegalArgumentException(sigstoreName + " signs " + (hash == null ? "whole messages" : hash.intotoName())
                    + " digests, not " + digest.algorithm().intotoName());
        }
        if (!isRsa()) {
            return digest.value();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DIGEST_INFO_SHA256_PREFIX);
        out.writeBytes(digest.value());
        return out.toByteArray();
    }

    /** DER of DigestInfo{AlgorithmIdentifier sha256 NULL, OCTET STRING(32)} up to the digest bytes. */
    private static final byte[] DIGEST_INFO_SHA256_PREFIX = {
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20
    };

    /** The scheme a key signs with, or an exception naming why the key is not usable. */
    public static SignatureAlgorithm forKey(Key key) throws GeneralSecurityException {
        String alg = key.getAlgorithm();
        if (key instanceof ECKey ec) {
            String curve = curveOf(ec);
            for (SignatureAlgorithm a : values()) {
                if (a.curveName != null && (a.curveName.equals(curve) || a.curveOid.equals(curve))) {
                    return a;
                }
            }
            throw new GeneralSecurityException("unsupported elliptic curve " + curve + " (use P-256, P-384 or P-521)");
        }
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < 2048) {
                throw new GeneralSecurityException("RSA keys shorter than 2048 bits are refused (got " + bits + ")");
            }
            return bits <= 2048 ? RSA_PKCS1V15_2048_SHA256 : bits <= 3072 ? RSA_PKCS1V15_3072_SHA256 : RSA_PKCS1V15_4096_SHA256;
        }
        if ("Ed25519".equalsIgnoreCase(alg) || "EdDSA".equalsIgnoreCase(alg)) {
            if (key.getEncoded() != null && key.getEncoded().length > 0 && !isEd25519(key)) {
                throw new GeneralSecurityException("only Ed25519 EdDSA keys are supported");
            }
            return ED25519;
        }
        throw new GeneralSecurityException("unsupported key algorithm " + alg);
    }

    /** An Ed25519 signature is exactly 64 bytes (RFC 8032); the JDK's verifier reads past a trailing zero byte. */
    public static final int ED25519_SIGNATURE_BYTES = 64;

    /**
     * Whether {@code signature} has the one length this key's scheme allows, where the scheme fixes one and
     * the JDK's verifier does not hold it to that: for Ed25519, 64 bytes. Other schemes are left to their verifier.
     */
    public static boolean hasSchemeLength(Key key, byte[] signature) {
        String alg = key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(alg) || "EdDSA".equalsIgnoreCase(alg)) {
            return signature.length == ED25519_SIGNATURE_BYTES;
        }
        return true;
    }

    private static boolean isEd25519(Key key) {
        if (key instanceof java.security.interfaces.EdECKey ed) {
            return "Ed25519".equalsIgnoreCase(ed.getParams().getName());
        }
        return true;
    }

    private static String curveOf(ECKey key) throws GeneralSecurityException {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(key.getParams());
        return params.getParameterSpec(ECGenParameterSpec.class).getName();
    }

    /**
     * Converts a raw {@code r||s} ECDSA signature to DER. Signatures already in DER pass unchanged, so
     * verifiers accept both encodings.
     */
    public byte[] normaliseEcdsaSignature(byte[] signature) {
        if (!isEcdsa() || signature.length == 0 || signature[0] == 0x30 && signature.length != rawLength()) {
            return signature;
        }
        if (signature.length != rawLength()) {
            return signature;
        }
        int half = signature.length / 2;
        byte[] r = derInteger(new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, half)));
        byte[] s = derInteger(new BigInteger(1, java.util.Arrays.copyOfRange(signature, half, signature.length)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, r.length + s.length);
        out.writeBytes(r);
        out.writeBytes(s);
        return out.toByteArray();
    }

    private int rawLength() {
        return switch (this) {
            case ECDSA_P256_SHA256 -> 64;
            case ECDSA_P384_SHA384 -> 96;
            case ECDSA_P521_SHA512 -> 132;
            default -> -1;
        };
    }

    private static byte[] derInteger(BigInteger value) {
        byte[] v = value.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x02);
        writeLength(out, v.length);
        out.writeBytes(v);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
    }
}
