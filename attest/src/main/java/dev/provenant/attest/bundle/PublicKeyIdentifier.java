package dev.provenant.attest.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Names the public key that verifies the bundle; the hint is advisory and never trusted. */
public record PublicKeyIdentifier(@JsonInclude(JsonInclude.Include.NON_EMPTY) String hint) {
}
