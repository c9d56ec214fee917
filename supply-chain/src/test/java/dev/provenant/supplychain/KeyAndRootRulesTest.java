package dev.provenant.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.signer.file.KeyType;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.trust.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that name a public key ({@code key=}) or a trusted root of their own ({@code trusted-root=}): an in-house
 * artifact signed with a key as the Maven plugin's sign goal signs it, the real sigstore-java 1.3.0 bundle from the
 * public-good instance, and a keyless bundle from the embedded Sigstore stack (a fixture the fuzz module's seed
 * generator wrote, with that stack's trusted root), checked together by one verifier.
 */
class KeyAndRootRulesTest {
    static final Path LOCAL = Path.of("src/test/resources/dev/provenant/supplychain/local-stack");
    static final Coordinates INHOUSE = new Coordinates("com.example", "inhouse", "1.0", "", "jar");
    static final Coordinates NOTES = new Coordinates("com.example.private", "notes", "1.0", "", "txt");
    static final String LOCAL_SIGNER = "identity=builder@example.test issuer=http://127.0.0.1:36187/oauth2";

    static KeyPair releaseKey;
    static KeyPair otherKey;
    static BundleVerifier publicGood;
    static BundleVerifier localStack;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() throws Exception {
        releaseKey = KeyType.ECDSA_P256.generate();
        otherKey = KeyType.ECDSA_P256.generate();
        publicGood = new BundleVerifier(TrustedRoot.publicGood());
        localStack = new BundleVerifier(TrustedRoot.parse(Files.readAllBytes(LOCAL.resolve("trusted_root.json"))));
    }

    /** The jar and its key-signed bundle, as the sign goal writes them with {@code <key>}. */
    private Path signed(KeyPair key, String name) throws Exception {
        Path jar = tmp.resolve(name + ".jar");
        Files.writeString(jar, "in-house classes of " + name);
        Path bundle = tmp.resolve(name + ".jar.provenant-bundle.json");
        Files.write(bundle, new BundleSigner(new FileKeySigner(key, "test key"), new ArtifactDigester()).signArtifact(jar).toJson());
        return jar;
    }

    private static Path bundleOf(Path jar) {
        return jar.resolveSibling(jar.getFileName() + ".provenant-bundle.json");
    }

    /**
     * The anchors the front end would read: keys by file name, roots by file name ({@code local} is the stack's), the
     * default root public-good.
     */
    private static Function<DependencyRule, RuleAnchor> anchors(Map<String, PublicKey> keys, AtomicInteger made) {
        Supplier<BundleVerifier> pg = () -> {
            made.incrementAndGet();
            return publicGood;
        };
        Supplier<BundleVerifier> local = () -> {
            made.incrementAndGet();
            return localStack;
        };
        return rule -> {
            boolean isLocal = rule.trustedRoot().map(p -> p.getFileName().toString().equals("local.json")).orElse(false);
            return new RuleAnchor(isLocal ? local : pg, isLocal ? "local root" : "public-good root",
                    rule.key().map(p -> keys.get(p.getFileName().toString())));
        };
    }

    private DependencyVerifier verifier(String rules, Optional<VerdictCache> cache) throws Exception {
        Map<String, PublicKey> keys = new HashMap<>();
        keys.put("release.pub", releaseKey.getPublic());
        keys.put("other.pub", otherKey.getPublic());
        return new DependencyVerifier(anchors(keys, new AtomicInteger()), DependencyRules.parse(rules, "rules.txt", tmp), cache);
    }

    private static Function<DependencyRule, BundleLookup> found(Path bundle) {
        return rule -> new BundleLookup.Found(bundle);
    }

    @Test
    void aKeySignedInHouseArtifactVerifiesWithItsRulesKey() throws Exception {
        Path jar = signed(releaseKey, "inhouse");
        DependencyVerdict v = verifier("com.example:inhouse key=release.pub", Optional.empty()).verify(INHOUSE, jar, found(bundleOf(jar)));
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.VERIFIED);
        assertThat(v.detail()).isEqualTo("signed by key " + DependencyVerifier.keyName(releaseKey.getPublic()));
    }

    @Test
    void theWrongKeyIsABadSignatureNamingTheRulesKey() throws Exception {
        Path jar = signed(releaseKey, "inhouse");
        DependencyVerdict v = verifier("com.example:inhouse key=other.pub", Optional.empty()).verify(INHOUSE, jar, found(bundleOf(jar)));
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.BAD_SIGNATURE);
        assertThat(v.detail()).startsWith("signature").contains("other.pub").contains("rules.txt:1");
    }

    @Test
    void aBundleSignedByAnotherKeyFailsTheRule() throws Exception {
        Path jar = signed(otherKey, "inhouse");
        DependencyVerdict v = verifier("com.example:* key=release.pub", Optional.empty()).verify(INHOUSE, jar, found(bundleOf(jar)));
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.BAD_SIGNATURE);
        assertThat(v.outcome().passes()).isFalse();
    }

    @Test
    void aKeySignedBundleUnderARuleWithoutKeySaysToNameTheKey() throws Exception {
        // what failed before rules had key=: Provenant's own key-signed output, even under unsigned-ok
        Path jar = signed(releaseKey, "inhouse");
        DependencyVerdict v = verifier("com.example:* unsigned-ok", Optional.empty()).verify(INHOUSE, jar, found(bundleOf(jar)));
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.BAD_SIGNATURE);
        assertThat(v.detail()).startsWith("verification key: the bundle is signed with a key, and rules.txt:1 names none")
                .contains("key=FILE");
    }

    @Test
    void aKeylessBundleUnderAKeyRuleFails() throws Exception {
        Path jar = DependencyVerifierTest.DIR.resolve("sigstore-java-1.3.0.jar");
        DependencyVerdict v = verifier("dev.sigstore:* key=release.pub", Optional.empty())
                .verify(DependencyVerifierTest.SIGSTORE, jar, found(jar.resolveSibling("sigstore-java-1.3.0.jar.sigstore.json")));
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.BAD_SIGNATURE);
        assertThat(v.detail()).startsWith("verification key").contains("certificate");
    }

    @Test
    void keyUnsignedOkPassesAMissingBundleButNotATamperedOne() throws Exception {
        Path jar = signed(releaseKey, "inhouse");
        DependencyVerifier v = verifier("com.example:* key=release.pub unsigned-ok", Optional.empty());
        assertThat(v.verify(INHOUSE, jar, rule -> new BundleLookup.NotPublished()).outcome()).isEqualTo(DependencyOutcome.UNSIGNED_ALLOWED);
        Files.writeString(jar, "changed", java.nio.file.StandardOpenOption.APPEND);
        assertThat(v.verify(INHOUSE, jar, found(bundleOf(jar))).outcome()).isEqualTo(DependencyOutcome.BAD_SIGNATURE);
    }

    @Test
    void aMissingBundleUnderAKeyRuleNamesTheKey() throws Exception {
        Path jar = signed(releaseKey, "inhouse");
        DependencyVerdict v = verifier("com.example:* key=release.pub", Optional.empty()).verify(INHOUSE, jar,
                rule -> new BundleLookup.NotPublished());
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.MISSING_BUNDLE);
        assertThat(v.detail()).startsWith("no inhouse.jar.sigstore.json or inhouse.jar.provenant-bundle.json is published")
                .contains("rules.txt:1").contains("release.pub");
    }

    @Test
    void theLookupIsToldWhetherTheRuleNamesAKey() throws Exception {
        Path jar = signed(releaseKey, "inhouse");
        java.util.List<Boolean> asked = new java.util.ArrayList<>();
        verifier("com.example:* key=release.pub", Optional.empty()).verify(INHOUSE, jar, rule -> {
            asked.add(rule.key().isPresent());
            return new BundleLookup.Found(bundleOf(jar));
        });
        assertThat(asked).containsExactly(true);
    }

    @Test
    void aVerdictUnderOneKeyNeverAnswersForAnother() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        Path jar = signed(releaseKey, "inhouse");
        String rules = "com.example:inhouse key=release.pub";
        assertThat(verifier(rules, Optional.of(cache)).verify(INHOUSE, jar, found(bundleOf(jar))).outcome())
                .isEqualTo(DependencyOutcome.VERIFIED);
        assertThat(verifier(rules, Optional.of(cache)).verify(INHOUSE, jar, found(bundleOf(jar))).cached()).isTrue();
        // the same rule text, the same file name, another key in it: not answered from the verdict recorded above
        Map<String, PublicKey> swapped = Map.of("release.pub", otherKey.getPublic());
        DependencyVerifier otherKeyBehindTheName = new DependencyVerifier(anchors(swapped, new AtomicInteger()),
                DependencyRules.parse(rules, "rules.txt", tmp), Optional.of(cache));
        DependencyVerdict v = otherKeyBehindTheName.verify(INHOUSE, jar, found(bundleOf(jar)));
        assertThat(v.cached()).isFalse();
        assertThat(v.outcome()).isEqualTo(DependencyOutcome.BAD_SIGNATURE);
        // nor offline, when the bundle cannot be looked up
        assertThat(otherKeyBehindTheName.verify(INHOUSE, jar, rule -> new BundleLookup.Unknown("offline", "go online")).outcome())
                .isEqualTo(DependencyOutcome.BUNDLE_UNAVAILABLE);
    }

    @Test
    void aVerdictUnderOneRootNeverAnswersForAnother() throws Exception {
        VerdictCache cache = new VerdictCache(tmp.resolve("cache"));
        Path notes = LOCAL.resolve("artifact.txt");
        Path bundle = LOCAL.resolve("message.sigstore.json");
        String local = "com.example.private:* " + LOCAL_SIGNER + " trusted-root=local.json";
        assertThat(verifier(local, Optional.of(cache)).verify(NOTES, notes, found(bundle)).outcome()).isEqualTo(DependencyOutcome.VERIFIED);
        DependencyVerdict other = verifier("com.example.private:* " + LOCAL_SIGNER, Optional.of(cache))
                .verify(NOTES, notes, rule -> new BundleLookup.Unknown("offline", "go online"));
        assertThat(other.outcome()).isEqualTo(DependencyOutcome.BUNDLE_UNAVAILABLE);
    }

    @Test
    void publicGoodAndLocalStackBundlesVerifyInOneBuild() throws Exception {
        AtomicInteger made = new AtomicInteger();
        String rules = DependencyVerifierTest.RIGHT + "\ncom.example.private:* " + LOCAL_SIGNER + " trusted-root=local.json\n"
                + "com.example:* key=release.pub\n";
        Path jar = signed(releaseKey, "inhouse");
        DependencyVerifier v = new DependencyVerifier(anchors(Map.of("release.pub", releaseKey.getPublic()), made),
                DependencyRules.parse(rules, "rules.txt", tmp), Optional.empty());
        Path sigstore = DependencyVerifierTest.DIR.resolve("sigstore-java-1.3.0.jar");
        assertThat(v.verify(DependencyVerifierTest.SIGSTORE, sigstore, found(sigstore.resolveSibling("sigstore-java-1.3.0.jar.sigstore.json")))
                .outcome()).isEqualTo(DependencyOutcome.VERIFIED);
        DependencyVerdict notes = v.verify(NOTES, LOCAL.resolve("artifact.txt"), found(LOCAL.resolve("message.sigstore.json")));
        assertThat(notes.outcome()).as(notes.detail()).isEqualTo(DependencyOutcome.VERIFIED);
        assertThat(notes.detail()).contains("builder@example.test");
        assertThat(v.verify(INHOUSE, jar, found(bundleOf(jar))).outcome()).isEqualTo(DependencyOutcome.VERIFIED);
        // two roots, each made once, though three rules and three bundles used them
        assertThat(made).hasValue(2);
    }

    @Test
    void aRulesRootThatDoesNotHoldTheChainFails() throws Exception {
        // the public-good bundle under the local stack's root
        Path sigstore = DependencyVerifierTest.DIR.resolve("sigstore-java-1.3.0.jar");
        DependencyVerdict pg = verifier(DependencyVerifierTest.RIGHT + " trusted-root=local.json", Optional.empty())
                .verify(DependencyVerifierTest.SIGSTORE, sigstore, found(sigstore.resolveSibling("sigstore-java-1.3.0.jar.sigstore.json")));
        assertThat(pg.outcome()).isEqualTo(DependencyOutcome.BAD_SIGNATURE);
        // the local stack's bundle under the default, public-good root
        DependencyVerdict local = verifier("com.example.private:* " + LOCAL_SIGNER, Optional.empty())
                .verify(NOTES, LOCAL.resolve("artifact.txt"), found(LOCAL.resolve("message.sigstore.json")));
        assertThat(local.outcome()).isEqualTo(DependencyOutcome.BAD_SIGNATURE);
    }

    @Test
    void theSingleRootConstructorRefusesRulesWithFilesItDidNotRead() throws Exception {
        for (String rule : new String[] {"g:a key=k.pub", "g:a unsigned-ok trusted-root=r.json"}) {
            assertThatThrownBy(() -> new DependencyVerifier(() -> publicGood, DependencyRules.parse(rule, "r"), Optional.empty(), "root"))
                    .as(rule).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r:1");
        }
    }
}
