package dev.provenant.verifier.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: the text (ending in a newline), a blank line, then one or more lines
 * {@code — NAME BASE64(KEY_HINT || SIGNATURE)}. The signatures sign the text exactly, its final newline
 * included and the blank line excluded.
 */
record SignedNote(String text, List<NoteSignature> signatures) {
    private static final String SIGNATURE_PREFIX = "\u2014 ";

    SignedNote {
        signatures = List.copyOf(signatures);
    }

    byte[] textBytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException naming the first rule the note breaks */
    static SignedNote parse(String note) {
        // The text cannot contain a blank line, so the last one separates text from signatures.
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("it has no blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty()) {
            throw new IllegalArgumentException("it has no signature lines");
        }
        if (!block.endsWith("\n")) {
            throw new IllegalArgumentException("its last signature line does not end in a newline");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
            signatures.add(parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    private static NoteSignature parseLine(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new IllegalArgumentException("a signature line does not start with an em dash and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.lastIndexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("a signature line has no name or no signature");
        }
        String name = rest.substring(0, space);
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '+')) {
            throw new IllegalArgumentException("signature name '" + name + "' contains a space or a plus sign");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signature by " + name + " is not valid base64");
        }
        if (decoded.length < 5) {
            throw new IllegalArgumentException("the signature by " + name + " is too short to hold a key hint and a signature");
        }
        int hint = ByteBuffer.wrap(decoded, 0, 4).getInt();
        return new NoteSignature(name, hint, Arrays.copyOfRange(decoded, 4, decoded.length));
    }
}
