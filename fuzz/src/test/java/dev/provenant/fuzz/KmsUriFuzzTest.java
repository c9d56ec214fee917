package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.signer.KeyReferenceException;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A KMS key reference: {@code awskms://}, {@code gcpkms://}, {@code azurekms://} and {@code hashivault://},
 * each read by the backend that claims it (the way the signer picks one), without contacting any service.
 */
class KmsUriFuzzTest {
    private record Backend(MethodHandle claims, MethodHandle parse) {}

    private static final List<Backend> BACKENDS = List.of(
            backend("dev.provenant.kms.aws.AwsKmsKeyRef"),
            backend("dev.provenant.kms.gcp.GcpKmsKeyRef"),
            backend("dev.provenant.kms.azure.AzureKeyRef"),
            backend("dev.provenant.kms.vault.VaultKeyRef"));

    private static Backend backend(String className) {
        return new Backend(Internals.method(className, "claims", String.class), Internals.method(className, "parse", String.class));
    }

    @FuzzTest(maxDuration = "5s")
    void kmsUri(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        for (Backend b : BACKENDS) {
            if ((Boolean) Internals.call(b.claims(), text)) {
                Outcome.expect(() -> Internals.call(b.parse(), text).toString(), KeyReferenceException.class);
            }
        }
    }
}
