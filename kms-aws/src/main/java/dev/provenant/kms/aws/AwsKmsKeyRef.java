package dev.provenant.kms.aws;

import dev.provenant.signer.KeyReferenceException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code awskms://[ENDPOINT]/KEY} key reference, as cosign writes it: KEY is a key id, a
 * multi-region key id, {@code alias/NAME}, or a key or alias ARN; ENDPOINT (host[:port]) is reached
 * over HTTPS instead of the region's KMS endpoint. {@code awskms:///alias/release} names no endpoint.
 */
record AwsKmsKeyRef(String endpoint, String keyId, Optional<String> region) {
    static final String SCHEME = "awskms://";
    private static final Pattern KEY_ID = Pattern.compile("(mrk-[0-9a-f]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
    private static final Pattern ALIAS = Pattern.compile("alias/[a-zA-Z0-9/_-]+");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):[0-9]{12}:(key/\\S+|alias/[a-zA-Z0-9/_-]+)");
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    static boolean claims(String keyRef) {
        return keyRef.startsWith(SCHEME);
    }

    static AwsKmsKeyRef parse(String keyRef) throws KeyReferenceException {
        String rest = keyRef.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw bad(keyRef);
        }
        String endpoint = rest.substring(0, slash);
        String key = rest.substring(slash + 1);
        if (!endpoint.isEmpty() && !ENDPOINT.matcher(endpoint).matches()) {
            throw new KeyReferenceException("'" + endpoint + "' in " + keyRef + " is not a host[:port] endpoint");
        }
        Matcher arn = ARN.matcher(key);
        if (arn.matches()) {
            return new AwsKmsKeyRef(endpoint, key, Optional.of(arn.group(1)));
        }
        if (KEY_ID.matcher(key).matches() || ALIAS.matcher(key).matches()) {
            return new AwsKmsKeyRef(endpoint, key, Optional.empty());
        }
        throw bad(keyRef);
    }

    private static KeyReferenceException bad(String keyRef) {
        return new KeyReferenceException("'" + keyRef + "' is not an AWS KMS key reference; expected awskms://[ENDPOINT]/KEY"
                + " with KEY a key id, alias/NAME or a key or alias ARN");
    }

    String display() {
        return SCHEME + endpoint + "/" + keyId;
    }
}
