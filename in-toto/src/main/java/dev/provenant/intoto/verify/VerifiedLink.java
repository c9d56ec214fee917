package dev.provenant.intoto.verify;

import dev.provenant.intoto.link.Link;

/** A link whose signature by the key {@code keyid} verified. */
public record VerifiedLink(Link link, String keyid, String scheme) {}
