package dev.provenant.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.attest.FormatException;
import dev.provenant.signer.SigningException;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failures classified once for both front ends: trust (with the check), usage, service. */
class FailureTest {
    @Test
    void evidenceThatDoesNotHoldIsATrustFailureNamingTheCheck() {
        Failure digest = Failure.of(new VerificationException(Check.ARTIFACT_DIGEST, "the artifact does not match"));
        assertThat(digest).isEqualTo(new Failure(Failure.Kind.TRUST, "verification failed", Optional.of("artifact-digest"),
                "artifact digest: the artifact does not match"));
        Failure format = Failure.of(new FormatException("mediaType is missing"));
        assertThat(format).isEqualTo(new Failure(Failure.Kind.TRUST, "verification failed", Optional.of("bundle-format"),
                "bundle format: mediaType is missing"));
    }

    @Test
    void settingsAndUnreadableInputAreUsageFailures() {
        assertThat(Failure.of(new SetupException("give either --key or ...")).kind()).isEqualTo(Failure.Kind.USAGE);
        assertThat(Failure.of(new IllegalArgumentException("bad pattern")).kind()).isEqualTo(Failure.Kind.USAGE);
        assertThat(Failure.of(new KeylessConfigException("no TSA", null)).kind()).isEqualTo(Failure.Kind.USAGE);
        assertThat(Failure.of(new NoSuchFileException("a.txt"))).isEqualTo(
                new Failure(Failure.Kind.USAGE, "input", Optional.empty(), "no such file: a.txt"));
        assertThat(Failure.of(new IdentityTokenException("no token found")).kind()).isEqualTo(Failure.Kind.USAGE);
        assertThat(Failure.of(new dev.provenant.signer.tlog.TlogConfigException("names no Rekor v1 log"))).isEqualTo(
                new Failure(Failure.Kind.USAGE, "transparency log", Optional.empty(), "names no Rekor v1 log"));
    }

    @Test
    void aFailedServiceOrProgramIsAServiceFailure() {
        assertThat(Failure.of(new IdentityTokenException("the token endpoint answered 500", true, null)).kind())
                .isEqualTo(Failure.Kind.SERVICE);
        assertThat(Failure.of(new SigningException("Fulcio refused"))).isEqualTo(
                new Failure(Failure.Kind.SERVICE, "signing failed", Optional.empty(), "Fulcio refused"));
        assertThat(Failure.of(new dev.provenant.signer.tlog.TlogUploadException("Rekor at http://r refused", null))).isEqualTo(
                new Failure(Failure.Kind.SERVICE, "transparency log", Optional.empty(), "Rekor at http://r refused"));
        assertThat(Failure.of(new IllegalStateException("boom")).message()).isEqualTo("IllegalStateException: boom");
        assertThat(Failure.describe(new IOException((String) null))).isEqualTo("IOException");
    }
}
