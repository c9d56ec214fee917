package dev.provenant.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import dev.provenant.attest.json.Rfc3339Time;
import dev.provenant.attest.FormatException;
import dev.provenant.supplychain.Coordinates;
import dev.provenant.supplychain.catalog.CatalogCheck;
import dev.provenant.supplychain.catalog.OsvDatabase;
import dev.provenant.supplychain.catalog.SignedCatalog;
import dev.provenant.verifier.Artifact;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.sandbox.SandboxEvidence;
import dev.provenant.verifier.check.VerificationException;
import dev.provenant.verifier.VerificationPolicy;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.identity.CertificateIdentity;
import dev.provenant.verifier.provenance.Provenance;
import dev.provenant.verifier.provenance.ProvenanceReader;
import dev.provenant.verifier.provenance.ProvenanceVerifier;
import dev.provenant.verifier.vsa.VsaClaims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether artifacts may enter a stage of a {@link PromotionPolicy}: every bundle is verified
 * with the library's {@link BundleVerifier} against the stage's trusted signers, and every rule of the
 * stage is evaluated on the evidence that verified. The verdict lists every rule with its result and
 * a reason; it passes only when all rules pass. Nothing is trusted before its signature verified: a
 * statement is only read from a bundle that verified.
 *
 * <p>Artifacts are hashed once (SHA-256) and matched by that digest, so statement subjects need a
 * {@code sha256} digest, as every SLSA generator writes.
 */
public final class PromotionGate {
    /** Evidence dated further than this in the future is refused: clocks differ, but not by hours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final BundleVerifier verifier;
    private final ArtifactDigester digester;
    private final Clock clock;
    private final ProvenanceReader provenanceReader = new ProvenanceReader();
    private final ProvenanceVerifier provenanceVerifier = new ProvenanceVerifier();

    /**
     * @param verifier verifies each bundle; its trusted root is needed only for keyless signers and
     *     bundles with log entries or timestamps
     * @param clock the time evidence age is measured at and the VSA records
     */
    public PromotionGate(BundleVerifier verifier, ArtifactDigester digester, Clock clock) {
        this(verifier, digester, clock, BaseImageCheck.NONE, List.of());
    }

    /**
     * @param baseImages checks a base image's signature in its registry, for the stages' base-image rules
     * @param givenBaseImages base images given beside the provenance ({@code promote --base-image}), checked
     *     by every base-image rule as those the provenance names are
     */
    public PromotionGate(BundleVerifier verifier, ArtifactDigester digester, Clock clock, BaseImageCheck baseImages,
            List<String> givenBaseImages) {
        this.verifier = verifier;
        this.digester = digester;
        this.clock = clock;
        this.baseImageCheck = baseImages;
        this.givenBaseImages = givenBaseImages.stream().map(BaseImage::given).toList();
    }

    /** The most base images one rule checks: each costs registry round trips. */
    static final int MAX_BASE_IMAGES = 64;

    private final BaseImageCheck baseImageCheck;
    private final List<BaseImage> givenBaseImages;

    /** One bundle that verified with one trusted signer. */
    private record Verified(EvidenceBundle bundle, TrustedSigner signer, VerificationResult result) {
        Statement statement() {
            return result.statement().orElseThrow();
        }

        /** Who actually signed: the key, or the certified identity. Distinct signers are counted by this. */
        String actualSigner() {
            return result.identity().map(c -> identityOf(c.identity())).orElse("key sha256:" + result.keyFingerprint());
        }
    }

    private static String identityOf(CertificateIdentity identity) {
        return identity.san().map(s -> s.value()).orElse("?") + " from " + identity.issuer().orElse("?");
    }

