package dev.provenant.kms.azure;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.Signer;
import dev.provenant.signer.resolve.Signers;
import dev.provenant.signer.SigningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Opens a key through {@link Signers} and signs a message in a JVM of its own, started with the
 * environment a user's would have. Managed identity is found from environment variables that the
 * Azure SDK's token library reads from the process environment only, which a running test JVM cannot
 * change. Prints the public key's PEM and the base64 signature; exits 2 for a bad reference and 3 for
 * a service failure, printing the message.
 */
final class SigningProcess {
    record Result(int exitCode, String output) {}

    public static void main(String[] args) {
        try (Signer signer = Signers.discover().open(args[0], new SecretSource(System.getenv(), SecretSource.PASSWORD_VARIABLE, null))) {
            byte[] signature = signer.sign(args[1].getBytes(StandardCharsets.UTF_8));
            System.out.print(PemPublicKeys.toPem(signer.publicKey()));
            System.out.println(Base64.getEncoder().encodeToString(signature));
            System.exit(0);
        } catch (KeyReferenceException e) {
            System.out.println(e.getMessage());
            System.exit(2);
        } catch (SigningException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }

    /** Runs {@link #main} in a child JVM on this test's class path, with these variables and system properties. */
    static Result run(String keyRef, String message, Map<String, String> env, List<String> properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SigningProcess.class.getName(), keyRef, message));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("signing process did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
