package dev.provenant.signer.pkcs11;

/** A slot with a token present, as the module reports it. */
public record TokenSlot(long slotId, String label) {}