    /**
     * Evaluates every rule of {@code stageName} on the bundles and artifacts.
     *
     * @param bundles the evidence presented: attestations, and earlier stages' VSAs
     * @param artifacts the artifacts to promote, files or SHA-256 digests
     * @throws IllegalArgumentException when the stage is not in the policy, or no artifact is given
     * @throws IOException when an artifact cannot be read
     */
    public PromotionVerdict evaluate(PromotionPolicy policy, String stageName, List<EvidenceBundle> bundles, List<Artifact> artifacts)
            throws IOException {
        Stage stage = policy.stage(stageName).orElseThrow(() -> new IllegalArgumentException(
                "the policy has no stage '" + stageName + "' (stages: " + String.join(", ", policy.stageNames()) + ")"));
        if (artifacts.isEmpty()) {
            throw new IllegalArgumentException("at least one artifact is needed");
        }
        Instant now = clock.instant();
        List<ResourceDescriptor> subjects = new ArrayList<>();
        List<Artifact> digests = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            Digest sha256 = sha256(artifact);
            subjects.add(ResourceDescriptor.of(subjectName(artifact), sha256));
            digests.add(new Artifact.DigestArtifact(sha256));
        }
        List<RuleResult> rules = new ArrayList<>();
        Set<EvidenceBundle> used = new LinkedHashSet<>();
        if (stage.requiredVsaFrom().isPresent()) {
            rules.add(previousStageVsa(policy, stage, bundles, digests, now, used));
        }
        for (EvidenceRequirement requirement : stage.evidence()) {
            evaluate(stage, requirement, bundles, digests, now, rules, used);
        }
        return new PromotionVerdict(policy, stage, now, subjects, rules, List.copyOf(used));
    }

    private Digest sha256(Artifact artifact) throws IOException {
        if (artifact instanceof Artifact.DigestArtifact d) {
            if (d.digest().algorithm() != DigestAlgorithm.SHA256) {
                throw new IllegalArgumentException("give artifacts as files or sha256 digests, not " + d.digest().algorithm().intotoName());
            }
            return d.digest();
        }
        return digester.digest(((Artifact.FileArtifact) artifact).path(), DigestAlgorithm.SHA256);
    }

    private static String subjectName(Artifact artifact) {
        if (artifact instanceof Artifact.FileArtifact f) {
            Path name = f.path().getFileName();
            return name == null ? f.path().toString() : name.toString();
        }
        return artifact.name();
    }

    private void evaluate(Stage stage, EvidenceRequirement requirement, List<EvidenceBundle> bundles, List<Artifact> artifacts,
            Instant now, List<RuleResult> rules, Set<EvidenceBundle> used) throws IOException {
        String prefix = requirement.name() + ".";
        Map<EvidenceBundle, String> rejected = new LinkedHashMap<>();
        List<Verified> verified = new ArrayList<>();
        for (EvidenceBundle bundle : bundles) {
            verifyWithAny(bundle, requirement.signers(), artifacts, rejected).ifPresent(verified::add);
        }
        List<Verified> typed = verified.stream().filter(v -> v.statement().predicateType().equals(requirement.predicateType())).toList();

        // signers: k of n distinct trusted signers over attestations of the required type
        String signersRule = prefix + "signers";
        String typeRule = prefix + "predicate-type";
        if (verified.isEmpty()) {
            rules.add(RuleResult.fail(signersRule, "0 of " + requirement.threshold() + " required signer(s): no bundle verified over the"
                    + " artifacts with any of " + names(requirement.signers()) + rejections(rejected)));
            rules.add(RuleResult.skipped(typeRule, "no attestation verified to check the type of"));
        } else if (typed.isEmpty()) {
            rules.add(RuleResult.skipped(signersRule, "no attestation of type " + requirement.predicateType() + " to count signers of"));
            Set<String> found = new LinkedHashSet<>();
            verified.forEach(v -> found.add(v.statement().predicateType()));
            rules.add(RuleResult.fail(typeRule, "no verified attestation has predicate type " + requirement.predicateType()
                    + " (verified: " + String.join(", ", found) + ")"));
        } else {
            Map<String, String> distinct = new LinkedHashMap<>();
            typed.forEach(v -> distinct.putIfAbsent(v.actualSigner(), v.signer().name()));
            String which = String.join(", ", distinct.values());
            if (distinct.size() >= requirement.threshold()) {
                rules.add(RuleResult.pass(signersRule, distinct.size() + " of " + requirement.threshold() + " required distinct signer(s) ("
                        + which + ")"));
            } else {
                rules.add(RuleResult.fail(signersRule, "only " + distinct.size() + " of " + requirement.threshold()
                        + " required distinct signer(s) signed (" + which + ")" + rejections(rejected)));
            }
            rules.add(RuleResult.pass(typeRule, typed.size() + " verified attestation(s) of type " + requirement.predicateType()));
            typed.forEach(v -> used.add(v.bundle()));
        }

        Optional<Duration> maxAge = requirement.maxAge().or(stage::maxAge);
        maxAge.ifPresent(limit -> rules.add(typed.isEmpty()
                ? RuleResult.skipped(prefix + "max-age", "no attestation of the required type to date")
                : maxAge(prefix + "max-age", typed, limit, now)));
        requirement.provenance().ifPresent(rule -> {
            rules.add(typed.isEmpty() ? RuleResult.skipped(prefix + "provenance", "no provenance verified")
                    : provenance(prefix + "provenance", typed, rule));
            rule.refPattern().ifPresent(pattern -> rules.add(typed.isEmpty()
                    ? RuleResult.skipped(prefix + "ref-pattern", "no provenance verified")
                    : refPattern(prefix + "ref-pattern", typed, pattern)));
        });
        requirement.sandbox().ifPresent(rule -> rules.add(typed.isEmpty()
                ? RuleResult.skipped(prefix + "sandbox", "no link attestation verified")
                : sandbox(prefix + "sandbox", typed, rule)));
        requirement.dependencies().ifPresent(rule -> {
            if (typed.isEmpty()) {
                if (rule.requireDigest()) {
                    rules.add(RuleResult.skipped(prefix + "dependencies.pinned", "no provenance verified"));
                }
                rules.add(RuleResult.skipped(prefix + "dependencies.catalog", "no provenance verified"));
                if (rule.catalogFile().isPresent()) {
                    rules.add(RuleResult.skipped(prefix + "dependencies.approved", "no provenance verified"));
                }
            } else {
                dependencies(prefix + "dependencies", typed, rule, rules);
            }
        });
        if (requirement.baseImages().isPresent()) {
            rules.add(typed.isEmpty() ? RuleResult.skipped(prefix + "base-images", "no provenance verified")
                    : baseImages(prefix + "base-images", typed, requirement.baseImages().get()));
        }
    }

    /** The first trusted signer the bundle verifies with; otherwise why it did not, in {@code rejected}. */
    private Optional<Verified> verifyWithAny(EvidenceBundle bundle, List<TrustedSigner> signers, List<Artifact> artifacts,
            Map<EvidenceBundle, String> rejected) {
        if (bundle.bundle().dsseEnvelope() == null) {
            rejected.put(bundle, "a message signature, not an attestation");
            return Optional.empty();
        }
        String reason = null;
        for (TrustedSigner signer : signers) {
            try {
                VerificationResult result = verifier.verify(bundle.bundle(), artifacts, new VerificationPolicy(signer.trust(), false,
                        Optional.empty()));
                return Optional.of(new Verified(bundle, signer, result));
            } catch (VerificationException e) {
                // A key offered for a keyless bundle (or the reverse) says less than a signature that failed.
                if (reason == null || (e.check() != Check.KEY && reason.startsWith(Check.KEY.label()))) {
                    reason = e.toString();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // artifacts are digests here: nothing is read
            }
        }
        rejected.put(bundle, reason);
        return Optional.empty();
    }

    private static String rejections(Map<EvidenceBundle, String> rejected) {
        if (rejected.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        rejected.forEach((b, why) -> parts.add(b.uri() + ": " + why));
        return "; rejected " + String.join("; ", parts);
    }

    private static String names(List<TrustedSigner> signers) {
        return String.join(", ", signers.stream().map(TrustedSigner::name).toList());
    }

    // ---- max-age

    /** When the evidence was signed: a verified log or timestamp time, else the time its signed predicate states. */
    private static Optional<Map.Entry<Instant, String>> evidenceTime(VerificationResult result) {
        Optional<Instant> witnessed = result.tlogEntries().stream().map(VerificationResult.VerifiedLogEntry::integratedTime)
                .filter(t -> t != null).min(Instant::compareTo);
        Optional<Instant> stamped = result.timestamps().stream().map(VerificationResult.VerifiedTime::time).min(Instant::compareTo);
        if (witnessed.isPresent() || stamped.isPresent()) {
            Instant t = witnessed.isPresent() && (stamped.isEmpty() || witnessed.get().isBefore(stamped.get())) ? witnessed.get() : stamped.get();
            return Optional.of(Map.entry(t, "verified log/timestamp time"));
        }
        JsonNode predicate = result.statement().orElseThrow().predicate();
        String[][] fields = {
            {"runDetails", "metadata", "finishedOn"}, {"runDetails", "metadata", "startedOn"},
            {"metadata", "buildFinishedOn"}, {"metadata", "buildStartedOn"}, {"timeVerified"}};
        for (String[] field : fields) {
            JsonNode node = predicate;
            for (String part : field) {
                node = node.path(part);
            }
            if (node.isTextual()) {
                try {
                    return Optional.of(Map.entry(Rfc3339Time.parse(node.asText()), "signed " + String.join(".", field)));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static RuleResult maxAge(String rule, List<Verified> typed, Duration limit, Instant now) {
        List<String> ages = new ArrayList<>();
        for (Verified v : typed) {
            Optional<Map.Entry<Instant, String>> time = evidenceTime(v.result());
            if (time.isEmpty()) {
                return RuleResult.fail(rule, v.bundle().uri() + " states no time (no log entry, timestamp or signed build time) to"
                        + " measure its age against " + Durations.format(limit));
            }
            Instant t = time.get().getKey();
            if (t.isAfter(now.plus(CLOCK_SKEW))) {
                return RuleResult.fail(rule, v.bundle().uri() + " is dated " + t + " (" + time.get().getValue() + "), in the future");
            }
            Duration age = Duration.between(t, now);
            if (age.compareTo(limit) > 0) {
                return RuleResult.fail(rule, v.bundle().uri() + " is " + Durations.format(age) + " old (" + time.get().getValue() + " "
                        + t + "), more than the " + Durations.format(limit) + " allowed");
            }
            ages.add(v.bundle().uri() + " " + Durations.format(age.isNegative() ? Duration.ZERO : age));
        }
        return RuleResult.pass(rule, "within " + Durations.format(limit) + " (" + String.join(", ", ages) + ")");
    }

    // ---- provenance

    private RuleResult provenance(String rule, List<Verified> typed, ProvenanceRule expected) {
        List<String> checked = new ArrayList<>();
        for (Verified v : typed) {
            try {
                checked.addAll(provenanceVerifier.verify(v.result(), expected.expectations()).checked());
            } catch (VerificationException e) {
                return RuleResult.fail(rule, v.bundle().uri() + ": " + e);
            }
        }
        return RuleResult.pass(rule, String.join(", ", new LinkedHashSet<>(checked)));
    }

    /**
     * Every verified link attestation must record the sandbox the rule requires; so must every verified SLSA v1
     * provenance, in {@code internalParameters["provenant.dev/sandbox"]}, with a run that exited 0.
     */
    private static RuleResult sandbox(String rule, List<Verified> typed, SandboxRule expected) {
        List<String> steps = new ArrayList<>();
        for (Verified v : typed) {
            var predicate = v.result().statement().map(st -> st.predicate()).orElse(null);
            boolean provenance = v.result().statement().map(st -> ProvenanceReader.V1.equals(st.predicateType())).orElse(false);
            Optional<String> shortfall;
            String step;
            String which;
            if (provenance) {
                shortfall = SandboxEvidence.provenanceShortfall(predicate, expected.networkOff(), expected.profileDigest());
                Optional<String> recorded = SandboxEvidence.fromProvenance(predicate).map(r -> r.path("step").asText("?"));
                step = recorded.orElse("?") + " (provenance)";
                which = recorded.map(n -> "the provenance of step " + n).orElse("the provenance");
            } else {
                var environment = predicate == null ? null : predicate.get("environment");
                shortfall = SandboxEvidence.shortfall(environment, expected.networkOff(), expected.profileDigest());
                step = predicate == null ? "?" : predicate.path("name").asText("?");
                which = "step " + step;
            }
            if (shortfall.isPresent()) {
                return RuleResult.fail(rule, v.bundle().uri() + ": " + which + " " + shortfall.get());
            }
            steps.add(step);
        }
        return RuleResult.pass(rule, "step(s) " + String.join(", ", new LinkedHashSet<>(steps)) + " ran sandboxed"
                + (expected.networkOff() ? " with the network off" : "")
                + expected.profileDigest().map(d -> " in profile " + d).orElse(""));
    }

    private RuleResult refPattern(String rule, List<Verified> typed, java.util.regex.Pattern pattern) {
        Set<String> refs = new LinkedHashSet<>();
        for (Verified v : typed) {
            Provenance p;
            try {
                p = provenanceReader.read(v.statement());
            } catch (VerificationException e) {
                return RuleResult.fail(rule, v.bundle().uri() + ": " + e);
            }
            if (p.ref().isEmpty()) {
                return RuleResult.fail(rule, v.bundle().uri() + " states no git ref, expected one matching /" + pattern.pattern() + "/");
            }
            if (!pattern.matcher(p.ref().get()).matches()) {
                return RuleResult.fail(rule, v.bundle().uri() + " built ref " + p.ref().get() + ", which does not match /"
                        + pattern.pattern() + "/");
            }
            refs.add(p.ref().get());
        }
        return RuleResult.pass(rule, "ref " + String.join(", ", refs) + " matches /" + pattern.pattern() + "/");
    }

    // ---- dependencies

    private void dependencies(String prefix, List<Verified> typed, DependencyRule rule, List<RuleResult> rules) {
        List<ResourceDescriptor> all = new ArrayList<>();
        for (Verified v : typed) {
            Statement statement = v.statement();
            JsonNode list = ProvenanceReader.V02.equals(statement.predicateType()) ? statement.predicate().path("materials")
                    : statement.predicate().path("buildDefinition").path("resolvedDependencies");
            for (JsonNode node : list) {
                try {
                    all.add(dev.provenant.attest.json.JsonCodec.mapper().treeToValue(node, ResourceDescriptor.class));
                } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                    String why = "a resolved dependency in " + v.bundle().uri() + " is malformed";
                    if (rule.requireDigest()) {
                        rules.add(RuleResult.fail(prefix + ".pinned", why));
                    }
                    rules.add(RuleResult.fail(prefix + ".catalog", why));
                    return;
                }
            }
        }
        if (rule.requireDigest()) {
            List<String> unpinned = all.stream().filter(d -> d.digest().isEmpty()).map(PromotionGate::describe).toList();
            rules.add(unpinned.isEmpty()
                    ? RuleResult.pass(prefix + ".pinned", all.isEmpty() ? "no resolved dependencies recorded"
                            : "all " + all.size() + " resolved dependencies are pinned by a digest")
                    : RuleResult.fail(prefix + ".pinned", unpinned.size() + " of " + all.size()
                            + " resolved dependencies are not pinned by a digest: " + firstFew(unpinned)));
        }
        List<String> problems = new ArrayList<>();
        for (ResourceDescriptor d : all) {
            Optional<CatalogEntry> denied = rule.deny().stream().filter(e -> e.matches(d)).findFirst();
            if (denied.isPresent()) {
                problems.add(describe(d) + " is denied (" + denied.get().describe() + "): " + denied.get().reason());
            } else if (!rule.allow().isEmpty() && rule.allow().stream().noneMatch(e -> e.matches(d))) {
                problems.add(describe(d) + " is not in the allow-list catalog");
            }
        }
        rules.add(problems.isEmpty()
                ? RuleResult.pass(prefix + ".catalog", all.size() + " resolved dependencies checked: none denied"
                        + (rule.allow().isEmpty() ? "" : ", all allowed"))
                : RuleResult.fail(prefix + ".catalog", firstFew(problems)));
        rule.catalogFile().ifPresent(file -> rules.add(approved(prefix + ".approved", all, file)));
    }

    /**
     * The signed catalog's judgement of every Maven dependency ({@code pkg:maven/} URIs): the catalog is used only once
     * its bundle verified under the stage's catalog signer; each dependency must be approved at its version, not
     * deprecated and not affected by an OSV record. Other dependencies (git and the like) are counted, not judged.
     */
    private RuleResult approved(String name, List<ResourceDescriptor> all, CatalogFile file) {
        SignedCatalog signed;
        try {
            signed = SignedCatalog.read(file.path(), verifier, new VerificationPolicy(file.signer().trust(), false, Optional.empty()));
        } catch (VerificationException e) {
            return RuleResult.fail(name, "catalog refused: " + e.check().label() + ": " + e.getMessage());
        } catch (FormatException e) {
            return RuleResult.fail(name, "catalog unusable: " + e.getMessage());
        } catch (IOException e) {
            return RuleResult.fail(name, "cannot read the catalog " + file.path() + " or its bundle: " + e.getMessage());
        }
        Map<ResourceDescriptor, Coordinates> maven = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ResourceDescriptor d : all) {
            if (d.uri() != null && d.uri().startsWith("pkg:maven/")) {
                Optional<Coordinates> c = mavenCoordinates(d.uri());
                if (c.isEmpty()) {
                    problems.add(describe(d) + " is not a pkg:maven/GROUP/ARTIFACT@VERSION package URL");
                } else {
                    maven.put(d, c.get());
                }
            }
        }
        OsvDatabase osv = OsvDatabase.empty();
        if (file.osv().isPresent()) {
            Set<String> packages = new java.util.TreeSet<>();
            maven.values().forEach(c -> packages.add(c.groupId() + ":" + c.artifactId()));
            try {
                osv = OsvDatabase.read(file.osv().get(), packages);
            } catch (FormatException e) {
                return RuleResult.fail(name, "OSV records unusable: " + e.getMessage());
            } catch (IOException e) {
                return RuleResult.fail(name, "cannot read the OSV records " + file.osv().get() + ": " + e.getMessage());
            }
        }
        CatalogCheck check = new CatalogCheck(signed.catalog(), osv);
        for (Coordinates c : maven.values()) {
            check.checkCoordinates(c).forEach(f -> problems.add(f.describe()));
        }
        int others = all.size() - maven.size();
        String catalog = "catalog " + file.path().getFileName() + " (sha256:" + signed.sha256() + ")";
        return problems.isEmpty()
                ? RuleResult.pass(name, maven.size() + " Maven dependencies approved by " + catalog
                        + (others == 0 ? "" : "; " + others + " other dependencies are not the catalog's to judge"))
                : RuleResult.fail(name, firstFew(problems));
    }

    /** {@code pkg:maven/GROUP/ARTIFACT@VERSION[?QUALIFIERS][#SUBPATH]}, percent-decoded. */
    static Optional<Coordinates> mavenCoordinates(String purl) {
        String rest = purl.substring("pkg:maven/".length());
        int end = rest.length();
        for (char c : new char[] {'?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        rest = rest.substring(0, end);
        int at = rest.lastIndexOf('@');
        int slash = rest.indexOf('/');
        if (at < 0 || slash <= 0 || slash > at || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        try {
            String group = decode(rest.substring(0, slash));
            String artifact = decode(rest.substring(slash + 1, at));
            String version = decode(rest.substring(at + 1));
            if (group.isEmpty() || artifact.isEmpty() || version.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Coordinates(group, artifact, version, "", "jar"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String decode(String part) {
        return part.indexOf('%') < 0 ? part
                : java.net.URLDecoder.decode(part.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- base images

    /** Every base image the verified provenance names, and those given, pinned and signed by one of the rule's signers. */
    private RuleResult baseImages(String rule, List<Verified> typed, BaseImageRule expected) throws IOException {
        Map<String, BaseImage> images = new LinkedHashMap<>();
        for (Verified v : typed) {
            Statement statement = v.statement();
            JsonNode list = ProvenanceReader.V02.equals(statement.predicateType()) ? statement.predicate().path("materials")
                    : statement.predicate().path("buildDefinition").path("resolvedDependencies");
            for (JsonNode node : list) {
                ResourceDescriptor d;
                try {
                    d = dev.provenant.attest.json.JsonCodec.mapper().treeToValue(node, ResourceDescriptor.class);
                } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                    return RuleResult.fail(rule, "a resolved dependency in " + v.bundle().uri() + " is malformed");
                }
                BaseImage.of(d).ifPresent(image -> images.putIfAbsent(image.name(), image));
            }
        }
        givenBaseImages.forEach(image -> images.putIfAbsent(image.name(), image));
        if (images.isEmpty()) {
            return RuleResult.pass(rule, "no base image named in the verified provenance or given");
        }
        if (images.size() > MAX_BASE_IMAGES) {
            return RuleResult.fail(rule, images.size() + " base images named, more than the " + MAX_BASE_IMAGES + " checked");
        }
        List<String> problems = new ArrayList<>();
        List<String> signed = new ArrayList<>();
        for (BaseImage image : images.values()) {
            if (image.problem().isPresent()) {
                problems.add(image.name() + ": " + image.problem().get());
                continue;
            }
            BaseImageCheck.Outcome outcome = baseImageCheck.check(image.repository(), image.digest().orElseThrow(), expected.signers());
            if (outcome.signer().isPresent()) {
                signed.add(image.name() + " (" + outcome.signer().get() + ")");
            } else {
                problems.add(image.name() + ": not signed by " + names(expected.signers()) + ": " + outcome.reason());
            }
        }
        return problems.isEmpty()
                ? RuleResult.pass(rule, images.size() + " base image(s) pinned and signed: " + firstFew(signed))
                : RuleResult.fail(rule, firstFew(problems));
    }

    private static String describe(ResourceDescriptor d) {
        String what = d.uri() != null ? d.uri() : d.name() != null ? d.name() : "(unnamed)";
        return d.name() != null && d.uri() != null ? d.name() + " (" + d.uri() + ")" : what;
    }

    private static String firstFew(List<String> items) {
        return items.size() <= 3 ? String.join("; ", items)
                : String.join("; ", items.subList(0, 3)) + "; and " + (items.size() - 3) + " more";
    }

    // ---- previous stage's VSA

    private RuleResult previousStageVsa(PromotionPolicy policy, Stage stage, List<EvidenceBundle> bundles, List<Artifact> artifacts,
            Instant now, Set<EvidenceBundle> used) {
        String rule = "previous-stage-vsa";
        String from = stage.requiredVsaFrom().orElseThrow();
        Stage previous = policy.stage(from).orElseThrow();
        SignerTrust gateTrust = previous.gate().orElseThrow();
        String gateName = gateTrust instanceof SignerTrust.Identity ? "gate identity" : "gate key";
        TrustedSigner gate = new TrustedSigner("stage " + from + " " + gateName, gateTrust);
        Map<EvidenceBundle, String> rejected = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        for (EvidenceBundle bundle : bundles) {
            Optional<Verified> v = verifyWithAny(bundle, List.of(gate), artifacts, rejected);
            if (v.isEmpty()) {
                continue;
            }
            Optional<String> problem = vsaProblem(policy, previous, stage, v.get(), now);
            if (problem.isEmpty()) {
                used.add(bundle);
                return RuleResult.pass(rule, bundle.uri() + " is a PASSED VSA of stage " + from + " over the artifacts, signed by its " + gateName);
            }
            refused.add(bundle.uri() + ": " + problem.get());
        }
        if (!refused.isEmpty()) {
            return RuleResult.fail(rule, "no acceptable VSA of stage " + from + ": " + String.join("; ", refused));
        }
        return RuleResult.fail(rule, "no VSA of stage " + from + " over the artifacts verified with its " + gateName
                + rejections(rejected));
    }

    private static Optional<String> vsaProblem(PromotionPolicy policy, Stage previous, Stage stage, Verified v, Instant now) {
        Statement statement = v.statement();
        if (!VerificationSummary.PREDICATE_TYPE.equals(statement.predicateType())) {
            return Optional.of("predicate type is " + statement.predicateType() + ", not " + VerificationSummary.PREDICATE_TYPE);
        }
        VsaClaims claims;
        try {
            claims = VsaClaims.of(statement.predicate());
        } catch (VerificationException e) {
            return Optional.of(e.getMessage());
        }
        if (!"PASSED".equals(claims.result())) {
            return Optional.of("verificationResult is " + orNone(claims.result()) + ", not PASSED");
        }
        String expectedPolicy = VerificationSummary.policyUri(policy, previous);
        if (!expectedPolicy.equals(claims.policyUri())) {
            return Optional.of("policy.uri is " + orNone(claims.policyUri()) + ", expected " + expectedPolicy);
        }
        if (!policy.verifierId().equals(claims.verifierId())) {
            return Optional.of("verifier.id is " + orNone(claims.verifierId()) + ", expected " + policy.verifierId());
        }
        // a gate's VSA must carry each level the previous stage records, exactly: unlike verify-vsa, a higher level
        // of the same track does not stand in for it, because the gate itself wrote the levels it now reads back
        Set<String> levels = new LinkedHashSet<>(claims.levels());
        for (String level : previous.verifiedLevels()) {
            if (!levels.contains(level)) {
                return Optional.of("verifiedLevels lacks " + level);
            }
        }
        Instant verified;
        try {
            verified = Rfc3339Time.parse(claims.timeVerified());
        } catch (IllegalArgumentException e) {
            return Optional.of("timeVerified is not an RFC 3339 time");
        }
        if (verified.isAfter(now.plus(CLOCK_SKEW))) {
            return Optional.of("timeVerified " + verified + " is in the future");
        }
        if (stage.maxAge().isPresent() && Duration.between(verified, now).compareTo(stage.maxAge().get()) > 0) {
            return Optional.of("verified " + Durations.format(Duration.between(verified, now)) + " ago, more than the "
                    + Durations.format(stage.maxAge().get()) + " allowed");
        }
        return Optional.empty();
    }

    private static String orNone(String value) {
        return value.isEmpty() ? "(none)" : value;
    }
}
