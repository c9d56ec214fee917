package dev.provenant.verifier.trust;

/** The distinguished name a trusted root gives a certificate or timestamp authority; informative only. */
public record AuthoritySubject(String organization, String commonName) {
}
