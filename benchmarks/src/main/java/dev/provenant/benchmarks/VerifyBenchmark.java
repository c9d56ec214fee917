package dev.provenant.benchmarks;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm verification throughput of a real keyless bundle: sigstore-java 1.3.0's jar and the
 * {@code .jar.sigstore.json} published beside it, verified offline against the public-good root.
 * Each operation parses the bundle JSON and runs every check; the artifact is given by digest so the
 * number measures verification, not hashing of the 1.2 MB jar.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m"})
public class VerifyBenchmark {
    static final String IDENTITY =
            "https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v1.3.0";
    static final String ISSUER = "https://token.actions.githubusercontent.com";

    byte[] bundleJson;
    List<Artifact> artifact;
    BundleVerifier verifier;
    VerificationPolicy policy;

    @Setup
    public void setUp() throws Exception {
        Path dir = Path.of(System.getProperty("provenant.registryArtifacts", "benchmarks/target/registry-artifacts"));
        bundleJson = Files.readAllBytes(dir.resolve("sigstore-java-1.3.0.jar.sigstore.json"));
        byte[] jar = Files.readAllBytes(dir.resolve("sigstore-java-1.3.0.jar"));
        artifact = List.of(new Artifact.DigestArtifact(new Digest(DigestAlgorithm.SHA256,
                DigestAlgorithm.SHA256.newMessageDigest().digest(jar))));
        verifier = new BundleVerifier(TrustedRoot.publicGood());
        policy = VerificationPolicy.ofIdentity(IdentityPolicy.exact(IDENTITY, ISSUER));
    }

    @Benchmark
    public VerificationResult verifyKeylessBundle() throws Exception {
        return verifier.verify(Bundle.parse(bundleJson), artifact, policy);
    }
}
