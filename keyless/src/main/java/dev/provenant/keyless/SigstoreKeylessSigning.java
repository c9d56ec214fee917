package dev.provenant.keyless;

import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityTokenSource;
import dev.provenant.signer.keyless.KeylessBundleSigning;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.provenant.signer.keyless.KeylessSigning;

/** The {@link KeylessSigning} service, backed by sigstore-java's keyless signer. */
public final class SigstoreKeylessSigning implements KeylessSigning {
    @Override
    public IdentityTokenSource browserFlow(KeylessConfig config) {
        return new BrowserTokenSource(config);
    }

    @Override
    public KeylessBundleSigning open(KeylessConfig config, IdentityTokenSource tokens) throws SigningException {
        return new KeylessBundleSigner(config, tokens);
    }
}
