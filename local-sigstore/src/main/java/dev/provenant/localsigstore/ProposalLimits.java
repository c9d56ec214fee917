package dev.provenant.localsigstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * What the Rekor APIs accept of a proposed entry, so a loopback client cannot make the log store more than
 * an entry needs: the fields each kind defines and no others, a bounded number of signatures and
 * verifiers (each pair costs a signature check), and a bounded logged body.
 */
final class ProposalLimits {
    /** The most bytes one logged entry body may have. */
    static final int MAX_ENTRY = 64 * 1024;
    /** The most signatures one DSSE envelope in a proposal may carry. */
    static final int MAX_SIGNATURES = 16;
    /** The most verifiers (keys or certificates) one DSSE proposal may offer. */
    static final int MAX_VERIFIERS = 16;

    private ProposalLimits() {}

    /** Refuses {@code node} unless it is an object whose fields are all among {@code allowed}. */
    static void only(JsonNode node, String where, Set<String> allowed) throws BadRequestException {
        if (!node.isObject()) {
            throw new BadRequestException(where + " must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new BadRequestException(where + " has a field this entry kind does not define: "
                        + Printable.of(name) + "; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    static void count(int count, int max, String what) throws BadRequestException {
        if (count > max) {
            throw new BadRequestException("a proposal may carry at most " + max + " " + what + ", this one has " + count);
        }
    }

    /** Thrown when a logged body would exceed {@link #MAX_ENTRY}; answered with 413. */
    static final class EntryTooLargeException extends Exception {
        EntryTooLargeException(int size) {
            super("the entry would be " + size + " bytes in the log; entries may have at most " + MAX_ENTRY);
        }
    }

    static void requireEntrySize(byte[] body) throws EntryTooLargeException {
        if (body.length > MAX_ENTRY) {
            throw new EntryTooLargeException(body.length);
        }
    }

    /** Field names echoed in errors, shortened and without control characters. */
    static final class Printable {
        private Printable() {}

        static String of(String text) {
            StringBuilder out = new StringBuilder("'");
            text.codePoints().limit(64).forEach(c -> out.append(Character.isISOControl(c) ? '?' : Character.toString(c)));
            return out.append(text.codePointCount(0, text.length()) > 64 ? "...'" : "'").toString();
        }
    }
}
