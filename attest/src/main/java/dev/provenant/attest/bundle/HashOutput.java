package dev.provenant.attest.bundle;

import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.json.Base64Text;

/** A digest as Sigstore writes it: {@code {"algorithm":"SHA2_256","digest":BASE64}}. */
public record HashOutput(String algorithm, String digest) {
    public HashOutput {
        DigestAlgorithm named = DigestAlgorithm.fromSigstoreName(algorithm);
        Base64Text.require("messageDigest.digest", digest);
        int length = Base64Text.decode("messageDigest.digest", digest).length;
        if (length != named.length()) {
            throw new IllegalArgumentException("messageDigest.digest is " + length + " bytes, a " + algorithm + " digest is "
                    + named.length());
        }
    }

    public static HashOutput of(Digest d) {
        return new HashOutput(d.algorithm().sigstoreName(), Base64Text.encode(d.value()));
    }

    public Digest toDigest() {
        return new Digest(DigestAlgorithm.fromSigstoreName(algorithm), Base64Text.decode("messageDigest.digest", digest));
    }
}
