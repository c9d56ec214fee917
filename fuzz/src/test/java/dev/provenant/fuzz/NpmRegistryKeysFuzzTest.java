package dev.provenant.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.provenant.attest.FormatException;
import dev.provenant.verifier.npm.NpmRegistryKeys;

/** npm's registry keys (the npm registry's {@code keys.json}, {@code --npm-registry-keys}), each key looked up by id. */
class NpmRegistryKeysFuzzTest {
    @FuzzTest(maxDuration = "3s")
    void npmRegistryKeys(byte[] input) throws Exception {
        Outcome.expect(() -> {
            NpmRegistryKeys keys = NpmRegistryKeys.parse(input, "keys.json");
            for (NpmRegistryKeys.Key k : keys.keys()) {
                keys.find(k.keyId(), k.usage()).orElseThrow().validAt(k.start());
            }
        }, FormatException.class);
    }
}
