package dev.provenant.tlog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-checkpoint body: the origin line naming the log, the tree size, the base64 root hash and
 * optional extension lines, each ending in a newline. This text is what a {@link SignedNote} signs.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("tree size " + size + " is negative");
        }
        if (rootHash.length != MerkleHashes.HASH_LENGTH) {
            throw new IllegalArgumentException("a root hash has " + MerkleHashes.HASH_LENGTH + " bytes, not " + rootHash.length);
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        if (extensions.stream().anyMatch(e -> e.isEmpty() || e.contains("\n"))) {
            throw new IllegalArgumentException("a checkpoint extension is one non-empty line");
        }
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    public String text() {
        StringBuilder out = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        for (String e : extensions) {
            out.append(e).append('\n');
        }
        return out.toString();
    }

    /**
     * The checkpoint a signed note's text states (origin, size, root hash, extensions); the signatures
     * are not checked here.
     *
     * @throws IllegalArgumentException when the note has no checkpoint text
     */
    public static Checkpoint ofNote(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("the note has no blank line before its signatures");
        }
        String[] lines = note.substring(0, split).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("a checkpoint needs an origin, a tree size and a root hash line");
        }
        long size;
        byte[] root;
        try {
            size = Long.parseLong(lines[1]);
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint's size or root hash line is malformed");
        }
        return new Checkpoint(lines[0], size, root, List.of(lines).subList(3, lines.length));
    }

    public byte[] textBytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }
}
