package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.intoto.verify.LinkVerifier;
import java.util.List;

/**
 * An in-toto link metablock ({@code STEP.KEYID8.link}): read, its link read, and its signature checked with
 * each key the fixtures' links are signed by.
 */
class LinkFuzzTest {
    private static final List<SslibPublicKey> KEYS = SslibKeys.fixtureKeys();

    @FuzzTest(maxDuration = "5s")
    void link(byte[] input) throws Exception {
        Outcome.expect(() -> {
            Metablock block = Metablock.parse(input);
            Link.fromJson(block.signed());
            for (SslibPublicKey key : KEYS) {
                Outcome.expect(() -> LinkVerifier.verify(block, key), VerificationException.class);
            }
        }, FormatException.class);
    }
}
