package dev.provenant.store;

import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import dev.provenant.tlog.NoteSigner;
import dev.provenant.verifier.crypto.SignatureVerifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Decision-log checkpoints as C2SP signed notes by a gate key. Every line is signed under the name
 * {@value #SIGNER_NAME}; its key hint is the first four bytes of SHA-256 over the key's DER
 * SubjectPublicKeyInfo (as Rekor's ECDSA hint), whatever the key type, so one rule finds the key of any
 * gate. The signature is the gate key's own scheme over the note text.
 */
public final class GateNotes {
    public static final String SIGNER_NAME = "provenant-gate";
    private static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final SignatureVerifier SIGNATURES = new SignatureVerifier();

    private GateNotes() {}

    /** The gate key as a note signer. */
    public static NoteSigner signer(Signer gate) {
        int hint = keyHint(gate.publicKey());
        return new NoteSigner() {
            @Override
            public String name() {
                return SIGNER_NAME;
            }

            @Override
            public int keyHint() {
                return hint;
            }

            @Override
            public byte[] sign(byte[] text) throws GeneralSecurityException {
                try {
                    return gate.sign(text);
                } catch (SigningException e) {
                    throw new GeneralSecurityException(gate.description() + " could not sign the checkpoint: " + e.getMessage(), e);
                }
            }
        };
    }

    public static int keyHint(PublicKey key) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 4).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Whether the note carries a signature by one of {@code keys} that verifies, and no signature line under a
     * trusted key's hint that does not. Malformed notes verify nothing.
     */
    public static boolean signedByOneOf(String note, List<PublicKey> keys) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            return false;
        }
        byte[] text = note.substring(0, split + 1).getBytes(StandardCharsets.UTF_8);
        List<String> lines = List.of(note.substring(split + 2, note.length() - 1).split("\n", -1));
        boolean verified = false;
        for (String line : lines) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                return false;
            }
            String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
            if (parts.length != 2 || !parts[0].equals(SIGNER_NAME)) {
                continue;
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (raw.length < 5) {
                return false;
            }
            int hint = ByteBuffer.wrap(raw, 0, 4).getInt();
            byte[] signature = java.util.Arrays.copyOfRange(raw, 4, raw.length);
            List<PublicKey> candidates = new ArrayList<>();
            for (PublicKey key : keys) {
                if (keyHint(key) == hint) {
                    candidates.add(key);
                }
            }
            for (PublicKey key : candidates) {
                if (!SIGNATURES.verifyMessage(key, text, signature)) {
                    return false;
                }
                verified = true;
            }
        }
        return verified;
    }
}
