package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The differential run's mutator: reproducible, and every kind of mutation is made. */
class BundleMutatorTest {
    private static final byte[] BUNDLE = ("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
            + "\"verificationMaterial\":{\"publicKey\":{\"hint\":\"aGludGhpbnQ=\"},\"tlogEntries\":[{\"logIndex\":\"12\","
            + "\"logId\":{\"keyId\":\"AAECAwQFBgcICQoLDA0ODw==\"},\"kindVersion\":{\"kind\":\"hashedrekord\",\"version\":\"0.0.1\"},"
            + "\"integratedTime\":\"1700000000\",\"canonicalizedBody\":\"eyJhIjoxfQ==\"}],"
            + "\"timestampVerificationData\":{\"rfc3161Timestamps\":[{\"signedTimestamp\":\"MIIBAAAA\"}]}},"
            + "\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\"q83vASNFZ4k=\"},"
            + "\"signature\":\"MEUCIQD/////\"}}").getBytes(StandardCharsets.UTF_8);

    private static BundleMutator mutator() throws Exception {
        JsonNode donor = JsonCodec.mapper().readTree(BUNDLE.clone());
        ((com.fasterxml.jackson.databind.node.ObjectNode) donor.get("messageSignature")).put("signature", "MEQCIAAAAAAA");
        return new BundleMutator(List.of(donor), List.of("AAECAwQFBgcICQoLDA0ODw==", "8w1amZ2S5mJIQkQmPxdMuOrL/oJkvFg9MnQXmeOCXck="));
    }

    @Test
    void theSameSeedGivesTheSameMutant() throws Exception {
        BundleMutator a = mutator();
        BundleMutator b = mutator();
        for (long seed = 0; seed < 500; seed++) {
            BundleMutator.Mutant x = a.mutate(BUNDLE, seed);
            BundleMutator.Mutant y = b.mutate(BUNDLE, seed);
            assertThat(x.bytes()).as("seed %d", seed).isEqualTo(y.bytes());
            assertThat(x.steps()).isEqualTo(y.steps()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        }
    }

    @Test
    void everyOperatorIsUsedAndAlmostEveryMutantDiffers() throws Exception {
        BundleMutator mutator = mutator();
        Set<String> seen = new java.util.HashSet<>();
        int unchanged = 0;
        boolean repeatedKey = false;
        for (long seed = 0; seed < 3000; seed++) {
            BundleMutator.Mutant m = mutator.mutate(BUNDLE, seed);
            m.steps().forEach(s -> seen.add(s.split(" ")[0]));
            unchanged += Arrays.equals(m.bytes(), BUNDLE) ? 1 : 0;
            if (m.steps().size() == 1 && m.steps().get(0).startsWith("duplicate-key")) {
                String field = m.steps().get(0).split(" ")[1].replaceAll(".*/", "");
                String text = new String(m.bytes(), StandardCharsets.UTF_8);
                assertThat(text.indexOf("\"" + field + "\":")).as(m.steps().toString())
                        .isNotEqualTo(text.lastIndexOf("\"" + field + "\":"));
                repeatedKey = true;
            }
        }
        Set<String> all = new java.util.HashSet<>();
        EnumSet.allOf(BundleMutator.Operator.class).forEach(op -> all.add(op.label));
        assertThat(seen).containsAll(all);
        assertThat(repeatedKey).isTrue();
        // a few mutations can leave the bytes as they were (a swap of equal values, a re-encoding that is the same)
        assertThat(unchanged).isLessThan(300);
    }
}
