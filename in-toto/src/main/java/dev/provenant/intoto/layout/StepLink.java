package dev.provenant.intoto.layout;

import dev.provenant.intoto.link.Link;

/** A step's link whose signature by the authorized functionary key {@code keyid} verified. */
public record StepLink(String keyid, Link link) {}
