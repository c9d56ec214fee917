package dev.provenant.intoto.layout;

import dev.provenant.attest.FormatException;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.intoto.link.MetadataSignature;
import dev.provenant.attest.sslib.SslibPublicKey;
import java.util.Optional;

/**
 * Whether a metablock carries a good signature by one key, as securesystemslib's
 * {@code Metablock.verify_signature} decides: the first signature with the key's keyid is the one that
 * counts, so a second, valid signature under the same keyid cannot rescue a broken first one.
 */
record SignatureByKey(String keyid, SslibPublicKey key) {

    boolean verifies(Metablock block) {
        Optional<MetadataSignature> signature = block.signatures().stream().filter(s -> s.keyid().equals(keyid)).findFirst();
        if (signature.isEmpty()) {
            return false;
        }
        try {
            return key.schemeValue().verify(key.toPublicKey(), block.signableBytes(), signature.get().sigBytes());
        } catch (FormatException e) {
            return false;
        }
    }
}
