package dev.provenant.verifier.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.link.Link;
import dev.provenant.attest.link.Metablock;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.sslib.SslibKeyFiles;
import dev.provenant.signer.sslib.SslibKeyPair;
import dev.provenant.verifier.Check;
import dev.provenant.verifier.VerificationException;
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
            List<dev.provenant.attest.link.MetadataSignature> sigs = new ArrayList<>(block.signatures());
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

    @Test
    void aLinkIsNotALayout() throws Exception {
        Link link = new Link("x", List.of(), null, null, null, null);
        fails(Check.LAYOUT, "not an in-toto layout", () -> verify(owner.sign(link.unsigned())));
    }
}
