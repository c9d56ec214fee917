package dev.provenant.signer.file;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One Bouncy Castle provider instance, used explicitly for PEM encryption only and never registered
 * globally, so signing and verification stay on the JDK's providers.
 */
final class BouncyCastleHolder {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastleHolder() {}
}
