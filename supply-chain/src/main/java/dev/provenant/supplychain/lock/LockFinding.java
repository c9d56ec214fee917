package dev.provenant.supplychain.lock;

import java.util.Objects;

/**
 * One difference between the lock and what a module's build uses.
 *
 * @param kind what differs
 * @param artifact the artifact's coordinates
 * @param detail one line saying what was found against what was locked
 */
public record LockFinding(Kind kind, String artifact, String detail) {
    public enum Kind {
        /** The file's SHA-256 is not the locked one: the build fails. */
        DIGEST_MISMATCH("digest differs", true),
        /** The build uses an artifact the lock does not list for this module: the build fails. */
        NEW("new dependency", true),
        /** The lock recorded a signer that did not sign the file this build verified (or nobody did): the build fails. */
        SIGNER_CHANGED("signer differs", true),
        /** A version range, LATEST, RELEASE or SNAPSHOT, refused on request: the build fails. */
        UNPINNED("unpinned version", true),
        /** The lock lists an artifact this module no longer uses: reported, not failing. */
        STALE("no longer used", false);

        private final String label;
        private final boolean fails;

        Kind(String label, boolean fails) {
            this.label = label;
            this.fails = fails;
        }

        public String label() {
            return label;
        }

        public boolean fails() {
            return fails;
        }

        /** The report's name for it: {@code digest-mismatch}, {@code new}, ... */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public LockFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(artifact, "artifact");
        detail = detail == null ? "" : detail;
    }

    public boolean fails() {
        return kind.fails();
    }

    /** {@code ARTIFACT: label (detail)}, one line for a build log. */
    public String describe() {
        return artifact + ": " + kind.label() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
