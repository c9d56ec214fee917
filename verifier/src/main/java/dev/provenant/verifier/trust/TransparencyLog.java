package dev.provenant.verifier.trust;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.provenant.attest.bundle.LogId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** One transparency log (Rekor) or certificate transparency log of a trusted root. */
public record TransparencyLog(String baseUrl, String hashAlgorithm, TrustedPublicKey publicKey, LogId logId) {

    public TransparencyLog {
        if (publicKey == null) {
            throw new IllegalArgumentException("transparency log " + baseUrl + " has no publicKey");
        }
        if (logId == null) {
            throw new IllegalArgumentException("transparency log " + baseUrl + " has no logId");
        }
    }

    @JsonIgnore
    public byte[] logIdBytes() {
        return logId.keyIdBytes();
    }

    /**
     * The host of {@link #baseUrl()}: a Rekor v2 log signs its checkpoints under this name, so it is what
     * a checkpoint's origin must equal.
     */
    @JsonIgnore
    public Optional<String> hostname() {
        if (baseUrl == null || baseUrl.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new URI(baseUrl).getHost());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
