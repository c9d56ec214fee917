package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.policy.PolicyDocument;
import dev.provenant.policy.PolicyException;
import dev.provenant.policy.PolicyLinter;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A promotion policy, YAML and JSON: read, then linted and bound (schema, regular expressions, durations,
 * key files). It sits in a folder holding the key files the seed policies name.
 */
class PromotionPolicyFuzzTest {
    private static final MethodHandle PARSE = Internals.method("dev.provenant.policy.PolicyDocument", "parse",
            Path.class, byte[].class);
    private static final Path FOLDER = folder();
    private static final Path YAML = FOLDER.resolve("policy.yaml");
    private static final Path JSON = FOLDER.resolve("policy.json");
    private static final PolicyLinter LINTER = new PolicyLinter();

    private static Path folder() {
        try {
            Path dir = Files.createTempDirectory("policy-fuzz");
            Path keys = Files.createDirectories(dir.resolve("keys"));
            byte[] key = Fixtures.bytes("ec-p256.pub");
            for (String name : new String[] {"build-gate", "builder", "test-gate", "tester", "staging-gate", "production-gate",
                    "gate", "signer"}) {
                Files.write(keys.resolve(name + ".pub"), key);
            }
            dir.toFile().deleteOnExit();
            return dir;
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void promotionPolicy(byte[] input) throws Exception {
        for (Path file : new Path[] {YAML, JSON}) {
            Outcome.expect(() -> LINTER.lint((PolicyDocument) Internals.call(PARSE, file, input)), PolicyException.class);
        }
    }
}
