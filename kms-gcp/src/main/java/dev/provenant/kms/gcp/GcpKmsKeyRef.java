package dev.provenant.kms.gcp;

import dev.provenant.signer.KeyReferenceException;
import java.util.regex.Pattern;

/**
 * A {@code gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N} key reference,
 * as cosign writes it: the resource name of one version of an asymmetric signing key.
 */
record GcpKmsKeyRef(String resourceName) {
    static final String SCHEME = "gcpkms://";
    private static final Pattern NAME = Pattern.compile(
            "projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+/cryptoKeyVersions/[0-9]+");

    static boolean claims(String keyRef) {
        return keyRef.startsWith(SCHEME);
    }

    static GcpKmsKeyRef parse(String keyRef) throws KeyReferenceException {
        String name = keyRef.substring(SCHEME.length());
        if (!NAME.matcher(name).matches()) {
            throw new KeyReferenceException("'" + keyRef + "' is not a Cloud KMS key reference; expected"
                    + " gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N");
        }
        return new GcpKmsKeyRef(name);
    }

    String display() {
        return SCHEME + resourceName;
    }
}
