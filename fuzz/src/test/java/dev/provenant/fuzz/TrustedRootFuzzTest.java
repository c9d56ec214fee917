package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.verifier.trust.CertificateAuthority;
import dev.provenant.verifier.trust.TransparencyLog;
import dev.provenant.verifier.trust.TrustedRoot;
import java.lang.invoke.MethodHandle;

/**
 * A trusted root ({@code trusted_root.json}): the verifier's reader and the keyless signer's, and the keys
 * and certificates it holds, as verification turns them into JDK objects.
 */
class TrustedRootFuzzTest {
    private static final MethodHandle SIGNER_READER =
            Internals.method("dev.provenant.keyless.TrustedRootMessages", "parse", byte[].class);

    @FuzzTest(maxDuration = "5s")
    void trustedRoot(byte[] input) throws Exception {
        Outcome.expect(() -> {
            TrustedRoot root = TrustedRoot.parse(input);
            for (TransparencyLog log : root.tlogs()) {
                Outcome.expect(() -> log.publicKey().toPublicKey(), FormatException.class);
                log.hostname();
            }
            for (TransparencyLog log : root.ctlogs()) {
                Outcome.expect(() -> log.publicKey().toPublicKey(), FormatException.class);
            }
            for (CertificateAuthority ca : root.certificateAuthorities()) {
                Outcome.expect(ca::certificates, java.security.cert.CertificateException.class);
            }
        }, FormatException.class);
        // documented: the signer's direct reader throws on any shape it does not know (FormatException, or
        // IllegalArgumentException for a missing field or bad base64) and its caller then asks protobuf's parser
        Outcome.expect(() -> Internals.call(SIGNER_READER, (Object) input), FormatException.class, IllegalArgumentException.class);
    }
}
