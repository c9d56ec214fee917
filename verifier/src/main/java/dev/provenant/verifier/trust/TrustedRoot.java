package dev.provenant.verifier.trust;

import dev.provenant.attest.FormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Sigstore {@code trusted_root.json}: the logs, certificate authorities and timestamp authorities a
 * verifier trusts, each with the period it may be trusted for. Parsing checks the structure only; a
 * key or certificate is decoded when a check uses it.
 */
public record TrustedRoot(
        String mediaType,
        List<TransparencyLog> tlogs,
        List<CertificateAuthority> certificateAuthorities,
        List<TransparencyLog> ctlogs,
        List<CertificateAuthority> timestampAuthorities) {

    /** The media types of the TrustedRoot message; v0.2 has the same shape as v0.1 for what is read here. */
    public static final Set<String> MEDIA_TYPES = Set.of(
            "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
            "application/vnd.dev.sigstore.trustedroot.v0.1+json",
            "application/vnd.dev.sigstore.trustedroot.v0.2+json");

    static final String PUBLIC_GOOD_RESOURCE = "public-good-trusted_root.json";

    public TrustedRoot {
        if (mediaType == null) {
            throw new IllegalArgumentException("trusted root mediaType is missing");
        }
        if (!MEDIA_TYPES.contains(mediaType)) {
            throw new IllegalArgumentException("unsupported trusted root mediaType '" + mediaType + "'");
        }
        tlogs = tlogs == null ? List.of() : List.copyOf(tlogs);
        certificateAuthorities = certificateAuthorities == null ? List.of() : List.copyOf(certificateAuthorities);
        ctlogs = ctlogs == null ? List.of() : List.copyOf(ctlogs);
        timestampAuthorities = timestampAuthorities == null ? List.of() : List.copyOf(timestampAuthorities);
    }

    public static TrustedRoot parse(byte[] json) throws FormatException {
        return TrustedRootJson.read(json);
    }

    /** The Sigstore public-good instance's trusted root shipped with Provenant, for offline verification. */
    public static TrustedRoot publicGood() {
        try {
            return parse(publicGoodJson());
        } catch (FormatException e) {
            throw new IllegalStateException("the shipped " + PUBLIC_GOOD_RESOURCE + " does not parse: " + e.getMessage(), e);
        }
    }

    /** The shipped public-good root's JSON, unparsed (for signers that hand it to sigstore-java). */
    public static byte[] publicGoodJson() {
        try (InputStream in = TrustedRoot.class.getResourceAsStream(PUBLIC_GOOD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PUBLIC_GOOD_RESOURCE + " is missing from the verifier jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PUBLIC_GOOD_RESOURCE, e);
        }
    }

    /** The transparency log whose {@code logId.keyId} is {@code keyId}. */
    public Optional<TransparencyLog> tlogById(byte[] keyId) {
        return byId(tlogs, keyId);
    }

    /** The certificate transparency log whose {@code logId.keyId} is {@code keyId}. */
    public Optional<TransparencyLog> ctlogById(byte[] keyId) {
        return byId(ctlogs, keyId);
    }

    private static Optional<TransparencyLog> byId(List<TransparencyLog> logs, byte[] keyId) {
        return logs.stream().filter(log -> MessageDigest.isEqual(log.logIdBytes(), keyId)).findFirst();
    }
}
