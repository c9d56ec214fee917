package dev.provenant.keyless;

import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreSigningConfig;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.ByteArrayInputStream;

/** A {@link KeylessConfig}'s two documents read into sigstore-java's models, with errors that name the file. */
record SigstoreConfigs(SigstoreSigningConfig signingConfig, SigstoreTrustedRoot trustedRoot) {
    static SigstoreConfigs read(KeylessConfig config) throws SigningException {
        SigstoreSigningConfig signing;
        try {
            signing = SigstoreSigningConfig.from(new ByteArrayInputStream(config.signingConfig()));
        } catch (SigstoreConfigurationException | RuntimeException e) {
            throw new KeylessConfigException("cannot read the signing config (" + config.signingConfigSource() + "): "
                    + Failures.rootMessage(e), e);
        }
        SigstoreTrustedRoot root;
        try {
            root = SigstoreTrustedRoot.from(new ByteArrayInputStream(config.trustedRoot()));
        } catch (SigstoreConfigurationException | RuntimeException e) {
            throw new KeylessConfigException("cannot read the trusted root (" + config.trustedRootSource() + "): "
                    + Failures.rootMessage(e), e);
        }
        return new SigstoreConfigs(signing, root);
    }
}
