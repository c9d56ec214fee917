package dev.provenant.signer;

import dev.provenant.signer.resolve.Signers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;

class SignersTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata"), "keys");
    private static final SecretSource NO_SECRETS = new SecretSource(Map.of(), SecretSource.PASSWORD_VARIABLE, null);

    /** What ServiceLoader yields when one registered provider cannot be instantiated. */
    private static Iterable<SignerProvider> oneProviderFailsToLoad() {
        return () -> new Iterator<>() {
            private boolean failed;

            @Override
            public boolean hasNext() {
                return !failed;
            }

            @Override
            public SignerProvider next() {
                if (failed) {
                    throw new NoSuchElementException();
                }
                failed = true;
                throw new ServiceConfigurationError("Provider example.BrokenProvider could not be instantiated");
            }
        };
    }

    @Test
    void aProviderThatFailsToLoadDoesNotStandInTheWayOfKeyFiles() throws Exception {
        Signer signer = new Signers(oneProviderFailsToLoad()).open(KEYS.resolve("ec-p256-pkcs8.pem").toString(), NO_SECRETS);
        assertThat(signer.sign("x".getBytes())).isNotEmpty();
    }

    @Test
    void anUnclaimedSchemeSaysAProviderFailedToLoad() {
        assertThatThrownBy(() -> new Signers(oneProviderFailsToLoad()).open("examplekms://k", NO_SECRETS))
                .isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("no signing backend for 'examplekms:'")
                .hasMessageContaining("BrokenProvider could not be instantiated");
    }
}
