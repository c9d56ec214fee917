package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.pkcs11.Pkcs11Uri;
import java.nio.charset.StandardCharsets;

/** A {@code pkcs11:} key reference (RFC 7512). */
class Pkcs11UriFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void pkcs11Uri(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        Outcome.expect(() -> Pkcs11Uri.parse(text).display(), KeyReferenceException.class);
    }
}
