package dev.provenant.attest.slsa;

import java.net.URI;
import java.net.URISyntaxException;

/** The SLSA fields typed "TypeURI" must be absolute URIs. */
final class ProvenanceUris {
    private ProvenanceUris() {}

    static void require(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        try {
            if (!new URI(value).isAbsolute()) {
                throw new IllegalArgumentException(field + " must be an absolute URI, got " + value);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not a URI: " + value);
        }
    }
}
