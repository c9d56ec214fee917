package dev.provenant.verifier.tlog;

import java.util.Base64;
import java.util.List;

/**
 * The body of a C2SP tlog-checkpoint: origin, tree size in decimal, base64 root hash, then optional
 * extension lines, each line ending in a newline.
 */
record TreeHead(String origin, long size, byte[] rootHash, List<String> extensions) {

    TreeHead {
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** @throws IllegalArgumentException naming the first rule the text breaks */
    static TreeHead parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("its text does not end in a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("it needs an origin, a tree size and a root hash line, it has " + lines.length + " lines");
        }
        String origin = lines[0];
        if (origin.isEmpty()) {
            throw new IllegalArgumentException("its origin line is empty");
        }
        long size = parseSize(lines[1]);
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its root hash line is not base64");
        }
        if (root.length != MerkleInclusion.HASH_LENGTH) {
            throw new IllegalArgumentException("its root hash has " + root.length + " bytes, not " + MerkleInclusion.HASH_LENGTH);
        }
        List<String> extensions = List.of(lines).subList(3, lines.length);
        if (extensions.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("it has an empty extension line");
        }
        return new TreeHead(origin, size, root, extensions);
    }

    // ASCII decimal without sign or leading zeros, so one size has exactly one spelling.
    private static long parseSize(String line) {
        if (line.isEmpty() || line.chars().anyMatch(c -> c < '0' || c > '9') || line.length() > 1 && line.charAt(0) == '0') {
            throw new IllegalArgumentException("its tree size line '" + abbreviate(line) + "' is not a decimal number");
        }
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("its tree size is too large");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }
}
