package dev.provenant.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.io.AtomicFile;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.frontend.ResultJson;
import dev.provenant.signer.keyless.IdentityToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A Sigstore bundle (v0.3) that was just signed, and who signed it. */
public final class SignedBundle {
    private final Bundle bundle;
    private final String signedBy;
    private final Optional<IdentityToken> identity;
    private final List<String> warnings;

    SignedBundle(Bundle bundle, String signedBy, Optional<IdentityToken> identity, List<String> warnings) {
        this.bundle = bundle;
        this.signedBy = signedBy;
        this.identity = identity;
        this.warnings = List.copyOf(warnings);
    }

    /** The bundle's JSON, as written to {@code .sigstore.json} files. */
    public byte[] bundleJson() {
        return bundle.toJson();
    }

    /** Writes the bundle atomically to {@code file}, readable by all (a bundle holds no secret). */
    public void writeTo(Path file) throws IOException {
        AtomicFile.write(file, bundle.toJson(), AtomicFile.PUBLIC);
    }

    /** The signed digest ({@code sha256:HEX}) for an artifact signature; empty for an attestation. */
    public Optional<String> digest() {
        return bundle.messageSignature() == null ? Optional.empty()
                : Optional.of(bundle.messageSignature().messageDigest().toDigest().toString());
    }

    /** What signed: the key, or the keyless identity and where its token came from. */
    public String signedBy() {
        return signedBy;
    }

    /** Settings that worked but are likely a mistake, e.g. a signing config without its trusted root. */
    public List<String> warnings() {
        return warnings;
    }

    public Bundle bundle() {
        return bundle;
    }

    /** What was signed, as one JSON object (the bundle itself is {@link #bundleJson()}). */
    public String toJson() {
        ObjectNode node = JsonCodec.mapper().createObjectNode();
        node.put("signed", true);
        digest().ifPresent(d -> node.put("digest", d));
        node.put("content", bundle.messageSignature() != null ? "message-signature" : "dsse");
        node.put("signedBy", signedBy);
        ResultJson.keylessIdentity(node, identity);
        warnings.forEach(node.putArray("warnings")::add);
        return JsonCodec.writeString(node);
    }

    @Override
    public String toString() {
        return "bundle signed by " + signedBy;
    }
}
