package dev.provenant.attest.bundle;

/** A signed checkpoint (signed note) in its text form. */
public record Checkpoint(String envelope) {
    public Checkpoint {
        if (envelope == null || envelope.isEmpty()) {
            throw new IllegalArgumentException("checkpoint envelope is missing");
        }
    }
}
