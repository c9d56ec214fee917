package dev.provenant.verifier.tlog;

import dev.provenant.attest.bundle.KindVersion;
import java.util.Optional;

/**
 * The log entry kinds this verifier can match against a bundle, and which Rekor generation writes each.
 * The generation decides the rules: Rekor v1 entries may carry a signed entry timestamp and name their
 * checkpoints {@code HOST - TREE_ID}; Rekor v2 entries have no SET and no integrated time, and prove
 * inclusion only through a checkpoint whose origin is the log's host name.
 */
public enum EntryType {
    HASHEDREKORD_V001("hashedrekord", "0.0.1", false),
    DSSE_V001("dsse", "0.0.1", false),
    INTOTO_V002("intoto", "0.0.2", false),
    HASHEDREKORD_V002("hashedrekord", "0.0.2", true),
    DSSE_V002("dsse", "0.0.2", true);

    private final String kind;
    private final String version;
    private final boolean rekorV2;

    EntryType(String kind, String version, boolean rekorV2) {
        this.kind = kind;
        this.version = version;
        this.rekorV2 = rekorV2;
    }

    public String kind() {
        return kind;
    }

    public String version() {
        return version;
    }

    public boolean rekorV2() {
        return rekorV2;
    }

    public static Optional<EntryType> of(KindVersion kindVersion) {
        for (EntryType t : values()) {
            if (t.kind.equals(kindVersion.kind()) && t.version.equals(kindVersion.version())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return kind + " " + version;
    }
}
