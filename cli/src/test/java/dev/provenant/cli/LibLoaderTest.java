package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SignerProvider;
import dev.provenant.signer.resolve.Signers;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a jar folder leaves nothing behind: the thread's context class loader is the caller's again
 * after every call into a provider from {@code lib/kms/SCHEME}, and no command sets a system property.
 */
class LibLoaderTest {
    @TempDir
    Path dir;

    /** The context class loader each call into the provider or its signer saw. */
    static final List<ClassLoader> SEEN = new ArrayList<>();

    /** A provider for {@code recordkms://} keys, listed in the test folder's jar only. */
    public static final class RecordingProvider implements SignerProvider {
        @Override
        public boolean supports(String keyRef) {
            SEEN.add(Thread.currentThread().getContextClassLoader());
            return keyRef.startsWith("recordkms://");
        }

        @Override
        public Signer open(String keyRef, SecretSource secrets) {
            SEEN.add(Thread.currentThread().getContextClassLoader());
            return new Signer() {
                @Override
                public SignatureAlgorithm algorithm() {
                    return SignatureAlgorithm.values()[0];
                }

                @Override
                public PublicKey publicKey() {
                    return null;
                }

                @Override
                public byte[] signDigest(Digest digest) {
                    SEEN.add(Thread.currentThread().getContextClassLoader());
                    return new byte[] {1};
                }

                @Override
                public String description() {
                    return "recording signer";
                }
            };
        }
    }

    private Optional<Path> libWithRecordingProvider() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("lib/kms/recordkms"));
        try (OutputStream file = Files.newOutputStream(folder.resolve("provider.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + SignerProvider.class.getName()));
            jar.write((RecordingProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return Optional.of(dir.resolve("lib"));
    }

    @Test
    void aKmsFolderIsTheContextClassLoaderOnlyDuringEachCall() throws Exception {
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        SEEN.clear();
        Signers signers = new Signers(SignerProviders.forKey("recordkms://key", libWithRecordingProvider()));
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(caller);
        try (Signer signer = signers.open("recordkms://key", SecretSource.password(null))) {
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(caller);
            assertThat(signer.sign("m".getBytes(StandardCharsets.UTF_8))).containsExactly(1);
            assertThat(signer.description()).isEqualTo("recording signer");
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(caller);
        assertThat(SEEN).isNotEmpty().allSatisfy(seen -> assertThat(seen).isNotSameAs(caller)
                .satisfies(l -> assertThat(l.getResource("META-INF/services/" + SignerProvider.class.getName())).isNotNull()));
        assertThat(SEEN.get(0).getParent()).isSameAs(LibLoader.class.getClassLoader());
    }

    @Test
    void aKeyWithoutAFolderUsesTheClassPathProviders() throws Exception {
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        SEEN.clear();
        Iterable<SignerProvider> providers = SignerProviders.forKey("otherkms://key", libWithRecordingProvider());
        providers.forEach(p -> assertThat(p).isNotInstanceOf(RecordingProvider.class));
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(caller);
    }

    @Test
    void keylessSigningLeavesTheSystemPropertiesAsTheyWere() throws Exception {
        Properties before = (Properties) System.getProperties().clone();
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        Path artifact = Files.writeString(dir.resolve("app.bin"), "hello");
        CliRun run = CliRun.of("sign", "--keyless", "--identity-token", "@" + dir.resolve("missing.jwt"), artifact.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1);
        Map<Object, Object> changed = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                changed.put(k, v);
            }
        });
        before.keySet().stream().filter(k -> !System.getProperties().containsKey(k)).forEach(k -> changed.put(k, null));
        assertThat(changed).as("system properties set or removed").isEmpty();
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(caller);
    }
}
