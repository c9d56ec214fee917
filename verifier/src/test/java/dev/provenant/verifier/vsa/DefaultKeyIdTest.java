package dev.provenant.verifier.vsa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.crypto.PemPublicKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default key id is OpenSSH's SHA-256 fingerprint. The expected values were printed by an independent
 * implementation, OpenSSH's own: {@code ssh-keygen -i -m PKCS8 -f KEY.pub > k && ssh-keygen -l -E sha256 -f k}
 * (the Ed25519 key converted to OpenSSH form with Python's cryptography package).
 */
class DefaultKeyIdTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");

    @ParameterizedTest
    @CsvSource({
        "ec-p256.pub, SHA256:HJjJ/H+kGgQrsTI8uQWJHU5BFhrmlRZ8sQISCCyvEDU",
        "ec-p384.pub, SHA256:i0PQss2fUfdoVzZhJXixdkztLfM8HN+IMLXFv6tCdEA",
        "rsa-3072.pub, SHA256:umaczGoxTdVHLuD4TACnTLc8dMvp2tvC8KNY4ryIOME",
        "ed25519.pub, SHA256:XuEAxSg1RRW9ymGnrFTi0zEuQ2kItqHomLDz8LizETg"})
    void isOpenSshsFingerprint(String file, String expected) throws Exception {
        var key = PemPublicKeys.parse(Files.readString(KEYS.resolve(file)));
        assertThat(DefaultKeyId.of(key)).contains(expected);
    }
}
