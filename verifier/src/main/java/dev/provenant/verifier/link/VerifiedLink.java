package dev.provenant.verifier.link;

import dev.provenant.attest.link.Link;

/** A link whose signature by the key {@code keyid} verified. */
public record VerifiedLink(Link link, String keyid, String scheme) {}
