package dev.provenant.attest.intoto;

import dev.provenant.attest.digest.Digest;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resource descriptor written on one line, as command-line flags take it:
 * {@code uri=pkg:maven/org/lib@1.0,digest=sha256:HEX[,digest=sha512:HEX][,name=lib.jar]}.
 */
public final class ResourceSpec {
    private ResourceSpec() {}

    public static ResourceDescriptor parse(String spec) {
        String uri = null;
        String name = null;
        Map<String, String> digests = new TreeMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + part + "' is not KEY=VALUE (expected uri=...,digest=sha256:HEX)");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "uri" -> uri = value;
                case "name" -> name = value;
                case "digest" -> {
                    int colon = value.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("digest '" + value + "' is not ALGORITHM:VALUE");
                    }
                    String algorithm = value.substring(0, colon);
                    String hex = value.substring(colon + 1);
                    if (algorithm.startsWith("sha")) {
                        Digest d = Digest.parse(value);
                        digests.put(d.algorithm().intotoName(), d.hex());
                    } else {
                        digests.put(algorithm, hex);
                    }
                }
                default -> throw new IllegalArgumentException("unknown key '" + key + "' (use uri, digest, name)");
            }
        }
        return new ResourceDescriptor(name, uri, digests, null, null, null, null);
    }
}
