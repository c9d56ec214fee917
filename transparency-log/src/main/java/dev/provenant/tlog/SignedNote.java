package dev.provenant.tlog;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

/**
 * Writes C2SP signed notes: the text (ending in a newline), a blank line, then one line
 * {@code — NAME BASE64(KEY_HINT || SIGNATURE)} per signer. Each signature covers the text exactly.
 */
public final class SignedNote {
    private SignedNote() {}

    public static String sign(String text, List<NoteSigner> signers) throws GeneralSecurityException {
        if (!text.endsWith("\n") || text.contains("\n\n")) {
            throw new IllegalArgumentException("note text must end in a newline and hold no blank line");
        }
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a signed note needs at least one signer");
        }
        StringBuilder out = new StringBuilder(text).append('\n');
        for (NoteSigner signer : signers) {
            byte[] signature = signer.sign(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] line = ByteBuffer.allocate(4 + signature.length).putInt(signer.keyHint()).put(signature).array();
            out.append("\u2014 ").append(signer.name()).append(' ')
                    .append(Base64.getEncoder().encodeToString(line)).append('\n');
        }
        return out.toString();
    }

    public static String sign(Checkpoint checkpoint, NoteSigner signer) throws GeneralSecurityException {
        return sign(checkpoint.text(), List.of(signer));
    }
}
