package dev.provenant.verifier.tlog;

/** One signature line of a signed note: the signer's name, the 4-byte key hint, and the signature. */
record NoteSignature(String name, int keyHint, byte[] signature) {
    NoteSignature {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
