package dev.provenant.intoto.link;

import java.util.regex.Pattern;

/**
 * One securesystemslib signature in a metablock: the signing key's keyid and the signature, both
 * lowercase hex as securesystemslib writes them.
 */
public record MetadataSignature(String keyid, String sig) {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]*");

    public MetadataSignature {
        if (keyid == null || keyid.isEmpty() || !HEX.matcher(keyid).matches()) {
            throw new IllegalArgumentException("signature keyid must be hex");
        }
        if (sig == null || !HEX.matcher(sig).matches() || sig.length() % 2 != 0) {
            throw new IllegalArgumentException("signature sig must be hex");
        }
    }

    public byte[] sigBytes() {
        return java.util.HexFormat.of().parseHex(sig);
    }
}
