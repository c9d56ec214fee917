package dev.provenant.keyless;

import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.provenant.signer.keyless.KeylessConfig;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreSigningConfig;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.provenant.attest.FormatException;
import dev.sigstore.proto.trustroot.v1.SigningConfig;
import dev.sigstore.proto.trustroot.v1.TrustedRoot;
import java.io.ByteArrayInputStream;

/** A {@link KeylessConfig}'s two documents read into sigstore-java's models, with errors that name the file. */
record SigstoreConfigs(SigstoreSigningConfig signingConfig, SigningConfig signingConfigMessage, SigstoreTrustedRoot trustedRoot) {
    static SigstoreConfigs read(KeylessConfig config) throws SigningException {
        SigstoreSigningConfig signing;
        SigningConfig message;
        try {
            message = signingConfigMessage(config.signingConfig());
            signing = SigstoreSigningConfig.from(message);
        } catch (SigstoreConfigurationException | com.google.protobuf.InvalidProtocolBufferException | RuntimeException e) {
            throw new KeylessConfigException("cannot read the signing config (" + config.signingConfigSource() + "): "
                    + Failures.rootMessage(e), e);
        }
        SigstoreTrustedRoot root;
        try {
            root = trustedRoot(config.trustedRoot());
        } catch (SigstoreConfigurationException | RuntimeException e) {
            throw new KeylessConfigException("cannot read the trusted root (" + config.trustedRootSource() + "): "
                    + Failures.rootMessage(e), e);
        }
        return new SigstoreConfigs(signing, message, root);
    }

    private static SigningConfig signingConfigMessage(byte[] json) throws com.google.protobuf.InvalidProtocolBufferException {
        try {
            return SigningConfigMessages.parse(json);
        } catch (FormatException | RuntimeException e) {
            // a shape the direct reader does not know: protobuf's own JSON parser decides
            SigningConfig.Builder builder = SigningConfig.newBuilder();
            com.google.protobuf.util.JsonFormat.parser().merge(new String(json, java.nio.charset.StandardCharsets.UTF_8), builder);
            return builder.build();
        }
    }

    private static SigstoreTrustedRoot trustedRoot(byte[] json) throws SigstoreConfigurationException {
        TrustedRoot message;
        try {
            message = TrustedRootMessages.parse(json);
        } catch (FormatException | RuntimeException e) {
            // a shape the direct reader does not know: protobuf's own JSON parser decides
            return SigstoreTrustedRoot.from(new ByteArrayInputStream(json));
        }
        return SigstoreTrustedRoot.from(message);
    }
}
