package dev.provenant.cli;

import dev.provenant.attest.testing.ConformanceSuite;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.intoto.SubjectDigester;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.bundle.BundleSigner;
import dev.provenant.signer.file.FileKeySigner;
import dev.provenant.signer.file.KeyType;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.verifier.trust.TrustedRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential testing against sigstore-js: real bundles (the conformance suite's good bundles, and
 * bundles Provenant signs here with keys and keyless on the embedded stack) are mutated by
 * {@link BundleMutator} and each mutant is verified by Provenant's library and by sigstore-js (the
 * peer's batch mode) with the same trusted root, artifact and policy. The run fails when Provenant
 * accepts a mutant sigstore-js rejects, unless the difference is on {@link #ALLOWED}, each with the
 * reason sigstore-js is wrong there. Where Provenant is the stricter one, the report
 * (cli/target/differential-report.txt) lists it with counts.
 *
 * <p>Properties: {@code provenant.differential.cases} (default 3000), {@code provenant.differential.seed},
 * {@code provenant.conformance} (the folder holding the conformance suite's bundle-verify/; optional).
 */
class DifferentialIT {
    static final int CASES = Integer.getInteger("provenant.differential.cases", 3000);
    static final long SEED = Long.getLong("provenant.differential.seed", 20261202L);
    /** The conformance suite's bundle-verify folder, when given (optional: ConformanceSuite). */
    static final java.util.Optional<Path> CONFORMANCE = ConformanceSuite.dir().map(d -> d.resolve("bundle-verify"));
    static final Path REPORT = PackagedCli.ROOT.resolve("cli/target/differential-report.txt");
    static final Path CASES_DIR = PackagedCli.ROOT.resolve("cli/target/differential-cases");
    static final String CONFORMANCE_IDENTITY = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
            + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    static final String CONFORMANCE_ISSUER = "https://token.actions.githubusercontent.com";
    static final String STACK_IDENTITY = "differential@example.test";

    /** How a seed is verified: the artifact, the trusted root, and a key or an identity. */
    record Seed(String name, byte[] bundle, Path artifact, Path trustedRoot, Path key, String identity, String issuer,
            boolean allowNoTlog) {}

    record Verdict(boolean ok, String reason) {
        static Verdict accept() {
            return new Verdict(true, "");
        }
    }

    /** One mutated case with both verdicts. */
    record Case(int index, Seed seed, BundleMutator.Mutant mutant, Verdict provenant, SigstoreJsPeer.Answer js) {}

    /** A kind of case where Provenant accepts what sigstore-js rejects, and why that does not fail the run. */
    record Allowed(String why, Predicate<Case> matches) {}

    /** Provenant accepts, sigstore-js rejects, and sigstore-js is shown to be wrong. */
    static final List<Allowed> ALLOWED = List.of(
            new Allowed("sigstore-js 3.1.1 does not know Rekor v2's hashedrekord-over-DSSE entries (the log stores the hash of the "
                    + "PAE, rekor-v2 spec 6.1.4); the conformance suite requires this bundle to verify",
                    c -> c.seed().name().equals("conformance/rekor2-dsse-happy-path") && c.js().code().equals("TLOG_BODY_ERROR")
                            && c.js().error().equals("digest mismatch")));

    /**
     * Provenant accepts, sigstore-js rejects, and sigstore-js is right, while a fix is being made: listed in
     * the report as open, not failed. Empty: every such case found so far is fixed (duplicate tlog entries
     * and timestamps were the last). The report says when an entry no longer matches anything.
     */
    static final List<Allowed> PENDING_FIX = List.of();

    private static Optional<Allowed> excuse(Case c, List<Allowed> list) {
        return list.stream().filter(a -> a.matches().test(c)).findFirst();
    }

    @TempDir
    static Path work;

    static LocalStackProcess stack;

    @BeforeAll
    static void peer() throws Exception {
        SigstoreJsPeer.require();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void provenantAcceptsNoMutantThatSigstoreJsRejects() throws Exception {
        long started = System.nanoTime();
        List<String> notes = new ArrayList<>();
        List<Seed> seeds = new ArrayList<>(conformanceSeeds(notes));
        seeds.addAll(keySeeds());
        seeds.addAll(stackSeeds());

        // Every seed must verify with both, else its mutants say nothing.
        List<Verdict> ours = new ArrayList<>();
        List<ObjectNode> requests = new ArrayList<>();
        for (Seed seed : seeds) {
            ours.add(provenant(seed, seed.bundle()));
            requests.add(request(seed, seed.bundle()));
        }
        List<SigstoreJsPeer.Answer> theirs = SigstoreJsPeer.batch(requests, work, 300);
        List<Seed> usable = new ArrayList<>();
        List<String> originalDifferences = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            Seed seed = seeds.get(i);
            if (ours.get(i).ok() && theirs.get(i).ok()) {
                usable.add(seed);
                continue;
            }
            String line = seed.name() + ": Provenant " + (ours.get(i).ok() ? "accepts" : "rejects (" + ours.get(i).reason() + ")")
                    + ", sigstore-js " + (theirs.get(i).ok() ? "accepts" : "rejects (" + theirs.get(i).code() + " "
                    + theirs.get(i).error() + ")");
            Case original = new Case(-1, seed, new BundleMutator.Mutant(seed.bundle(), List.of()), ours.get(i), theirs.get(i));
            Optional<Allowed> allowed = excuse(original, ALLOWED);
            notes.add("seed not used, " + line + allowed.map(a -> "; allowed: " + a.why()).orElse(""));
            if (ours.get(i).ok() && allowed.isEmpty()) {
                originalDifferences.add(line);
            }
        }
        assertThat(usable).as("seeds both verifiers accept").hasSizeGreaterThanOrEqualTo(4);

        List<JsonNode> donors = new ArrayList<>();
        Set<String> logIds = new LinkedHashSet<>();
        for (Seed seed : usable) {
            JsonNode tree = JsonCodec.mapper().readTree(seed.bundle());
            donors.add(tree);
            tree.findValues("keyId").forEach(id -> logIds.add(id.asText()));
            JsonCodec.mapper().readTree(Files.readAllBytes(seed.trustedRoot())).findValues("keyId").forEach(id -> logIds.add(id.asText()));
        }
        logIds.add(Base64.getEncoder().encodeToString(new byte[32]));
        BundleMutator mutator = new BundleMutator(donors, List.copyOf(logIds));

        long provenantNanos = 0;
        long slowest = 0;
        String slowestCase = "";
        List<BundleMutator.Mutant> mutants = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        requests.clear();
        for (int i = 0; i < CASES; i++) {
            Seed seed = usable.get(i % usable.size());
            BundleMutator.Mutant mutant = mutator.mutate(seed.bundle(), SEED * 1_000_003L + i);
            mutants.add(mutant);
            long t = System.nanoTime();
            verdicts.add(provenant(seed, mutant.bytes()));
            t = System.nanoTime() - t;
            provenantNanos += t;
            if (t > slowest) {
                slowest = t;
                slowestCase = "case " + i + " (" + seed.name() + ": " + mutant.steps() + ")";
            }
            requests.add(request(seed, mutant.bytes()));
        }
        long jsStarted = System.nanoTime();
        List<SigstoreJsPeer.Answer> answers = SigstoreJsPeer.batch(requests, work, 600);
        long jsNanos = System.nanoTime() - jsStarted;

        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(new Case(i, usable.get(i % usable.size()), mutants.get(i), verdicts.get(i), answers.get(i)));
        }
        List<Case> failures = new ArrayList<>();
        List<Case> allowed = new ArrayList<>();
        List<Case> pending = new ArrayList<>();
        for (Case c : cases) {
            if (c.provenant().ok() && !c.js().ok()) {
                (excuse(c, ALLOWED).isPresent() ? allowed : excuse(c, PENDING_FIX).isPresent() ? pending : failures).add(c);
            }
        }
        writeCases(failures);
        String report = report(seeds.size(), usable, notes, originalDifferences, cases, failures, allowed, pending, provenantNanos,
                jsNanos, slowest, slowestCase, System.nanoTime() - started);
        Path tmp = REPORT.resolveSibling(REPORT.getFileName() + ".tmp");
        Files.createDirectories(REPORT.getParent());
        Files.writeString(tmp, report, StandardCharsets.UTF_8);
        Files.move(tmp, REPORT, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println(report.lines().limit(12).reduce((a, b) -> a + "\n" + b).orElse(""));

        assertThat(originalDifferences).as("unmutated bundles Provenant accepts and sigstore-js rejects").isEmpty();
        assertThat(failures.stream().map(DifferentialIT::describe).toList())
                .as("mutants Provenant accepts and sigstore-js rejects (see " + REPORT + " and " + CASES_DIR + ")").isEmpty();
    }

    // ---- seeds ----

    private static List<Seed> conformanceSeeds(List<String> notes) throws IOException {
        if (CONFORMANCE.isEmpty()) {
            String why = "differential: " + ConformanceSuite.MESSAGE + "; using Provenant's own bundles only";
            System.err.println(why);
            notes.add(why);
            return List.of();
        }
        Path cases = CONFORMANCE.get();
        Path defaultRoot = work.resolve("public-good-trusted_root.json");
        Files.write(defaultRoot, TrustedRoot.publicGoodJson());
        List<Seed> seeds = new ArrayList<>();
        List<Path> dirs;
        try (Stream<Path> list = Files.list(cases)) {
            dirs = list.filter(d -> Files.exists(d.resolve("bundle.sigstore.json")) && !d.getFileName().toString().endsWith("_fail"))
                    .sorted().toList();
        }
        for (Path d : dirs) {
            Path artifact = Files.exists(d.resolve("artifact")) ? d.resolve("artifact") : cases.resolve("a.txt");
            Path root = Files.exists(d.resolve("trusted_root.json")) ? d.resolve("trusted_root.json") : defaultRoot;
            byte[] bundle = Files.readAllBytes(d.resolve("bundle.sigstore.json"));
            String name = "conformance/" + d.getFileName();
            if (Files.exists(d.resolve("key.pub"))) {
                seeds.add(new Seed(name, bundle, artifact, root, d.resolve("key.pub"), null, null, false));
            } else {
                seeds.add(new Seed(name, bundle, artifact, root, null, read(d.resolve("identity"), CONFORMANCE_IDENTITY),
                        read(d.resolve("issuer"), CONFORMANCE_ISSUER), false));
            }
        }
        return seeds;
    }

    private static String read(Path file, String otherwise) throws IOException {
        return Files.exists(file) ? Files.readString(file).strip() : otherwise;
    }

    /** Key-signed bundles made here, without a log: message signatures and DSSE statements. */
    private static List<Seed> keySeeds() throws Exception {
        Path artifact = Files.writeString(work.resolve("key-artifact.txt"), "differential testing artifact\n");
        Path root = work.resolve("public-good-for-keys.json");
        Files.write(root, TrustedRoot.publicGoodJson());
        List<Seed> seeds = new ArrayList<>();
        Map<KeyType, List<String>> kinds = new TreeMap<>(Map.of(KeyType.ECDSA_P256, List.of("message", "dsse"),
                KeyType.ECDSA_P384, List.of("message"), KeyType.ED25519, List.of("dsse")));
        for (var kind : kinds.entrySet()) {
            KeyPair pair = kind.getKey().generate();
            Path pub = Files.writeString(work.resolve(kind.getKey().cliName() + ".pub"), PemPublicKeys.toPem(pair.getPublic()));
            BundleSigner signer = new BundleSigner(new FileKeySigner(pair, "differential " + kind.getKey().cliName()),
                    new ArtifactDigester());
            for (String what : kind.getValue()) {
                Bundle bundle;
                if (what.equals("message")) {
                    bundle = signer.signArtifact(artifact);
                } else {
                    Statement statement = Statement.of(new SubjectDigester(new ArtifactDigester()).subjects(List.of(artifact)),
                            "https://provenant.dev/differential/v1", JsonCodec.mapper().createObjectNode().put("ok", true));
                    bundle = signer.attest(statement);
                }
                seeds.add(new Seed("key/" + kind.getKey().cliName() + "-" + what, bundle.toJson(), artifact, root, pub, null, null, true));
            }
        }
        return seeds;
    }

    /**
     * Keyless bundles signed by the packaged CLI on the embedded stack: a message signature in Rekor v1, a
     * DSSE envelope in Rekor v2 with the TSA, and a DSSE envelope in Rekor v1 ({@code dsse 0.0.1}, through the
     * public-good shape of signing config: a Rekor v1 log only).
     */
    private static List<Seed> stackSeeds() throws Exception {
        stack = LocalStackProcess.start(work.resolve("stack"), STACK_IDENTITY);
        Path artifact = Files.writeString(work.resolve("keyless-artifact.txt"), "differential testing, keyless\n");
        Path predicate = Files.writeString(work.resolve("predicate.json"), "{\"passed\": 3}");
        Map<String, String> env = new HashMap<>(stack.signingEnv());
        for (String ambient : List.of("ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "SIGSTORE_ID_TOKEN")) {
            env.put(ambient, null);
        }
        List<Seed> seeds = new ArrayList<>();
        Path message = work.resolve("keyless-message.sigstore.json");
        Path dsse = work.resolve("keyless-dsse.sigstore.json");
        Path dsseV1 = work.resolve("keyless-dsse-rekor-v1.sigstore.json");
        Path v1Only = stack.rekorV1OnlySigningConfig(work.resolve("signing-config-rekor-v1.json"));
        List<List<String>> commands = List.of(
                List.of("sign", "--bundle", message.toString()),
                List.of("attest", "--type", "https://example.com/test-result/v1", "--predicate", predicate.toString(),
                        "--bundle", dsse.toString()),
                List.of("attest", "--type", "https://example.com/test-result/v1", "--predicate", predicate.toString(),
                        "--bundle", dsseV1.toString()));
        List<Path> configs = List.of(stack.signingConfig, stack.signingConfig, v1Only);
        for (int i = 0; i < commands.size(); i++) {
            List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
            command.addAll(commands.get(i));
            command.addAll(stack.keylessFlags(configs.get(i)));
            command.add(artifact.toString());
            PackagedCli run = PackagedCli.run(180, env, command);
            assertThat(run.exitCode()).as(run.output()).isZero();
        }
        seeds.add(new Seed("stack/keyless-message-rekor-v1", Files.readAllBytes(message), artifact, stack.trustedRoot, null,
                STACK_IDENTITY, stack.issuer, false));
        seeds.add(new Seed("stack/keyless-dsse-rekor-v2-tsa", Files.readAllBytes(dsse), artifact, stack.trustedRoot, null,
                STACK_IDENTITY, stack.issuer, false));
        KeylessRekorApisIT.assertRekorV1DsseEntry(JsonCodec.readTree(Files.readAllBytes(dsseV1), "bundle"));
        seeds.add(new Seed("stack/keyless-dsse-rekor-v1", Files.readAllBytes(dsseV1), artifact, stack.trustedRoot, null,
                STACK_IDENTITY, stack.issuer, false));
        return seeds;
    }

    // ---- the two verifiers ----

    private static final Map<Path, BundleVerifier> VERIFIERS = new HashMap<>();
    private static final Map<Seed, VerificationPolicy> POLICIES = new HashMap<>();

    /** Provenant's library, as `provenant verify` calls it, with the policy sigstore-js is given. */
    static Verdict provenant(Seed seed, byte[] bytes) {
        try {
            BundleVerifier verifier = VERIFIERS.get(seed.trustedRoot());
            if (verifier == null) {
                verifier = new BundleVerifier(TrustedRoot.parse(Files.readAllBytes(seed.trustedRoot())));
                VERIFIERS.put(seed.trustedRoot(), verifier);
            }
            VerificationPolicy policy = POLICIES.get(seed);
            if (policy == null) {
                // sigstore-js's default thresholds ask for a log entry; --allow-no-tlog matches a policy that does not
                policy = seed.key() != null
                        ? new VerificationPolicy(new SignerTrust.Key(PemPublicKeys.parse(Files.readString(seed.key()))), !seed.allowNoTlog(),
                                Optional.empty())
                        : new VerificationPolicy(new SignerTrust.Identity(IdentityPolicy.exact(seed.identity(), seed.issuer())), true,
                                Optional.empty());
                POLICIES.put(seed, policy);
            }
            verifier.verify(Bundle.parse(bytes), List.of(new Artifact.FileArtifact(seed.artifact())), policy);
            return Verdict.accept();
        } catch (FormatException e) {
            return new Verdict(false, "bundle-format: " + e.getMessage());
        } catch (VerificationException e) {
            return new Verdict(false, e.check().name() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            // not a verdict: a crash on this input, reported as such
            return new Verdict(false, "ERROR " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    static ObjectNode request(Seed seed, byte[] bytes) {
        ObjectNode r = JsonCodec.mapper().createObjectNode();
        r.put("bundleBase64", Base64.getEncoder().encodeToString(bytes));
        r.put("artifact", seed.artifact().toString());
        r.put("trustedRoot", seed.trustedRoot().toString());
        if (seed.key() != null) {
            r.put("key", seed.key().toString());
        } else {
            r.put("identity", seed.identity());
            r.put("issuer", seed.issuer());
        }
        r.put("allowNoTlog", seed.allowNoTlog());
        return r;
    }

    // ---- the report ----

    private static String describe(Case c) {
        return "case " + c.index() + " " + c.seed().name() + " " + c.mutant().steps() + ": sigstore-js " + c.js().code() + " "
                + c.js().error();
    }

    private static String check(Verdict v) {
        int colon = v.reason().indexOf(':');
        return colon < 0 ? v.reason() : v.reason().substring(0, colon);
    }

    /** The mutants Provenant accepts and sigstore-js rejects, to reproduce by hand. */
    private static void writeCases(List<Case> failures) throws IOException {
        Files.createDirectories(CASES_DIR);
        try (Stream<Path> old = Files.list(CASES_DIR)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (Case c : failures.stream().limit(50).toList()) {
            Files.write(CASES_DIR.resolve("case-" + c.index() + ".sigstore.json"), c.mutant().bytes());
        }
    }

    private static String report(int seedCount, List<Seed> usable, List<String> notes, List<String> originalDifferences,
            List<Case> cases, List<Case> failures, List<Case> allowed, List<Case> pending, long provenantNanos, long jsNanos, long slowest,
            String slowestCase, long totalNanos) {
        long bothAccept = cases.stream().filter(c -> c.provenant().ok() && c.js().ok()).count();
        long bothReject = cases.stream().filter(c -> !c.provenant().ok() && !c.js().ok()).count();
        List<Case> stricter = cases.stream().filter(c -> !c.provenant().ok() && c.js().ok()).toList();
        long errors = cases.stream().filter(c -> c.provenant().reason().startsWith("ERROR")).count();
        StringBuilder r = new StringBuilder();
        r.append("Differential run: Provenant's verifier against sigstore-js (@sigstore/verify 3.1.1)\n");
        r.append(String.format("cases %d (seed %d) from %d usable seeds of %d; %.1f s in all, Provenant %.1f s, sigstore-js %.1f s%n",
                cases.size(), SEED, usable.size(), seedCount, totalNanos / 1e9, provenantNanos / 1e9, jsNanos / 1e9));
        r.append(String.format("both accept:                              %5d%n", bothAccept));
        r.append(String.format("both reject:                              %5d%n", bothReject));
        r.append(String.format("Provenant rejects, sigstore-js accepts:   %5d  (Provenant is stricter; listed below)%n", stricter.size()));
        r.append(String.format("Provenant accepts, sigstore-js rejects:   %5d  (%d failed, %d allowed, %d open with a fix under way)%n",
                failures.size() + allowed.size() + pending.size(), failures.size(), allowed.size(), pending.size()));
        r.append(String.format("Provenant threw instead of a verdict:     %5d%n", errors));
        r.append(String.format("slowest Provenant verification: %.1f ms, %s%n", slowest / 1e6, slowestCase));
        r.append("\n## Seeds\n");
        usable.forEach(s -> r.append("  ").append(s.name()).append('\n'));
        notes.forEach(n -> r.append("  ").append(n).append('\n'));
        originalDifferences.forEach(n -> r.append("  UNMUTATED, Provenant accepts and sigstore-js rejects: ").append(n).append('\n'));

        r.append("\n## Provenant accepts, sigstore-js rejects\n");
        if (failures.isEmpty() && allowed.isEmpty() && pending.isEmpty()) {
            r.append("  none\n");
        }
        failures.forEach(c -> r.append("  FAIL ").append(describe(c)).append('\n'));
        for (List<Allowed> list : List.of(ALLOWED, PENDING_FIX)) {
            for (Allowed a : list) {
                List<Case> matched = (list == ALLOWED ? allowed : pending).stream().filter(c -> excuse(c, list).orElseThrow() == a).toList();
                r.append(String.format("  %s, %d cases: %s%n", list == ALLOWED ? "allowed" : "OPEN (fix under way)", matched.size(), a.why()));
                if (matched.isEmpty() && list == PENDING_FIX) {
                    r.append("         this entry matched nothing: its fix has landed, remove it from DifferentialIT.PENDING_FIX\n");
                }
                group(matched, c -> c.mutant().kind()).forEach((k, v) -> r.append(String.format("    %5d  %s%n", v.size(), k)));
            }
        }

        r.append("\n## Provenant rejects, sigstore-js accepts: by the check Provenant names\n");
        group(stricter, c -> check(c.provenant())).forEach((k, v) -> r.append(String.format("  %5d  %s%n", v.size(), k)));
        r.append("\n## Provenant rejects, sigstore-js accepts: by mutation and check (count, mutation, check, one example)\n");
        Map<String, List<Case>> byKind = group(stricter, c -> c.mutant().kind() + "  =>  " + check(c.provenant()));
        List<Map.Entry<String, List<Case>>> sorted = byKind.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Case>> e) -> -e.getValue().size()).thenComparing(Map.Entry::getKey))
                .toList();
        if (sorted.size() > 80) {
            r.append(String.format("  (the 80 largest of %d groups; %d cases are in the others)%n", sorted.size(),
                    sorted.subList(80, sorted.size()).stream().mapToInt(e -> e.getValue().size()).sum()));
            sorted = sorted.subList(0, 80);
        }
        sorted.forEach(e -> {
                    Case c = e.getValue().get(0);
                    r.append(String.format("  %5d  %s%n         e.g. case %d %s: %s%n", e.getValue().size(), e.getKey(), c.index(),
                            c.seed().name(), oneLine(c.provenant().reason())));
                });

        if (errors > 0) {
            r.append("\n## Provenant threw instead of a verdict\n");
            cases.stream().filter(c -> c.provenant().reason().startsWith("ERROR")).forEach(c -> r.append("  case ").append(c.index())
                    .append(' ').append(c.seed().name()).append(' ').append(c.mutant().steps()).append(": ")
                    .append(oneLine(c.provenant().reason())).append('\n'));
        }

        r.append("\n## All cases by first mutation: cases, both reject, Provenant stricter\n");
        Map<String, List<Case>> byOperator = group(cases, c -> c.mutant().steps().get(0).split(" ")[0]);
        byOperator.forEach((k, v) -> r.append(String.format("  %-22s %5d %5d %5d%n", k, v.size(),
                v.stream().filter(c -> !c.provenant().ok() && !c.js().ok()).count(),
                v.stream().filter(c -> !c.provenant().ok() && c.js().ok()).count())));
        return r.toString();
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("[\\p{Cntrl}]", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static <K extends Comparable<K>> Map<K, List<Case>> group(List<Case> cases, java.util.function.Function<Case, K> key) {
        Map<K, List<Case>> groups = new TreeMap<>();
        for (Case c : cases) {
            groups.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }
}
