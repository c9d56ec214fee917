package dev.provenant.intoto.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.signer.SecretSource;
import dev.provenant.intoto.keys.SslibKeyFiles;
import dev.provenant.intoto.keys.SslibKeyPair;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A two-step supply chain (build by ed25519 or ecdsa, ship by ed25519) under a layout signed by the RSA owner key. */
class LayoutVerifierTest {
    static final Path KEYS = Path.of(System.getProperty("provenant.testdata", "../testdata")).resolve("keys/intoto");
    static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);

    static SslibKeyPair owner;
    static SslibKeyPair ed;
    static SslibKeyPair ec;

    @TempDir
    Path dir;

    final List<String> warnings = new ArrayList<>();

    @BeforeAll
    static void keys() throws Exception {
        owner = key("rsa");
        ed = key("ed25519");
        ec = key("ecdsa");
    }

    static SslibKeyPair key(String name) throws Exception {
        return SslibKeyFiles.readPrivate(KEYS.resolve(name), new SecretSource(Map.of(), "X", null), SslibScheme.RSASSA_PSS_SHA256);
    }

    static ArrayNode strings(String... values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    static ArrayNode rules(String... rules) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String r : rules) {
            a.add(strings(r.split(" ")));
        }
        return a;
    }

    static ObjectNode keyJson(SslibKeyPair k) {
        return k.publicKey().toJson().put("keyid", k.keyid());
    }

    /** build: threshold {@code threshold} of ed and ec; ship: ed; inspections as given. */
    static ObjectNode layout(String expires, int threshold, ObjectNode... inspections) {
        ObjectNode l = JsonNodeFactory.instance.objectNode();
        l.put("_type", "layout").put("expires", expires).put("readme", "");
        l.putObject("keys").set(ed.keyid(), keyJson(ed));
        ((ObjectNode) l.get("keys")).set(ec.keyid(), keyJson(ec));
        ArrayNode steps = l.putArray("steps");
        ObjectNode build = steps.addObject().put("_type", "step").put("name", "build").put("threshold", threshold);
        build.set("pubkeys", strings(ed.keyid(), ec.keyid()));
        build.set("expected_command", strings("make"));
        build.set("expected_materials", rules("ALLOW src.c", "DISALLOW *"));
        build.set("expected_products", rules("CREATE app", "ALLOW src.c", "DISALLOW *"));
        ObjectNode ship = steps.addObject().put("_type", "step").put("name", "ship").put("threshold", 1);
        ship.set("pubkeys", strings(ed.keyid()));
        ship.set("expected_command", strings());
        ship.set("expected_materials", rules("MATCH app WITH PRODUCTS FROM build", "DISALLOW *"));
        ship.set("expected_products", rules());
        ArrayNode inspect = l.putArray("inspect");
        for (ObjectNode i : inspections) {
            inspect.add(i);
        }
        return l;
    }

    static ObjectNode inspection(String name, String... productRules) {
        ObjectNode i = JsonNodeFactory.instance.objectNode().put("_type", "inspection").put("name", name);
        i.set("run", strings("unpack"));
        i.set("expected_materials", rules());
        i.set("expected_products", rules(productRules));
        return i;
    }

    static Metablock signed(ObjectNode signed, SslibKeyPair... signers) throws Exception {
        Metablock block = new Metablock(signed, List.of());
        for (SslibKeyPair k : signers) {
            List<dev.provenant.intoto.link.MetadataSignature> sigs = new ArrayList<>(block.signatures());
            sigs.add(k.sign(block.signableBytes()));
            block = block.withSignatures(sigs);
        }
        return block;
    }

    void writeLink(String step, SslibKeyPair by, List<String> command, Map<String, Map<String, String>> materials,
            Map<String, Map<String, String>> products) throws Exception {
        Link link = new Link(step, command, new TreeMap<>(materials), new TreeMap<>(products), null, null);
        Files.write(dir.resolve(StepLinkLoader.fileName(step, by.keyid())), by.sign(link.unsigned()).toJson());
    }

    void goodChain() throws Exception {
        writeLink("build", ed, List.of("make"), Map.of("src.c", Map.of("sha256", A)),
                Map.of("src.c", Map.of("sha256", A), "app", Map.of("sha256", B)));
        writeLink("ship", ed, List.of(), Map.of("app", Map.of("sha256", B)), Map.of());
    }

    LayoutVerification verify(Metablock layout, List<SslibPublicKey> ownerKeys, Optional<InspectionRunner> runner) throws Exception {
        return new LayoutVerifier(NOW).verify(layout, ownerKeys, dir, runner, warnings::add);
    }

    LayoutVerification verify(Metablock layout) throws Exception {
        return verify(layout, List.of(owner.publicKey()), Optional.empty());
    }

    static void fails(Check check, String message, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(VerificationException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(check));
    }

    @Test
    void aGoodSupplyChainVerifies() throws Exception {
        goodChain();
        LayoutVerification result = verify(signed(layout("2027-01-01T00:00:00Z", 1), owner));
        assertThat(result.stepSigners()).containsEntry("build", List.of(ed.keyid())).containsEntry("ship", List.of(ed.keyid()));
        assertThat(warnings).isEmpty();
    }

    @Test
    void everyOwnerKeyGivenMustHaveSigned() throws Exception {
        goodChain();
        fails(Check.LAYOUT_SIGNATURE, "owner key " + ed.keyid(),
                () -> verify(signed(layout("2027-01-01T00:00:00Z", 1), owner), List.of(owner.publicKey(), ed.publicKey()), Optional.empty()));
        verify(signed(layout("2027-01-01T00:00:00Z", 1), owner, ed), List.of(owner.publicKey(), ed.publicKey()), Optional.empty());
        fails(Check.LAYOUT_SIGNATURE, "owner key", () -> verify(signed(layout("2027-01-01T00:00:00Z", 1))));
    }

    @Test
    void aLayoutChangedAfterSigningFails() throws Exception {
        goodChain();
        Metablock block = signed(layout("2027-01-01T00:00:00Z", 1), owner);
        ObjectNode changed = block.signed();
        ((ObjectNode) changed.get("steps").get(1)).set("expected_materials", rules("ALLOW *"));
        fails(Check.LAYOUT_SIGNATURE, "owner key", () -> verify(new Metablock(changed, block.signatures())));
    }

    @Test
    void anExpiredLayoutFails() throws Exception {
        goodChain();
        fails(Check.LAYOUT_EXPIRY, "expired at 2026-05-31", () -> verify(signed(layout("2026-05-31T23:59:59Z", 1), owner)));
    }

    @Test
    void aLinkByAnUnauthorizedKeyDoesNotCount() throws Exception {
        goodChain();
        // ec may build, but not ship: its link for ship, even under ed's file name, is not signed by ed
        Link link = new Link("ship", List.of(), new TreeMap<>(Map.of("app", Map.of("sha256", B))), null, null, null);
        Files.write(dir.resolve(StepLinkLoader.fileName("ship", ed.keyid())), ec.sign(link.unsigned()).toJson());
        fails(Check.STEP_THRESHOLD, "step 'ship' requires 1 link(s) validly signed", () -> verify(signed(layout("2027-01-01T00:00:00Z", 1), owner)));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("no good signature by key " + ed.keyid()));
    }

    @Test
    void aMissingLinkFails() throws Exception {
        goodChain();
        Files.delete(dir.resolve(StepLinkLoader.fileName("ship", ed.keyid())));
        fails(Check.STEP_THRESHOLD, "step 'ship' requires 1 link file(s)", () -> verify(signed(layout("2027-01-01T00:00:00Z", 1), owner)));
    }

    @Test
    void aThresholdNeedsThatManyDistinctFunctionariesWhoAgree() throws Exception {
        goodChain();
        Metablock layout = signed(layout("2027-01-01T00:00:00Z", 2), owner);
        fails(Check.STEP_THRESHOLD, "step 'build' requires 2 link file(s)", () -> verify(layout));
        writeLink("build", ec, List.of("make"), Map.of("src.c", Map.of("sha256", A)), Map.of("src.c", Map.of("sha256", A), "app", Map.of("sha256", A)));
        fails(Check.STEP_THRESHOLD, "record different artifacts", () -> verify(layout));
        writeLink("build", ec, List.of("make"), Map.of("src.c", Map.of("sha256", A)), Map.of("src.c", Map.of("sha256", A), "app", Map.of("sha256", B)));
        assertThat(verify(layout).stepSigners().get("build")).containsExactly(ed.keyid(), ec.keyid());
    }

    @Test
    void anUnexpectedCommandOnlyWarns() throws Exception {
        goodChain();
        writeLink("build", ed, List.of("make", "-j8"), Map.of("src.c", Map.of("sha256", A)),
                Map.of("src.c", Map.of("sha256", A), "app", Map.of("sha256", B)));
        LayoutVerification result = verify(signed(layout("2027-01-01T00:00:00Z", 1), owner));
        assertThat(result.warnings()).singleElement().asString().contains("[make, -j8]").contains("[make]");
    }

    @Test
    void aTamperedProductFailsTheNextStepsMatch() throws Exception {
        goodChain();
        writeLink("ship", ed, List.of(), Map.of("app", Map.of("sha256", A)), Map.of());
        fails(Check.ARTIFACT_RULE, "'DISALLOW *' in expected_materials of 'ship' matched [app]",
                () -> verify(signed(layout("2027-01-01T00:00:00Z", 1), owner)));
    }

    @Test
    void inspectionsFailClosedUnlessRunAndTheirRulesApply() throws Exception {
        goodChain();
        Metablock layout = signed(layout("2027-01-01T00:00:00Z", 1,
                inspection("unpack", "MATCH app WITH PRODUCTS FROM build", "DISALLOW *")), owner);
        fails(Check.INSPECTION, "inspections [unpack] and they were not run", () -> verify(layout));

        InspectionRunner good = i -> new Link(i.name(), i.run(), null, new TreeMap<>(Map.of("app", Map.of("sha256", B))), null, null);
        assertThat(verify(layout, List.of(owner.publicKey()), Optional.of(good)).inspections()).containsExactly("unpack");

        InspectionRunner tampered = i -> new Link(i.name(), i.run(), null, new TreeMap<>(Map.of("app", Map.of("sha256", A))), null, null);
        fails(Check.ARTIFACT_RULE, "expected_products of 'unpack'", () -> verify(layout, List.of(owner.publicKey()), Optional.of(tampered)));
    }

    /** A sublayout for ship, with one step, inner, by ec, that may only consume app. */
    static ObjectNode sublayout() {
        ObjectNode l = JsonNodeFactory.instance.objectNode();
        l.put("_type", "layout").put("expires", "2027-01-01T00:00:00Z");
        l.putObject("keys").set(ec.keyid(), keyJson(ec));
        ObjectNode inner = l.putArray("steps").addObject().put("_type", "step").put("name", "inner").put("threshold", 1);
        inner.set("pubkeys", strings(ec.keyid()));
        inner.set("expected_command", strings());
        inner.set("expected_materials", rules("ALLOW app", "DISALLOW *"));
        inner.set("expected_products", rules());
        l.putArray("inspect");
        return l;
    }

    /** Replaces ship's link with a sublayout signed by {@code signer}, whose inner link in ship.KEYID8/ consumed {@code materials}. */
    void shipBySublayout(SslibKeyPair signer, Map<String, Map<String, String>> materials) throws Exception {
        Files.write(dir.resolve(StepLinkLoader.fileName("ship", ed.keyid())), signed(sublayout(), signer).toJson());
        Path subDir = Files.createDirectories(dir.resolve("ship." + ed.keyid().substring(0, 8)));
        Link inner = new Link("inner", List.of(), new TreeMap<>(materials), null, null, null);
        Files.write(subDir.resolve(StepLinkLoader.fileName("inner", ec.keyid())), ec.sign(inner.unsigned()).toJson());
    }

    @Test
    void aSublayoutStandsForItsStepWithItsSummary() throws Exception {
        goodChain();
        shipBySublayout(ed, Map.of("app", Map.of("sha256", B)));
        assertThat(verify(signed(layout("2027-01-01T00:00:00Z", 1), owner)).stepSigners()).containsEntry("ship", List.of(ed.keyid()));
    }

    @Test
    void aSublayoutsOwnRulesAndItsSummaryAreChecked() throws Exception {
        goodChain();
        shipBySublayout(ed, Map.of("app", Map.of("sha256", B), "evil", Map.of("sha256", A)));
        fails(Check.ARTIFACT_RULE, "expected_materials of 'inner' matched [evil]", () -> verify(signed(layout("2027-01-01T00:00:00Z", 1), owner)));
        // the summary's materials (inner's) must still match build's products in the parent's rules
        shipBySublayout(ed, Map.of("app", Map.of("sha256", A)));
        fails(Check.ARTIFACT_RULE, "expected_materials of 'ship' matched [app]", () -> verify(signed(layout("2027-01-01T00:00:00Z", 1), owner)));
    }

    @Test
    void aSublayoutNotSignedByTheStepsFunctionaryDoesNotCount() throws Exception {
        goodChain();
        shipBySublayout(ec, Map.of("app", Map.of("sha256", B)));
        fails(Check.STEP_THRESHOLD, "step 'ship' requires 1 link(s) validly signed", () -> verify(signed(layout("2027-01-01T00:00:00Z", 1), owner)));
    }

    /** The layout with build's fields replaced by {@code field}: {@code value}, signed by the owner. */
    static Metablock withBuild(String field, com.fasterxml.jackson.databind.JsonNode value) throws Exception {
        ObjectNode l = layout("2027-01-01T00:00:00Z", 1);
        ((ObjectNode) l.get("steps").get(0)).set(field, value);
        return signed(l, owner);
    }

    @Test
    void aKeyListedTwiceIsOneFunctionary() throws Exception {
        goodChain();
        // two listings of ed cannot make a threshold of two: in-toto-verify keeps one link per keyid
        fails(Check.LAYOUT, "threshold must be an integer from 1 to the 1 distinct key(s)", () -> {
            ObjectNode l = layout("2027-01-01T00:00:00Z", 2);
            ((ObjectNode) l.get("steps").get(0)).set("pubkeys", strings(ed.keyid(), ed.keyid()));
            verify(signed(l, owner));
        });
        ObjectNode l = layout("2027-01-01T00:00:00Z", 2);
        ((ObjectNode) l.get("steps").get(0)).set("pubkeys", strings(ed.keyid(), ed.keyid(), ec.keyid()));
        fails(Check.STEP_THRESHOLD, "step 'build' requires 2 link file(s)", () -> verify(signed(l, owner)));
    }

    @Test
    void oneKeyUnderTwoKeyidsCountsOnce() throws Exception {
        goodChain();
        // the owner's RSA key twice: as securesystemslib imports it and with a trailing newline, so two keyids
        SslibPublicKey same = new SslibPublicKey("rsa", owner.publicKey().scheme(), owner.publicKey().publicValue() + "\n");
        ObjectNode l = layout("2027-01-01T00:00:00Z", 2);
        ((ObjectNode) l.get("keys")).set(owner.keyid(), keyJson(owner));
        ((ObjectNode) l.get("keys")).set(same.keyid(), same.toJson().put("keyid", same.keyid()));
        ((ObjectNode) l.get("steps").get(0)).set("pubkeys", strings(owner.keyid(), same.keyid()));
        Link link = new Link("build", List.of("make"), new TreeMap<>(Map.of("src.c", Map.of("sha256", A))),
                new TreeMap<>(Map.of("src.c", Map.of("sha256", A), "app", Map.of("sha256", B))), null, null);
        Files.write(dir.resolve(StepLinkLoader.fileName("build", owner.keyid())), owner.sign(link.unsigned()).toJson());
        var sig = owner.sign(link.unsigned().signableBytes());
        Files.write(dir.resolve(StepLinkLoader.fileName("build", same.keyid())),
                link.unsigned().withSignatures(List.of(new dev.provenant.intoto.link.MetadataSignature(same.keyid(), sig.sig()))).toJson());
        fails(Check.STEP_THRESHOLD, "requires 2 link(s) validly signed by different authorized functionaries, found 1",
                () -> verify(signed(l, owner)));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("already counted"));
    }

    @Test
    void thresholdsOutsideOneToTheStepsKeysAreMalformed() throws Exception {
        goodChain();
        JsonNodeFactory f = JsonNodeFactory.instance;
        var bad = List.of(f.numberNode(0), f.numberNode(-1), f.numberNode(3), f.numberNode(4_294_967_297L), f.numberNode(2_147_483_648L),
                f.numberNode(java.math.BigInteger.TWO.pow(70).add(java.math.BigInteger.ONE)), f.textNode("2"), f.booleanNode(true), f.nullNode(), f.arrayNode().add(1));
        for (var value : bad) {
            fails(Check.LAYOUT, "step build threshold must be an integer from 1 to the 2 distinct key(s)", () -> verify(withBuild("threshold", value)));
        }
        assertThat(verify(withBuild("threshold", f.numberNode(1))).stepSigners()).containsKey("build");
        // a fraction has no canonical JSON, so no signature covers it and the metadata is unreadable
        String fraction = new String(withBuild("threshold", f.numberNode(1)).toJson(), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\"threshold\" : 1", "\"threshold\" : 1.0");
        assertThat(fraction).contains("1.0");
        assertThatThrownBy(() -> Metablock.parse(fraction.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(dev.provenant.attest.FormatException.class).hasMessageContaining("canonical");
    }

    @Test
    void layoutFieldsAreCheckedAsInTotoChecksThem() throws Exception {
        goodChain();
        for (String expires : new String[] {"2027-01-01T00:00:00+00:00", "2027-01-01T00:00:00.5Z", "2027-02-30T00:00:00Z",
            "2027-01-01 00:00:00Z", "2027-01-01T24:00:00Z", "+12027-01-01T00:00:00Z", ""}) {
            fails(Check.LAYOUT, "layout expires", () -> verify(signed(layout(expires, 1), owner)));
        }
        ObjectNode numericExpiry = layout("2027-01-01T00:00:00Z", 1).put("expires", 1798761600);
        fails(Check.LAYOUT, "layout expires", () -> verify(signed(numericExpiry, owner)));

        fails(Check.LAYOUT, "step build _type must be \"step\"", () -> verify(withBuild("_type", JsonNodeFactory.instance.textNode("inspection"))));
        ObjectNode untypedInspection = inspection("unpack", "DISALLOW *");
        untypedInspection.remove("_type");
        fails(Check.LAYOUT, "inspection unpack _type must be \"inspection\"", () -> verify(signed(layout("2027-01-01T00:00:00Z", 1,
                untypedInspection), owner)));
        fails(Check.LAYOUT, "readme", () -> verify(signed(layout("2027-01-01T00:00:00Z", 1).put("readme", 7), owner)));
    }

    @Test
    void layoutKeysStandUnderTheirOwnKeyids() throws Exception {
        goodChain();
        // ec's keyid with ed's key: links would be looked up under one keyid and verified with another key
        ObjectNode swapped = layout("2027-01-01T00:00:00Z", 1);
        ((ObjectNode) swapped.get("keys")).set(ec.keyid(), keyJson(ed));
        fails(Check.LAYOUT, "layout key " + ec.keyid() + " is not that key's keyid", () -> verify(signed(swapped, owner)));

        ObjectNode wrongField = layout("2027-01-01T00:00:00Z", 1);
        ((ObjectNode) wrongField.get("keys").get(ed.keyid())).put("keyid", ec.keyid());
        fails(Check.LAYOUT, "says its keyid is", () -> verify(signed(wrongField, owner)));

        ObjectNode withPrivate = layout("2027-01-01T00:00:00Z", 1);
        ((ObjectNode) withPrivate.get("keys").get(ed.keyid()).get("keyval")).put("private", "00");
        fails(Check.LAYOUT, "holds a private part", () -> verify(signed(withPrivate, owner)));
    }

    @Test
    void aLinkForAnotherStepDoesNotCount() throws Exception {
        goodChain();
        // ed performs both steps: its build link copied to ship's file name must not stand for ship
        Link build = new Link("build", List.of(), new TreeMap<>(Map.of("app", Map.of("sha256", B))), null, null, null);
        Files.write(dir.resolve(StepLinkLoader.fileName("ship", ed.keyid())), ed.sign(build.unsigned()).toJson());
        fails(Check.STEP_THRESHOLD, "step 'ship' requires 1 link(s) validly signed", () -> verify(signed(layout("2027-01-01T00:00:00Z", 1), owner)));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("a link for step 'build'"));
    }

    /**
     * Ten levels of four steps, each step delegated to a sublayout of the same four steps whose link
     * directory links to the next level's: 81 small files, and 4^10 sublayouts to verify without a
     * budget for the whole tree, although no level is deeper than the depth limit.
     */
    @Test
    void aSublayoutTreeWideAsWellAsDeepIsRefusedQuickly() throws Exception {
        ObjectNode l = JsonNodeFactory.instance.objectNode().put("_type", "layout").put("expires", "2027-01-01T00:00:00Z");
        l.putObject("keys").set(ed.keyid(), keyJson(ed));
        ArrayNode steps = l.putArray("steps");
        for (int i = 0; i < 4; i++) {
            ObjectNode step = steps.addObject().put("_type", "step").put("name", "s" + i).put("threshold", 1);
            step.set("pubkeys", strings(ed.keyid()));
        }
        byte[] sub = signed(l, ed).toJson();
        int levels = 10;
        Path level = dir;
        for (int depth = 0; depth < levels; depth++) {
            Path next = Files.createDirectories(dir.resolve("level" + (depth + 1)));
            for (int i = 0; i < 4; i++) {
                Files.write(level.resolve(StepLinkLoader.fileName("s" + i, ed.keyid())), sub);
                Files.createSymbolicLink(level.resolve("s" + i + "." + ed.keyid().substring(0, 8)), next.toAbsolutePath());
            }
            level = next;
        }
        for (int i = 0; i < 4; i++) {
            Link leaf = new Link("s" + i, List.of(), null, null, null, null);
            Files.write(level.resolve(StepLinkLoader.fileName("s" + i, ed.keyid())), ed.sign(leaf.unsigned()).toJson());
        }
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> fails(Check.LAYOUT, "more than 64 layouts, sublayouts included", () -> verify(signed(l, owner))));
    }

    /** 3,000 rules that consume nothing, over 10,000 artifacts: 30 million checks, above the budget. */
    @Test
    void manyRulesOverManyArtifactsAreRefusedWithinTheBudget() throws Exception {
        Map<String, Map<String, String>> many = new TreeMap<>();
        for (int i = 0; i < 10_000; i++) {
            many.put("file" + i, Map.of("sha256", A));
        }
        writeLink("build", ed, List.of("make"), many, Map.of());
        writeLink("ship", ed, List.of(), Map.of(), Map.of());
        ObjectNode l = layout("2027-01-01T00:00:00Z", 1);
        ArrayNode materials = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 3_000; i++) {
            materials.add(strings("ALLOW", "other" + i));
        }
        ((ObjectNode) l.get("steps").get(0)).set("expected_materials", materials);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> fails(Check.LAYOUT, "more than 25000000 checks of a rule against an artifact", () -> verify(signed(l, owner))));
    }

    LayoutVerification verifyWithin(VerificationBudget.Limits limits, Metablock layout) throws Exception {
        return new LayoutVerifier(NOW, limits).verify(layout, List.of(owner.publicKey()), dir, Optional.empty(), warnings::add);
    }

    @Test
    void everyPartOfTheBudgetIsEnforced() throws Exception {
        goodChain();
        shipBySublayout(ed, Map.of("app", Map.of("sha256", B)));
        Metablock layout = signed(layout("2027-01-01T00:00:00Z", 1), owner);
        // the chain: 2 layouts (root, ship's sublayout) at depth 1, 4 look-ups (build: ed, ec; ship: ed; inner: ec), 3 files
        var enough = new VerificationBudget.Limits(1, 2, 4, 3, 1L << 20, 6);
        assertThat(verifyWithin(enough, layout).stepSigners()).containsKey("ship");
        fails(Check.LAYOUT, "sublayouts nest deeper than 0 levels at step 'ship'",
                () -> verifyWithin(new VerificationBudget.Limits(0, 2, 4, 3, 1L << 20, 6), layout));
        fails(Check.LAYOUT, "more than 1 layouts", () -> verifyWithin(new VerificationBudget.Limits(1, 1, 4, 3, 1L << 20, 6), layout));
        fails(Check.LAYOUT, "more than 3 link file look-ups", () -> verifyWithin(new VerificationBudget.Limits(1, 2, 3, 3, 1L << 20, 6), layout));
        fails(Check.LAYOUT, "more than 2 link files", () -> verifyWithin(new VerificationBudget.Limits(1, 2, 4, 2, 1L << 20, 6), layout));
        fails(Check.LAYOUT, "hold more than 1000 bytes", () -> verifyWithin(new VerificationBudget.Limits(1, 2, 4, 3, 1000, 6), layout));
        // rules times queued artifacts: inner 1 (ALLOW app), build 1 + 2 + 1, ship 1 (MATCH); the DISALLOWs find empty queues
        fails(Check.LAYOUT, "more than 5 checks of a rule against an artifact",
                () -> verifyWithin(new VerificationBudget.Limits(1, 2, 4, 3, 1L << 20, 5), layout));
    }

    @Test
    void aLinkIsNotALayout() throws Exception {
        Link link = new Link("x", List.of(), null, null, null, null);
        fails(Check.LAYOUT, "not an in-toto layout", () -> verify(owner.sign(link.unsigned())));
    }
}
