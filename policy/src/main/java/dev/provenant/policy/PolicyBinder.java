package dev.provenant.policy;

import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.verifier.SignerTrust;
import dev.provenant.verifier.identity.IdentityPolicy;
import dev.provenant.intoto.link.LinkPredicate;
import dev.provenant.verifier.provenance.ProvenanceExpectations;
import dev.provenant.verifier.provenance.ProvenanceReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a policy tree that follows the schema into a {@link PromotionPolicy}, collecting every
 * semantic problem on the way (with its location) instead of stopping at the first.
 */
final class PolicyBinder {
    /** A PEM public key is well under a kilobyte; a key file is read no further than this. */
    static final int MAX_KEY_FILE = 1 << 16;

    private final PolicyDocument document;
    private final Path base;
    private final List<PolicyProblem> problems = new ArrayList<>();

    PolicyBinder(PolicyDocument document) {
        this.document = document;
        Path parent = document.file().toAbsolutePath().getParent();
        this.base = parent == null ? Path.of(".") : parent;
    }

    List<PolicyProblem> problems() {
        return List.copyOf(problems);
    }

    /** The policy, meaningful only when {@link #problems()} is empty. */
    PromotionPolicy bind() {
        JsonNode root = document.treeView();
        String uri = root.path("uri").asText(document.file().getFileName().toString());
        String verifierId = root.path("verifier-id").asText(PromotionPolicy.DEFAULT_VERIFIER_ID);
        JsonNode stageNodes = root.path("stages");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < stageNodes.size(); i++) {
            String name = stageNodes.get(i).path("name").asText();
            if (index.putIfAbsent(name, i) != null) {
                problem("$.stages[" + i + "].name", "stage '" + name + "' is defined twice (first as stages[" + index.get(name) + "])");
            }
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < stageNodes.size(); i++) {
            stages.add(stage(stageNodes, i, index));
        }
        return new PromotionPolicy(root.path("name").asText(), uri, document.digest(), verifierId, stages);
    }

    private Stage stage(JsonNode stageNodes, int i, Map<String, Integer> index) {
        JsonNode node = stageNodes.get(i);
        String path = "$.stages[" + i + "]";
        String name = node.path("name").asText();
        Optional<Duration> maxAge = duration(node, path);
        Optional<String> vsaFrom = Optional.empty();
        JsonNode requires = node.get("requires-previous-stage-vsa");
        String requiresPath = path + ".requires-previous-stage-vsa";
        if (requires != null && requires.isBoolean() && requires.asBoolean()) {
            if (i == 0) {
                problem(requiresPath, "stage '" + name + "' is the first stage: there is no previous stage whose VSA it could require");
            } else {
                vsaFrom = Optional.of(stageNodes.get(i - 1).path("name").asText());
            }
        } else if (requires != null && requires.isTextual()) {
            String wanted = requires.asText();
            Integer at = index.get(wanted);
            if (at == null) {
                problem(requiresPath, "unknown stage '" + wanted + "' (stages: " + String.join(", ", names(stageNodes)) + ")");
            } else if (at >= i) {
                problem(requiresPath, "stage '" + wanted + "' does not come before '" + name + "'; only an earlier stage's VSA can be required");
            } else {
                vsaFrom = Optional.of(wanted);
            }
        }
        if (vsaFrom.isPresent()) {
            JsonNode from = stageNodes.get(index.get(vsaFrom.get()));
            if (!from.has("gate-key") && !from.has("gate-identity")) {
                problem(requiresPath, "stage '" + vsaFrom.get() + "' declares no gate-key or gate-identity to verify its VSA with");
            }
        }
        Optional<SignerTrust> gate = Optional.empty();
        if (node.has("gate-key") && node.has("gate-identity")) {
            problem(path, "stage '" + name + "' declares both a gate-key and a gate-identity; its VSAs are signed by one gate");
        } else if (node.has("gate-key")) {
            gate = key(node.get("gate-key"), path + ".gate-key").map(SignerTrust.Key::new);
        } else if (node.has("gate-identity")) {
            JsonNode id = node.get("gate-identity");
            try {
                gate = Optional.of(new SignerTrust.Identity(IdentityPolicy.of(text(id, "subject"), text(id, "subject-regexp"),
                        text(id, "issuer"), text(id, "issuer-regexp"))));
            } catch (IllegalArgumentException e) {
                problem(path + ".gate-identity", "not a usable identity: " + oneLine(e.getMessage()));
            }
        }
        List<EvidenceRequirement> evidence = new ArrayList<>();
        Map<String, Integer> evidenceNames = new HashMap<>();
        JsonNode evidenceNodes = node.path("evidence");
        for (int e = 0; e < evidenceNodes.size(); e++) {
            String evidenceName = evidenceNodes.get(e).path("name").asText();
            if (evidenceNames.putIfAbsent(evidenceName, e) != null) {
                problem(path + ".evidence[" + e + "].name", "evidence '" + evidenceName + "' is defined twice in stage '" + name + "'");
            }
            evidence(evidenceNodes.get(e), path + ".evidence[" + e + "]").ifPresent(evidence::add);
        }
        if (evidence.isEmpty() && vsaFrom.isEmpty() && problems.isEmpty()) {
            problem(path, "stage '" + name + "' requires no evidence and no earlier stage's VSA: it would promote anything");
        }
        List<String> levels = new ArrayList<>();
        node.path("verified-levels").forEach(l -> levels.add(l.asText()));
        return new Stage(name, evidence, maxAge, vsaFrom, gate, levels, node.path("slsa-version").asText("1.0"));
    }

    private Optional<EvidenceRequirement> evidence(JsonNode node, String path) {
        String name = node.path("name").asText();
        String predicateType = node.path("predicate-type").asText();
        List<TrustedSigner> signers = new ArrayList<>();
        Map<String, String> fingerprints = new LinkedHashMap<>();
        JsonNode signerNodes = node.path("signers");
        boolean complete = true;
        for (int s = 0; s < signerNodes.size(); s++) {
            String signerPath = path + ".signers[" + s + "]";
            Optional<TrustedSigner> signer = signer(signerNodes.get(s), signerPath, s);
            if (signer.isEmpty()) {
                complete = false;
                continue;
            }
            if (signer.get().trust() instanceof SignerTrust.Key k) {
                String fingerprint = HexFormat.of().formatHex(PemPublicKeys.fingerprint(k.key()));
                String earlier = fingerprints.putIfAbsent(fingerprint, signerPath);
                if (earlier != null) {
                    problem(signerPath, "the same public key as " + earlier + "; a threshold counts distinct signers");
                    complete = false;
                }
            }
            signers.add(signer.get());
        }
        int threshold = node.path("threshold").asInt(1);
        if (threshold > signerNodes.size()) {
            problem(path + ".threshold", "threshold " + threshold + " is more than the " + signerNodes.size()
                    + " signer(s) listed: it can never be met");
            complete = false;
        }
        Optional<Duration> maxAge = duration(node, path);
        boolean provenanceType = ProvenanceReader.V1.equals(predicateType) || ProvenanceReader.V02.equals(predicateType);
        Optional<ProvenanceRule> provenance = Optional.empty();
        if (node.has("provenance")) {
            if (!provenanceType) {
                problem(path + ".provenance", "provenance rules need predicate-type " + ProvenanceReader.V1 + " (or v0.2), not " + predicateType);
            }
            provenance = provenance(node.get("provenance"), path + ".provenance");
        }
        Optional<DependencyRule> dependencies = Optional.empty();
        if (node.has("dependencies")) {
            if (!provenanceType) {
                problem(path + ".dependencies", "dependency rules need predicate-type " + ProvenanceReader.V1 + " (or v0.2), not "
                        + predicateType);
            }
            dependencies = Optional.of(dependencies(node.get("dependencies"), path + ".dependencies"));
        }
        Optional<SandboxRule> sandbox = Optional.empty();
        if (node.has("sandbox")) {
            if (!LinkPredicate.TYPE.equals(predicateType) && !ProvenanceReader.V1.equals(predicateType)) {
                problem(path + ".sandbox", "sandbox rules need predicate-type " + LinkPredicate.TYPE + " (a step's link) or "
                        + ProvenanceReader.V1 + " (provenance made with --sandbox-link), not " + predicateType);
            }
            JsonNode digest = node.get("sandbox").path("profile-digest");
            sandbox = Optional.of(new SandboxRule(!"any".equals(node.get("sandbox").path("network").asText("off")),
                    digest.isTextual() ? Optional.of(digest.textValue().toLowerCase(java.util.Locale.ROOT)) : Optional.empty()));
        }
        Optional<BaseImageRule> baseImages = Optional.empty();
        if (node.has("base-images")) {
            if (!provenanceType) {
                problem(path + ".base-images", "base-image rules need predicate-type " + ProvenanceReader.V1 + " (or v0.2), not "
                        + predicateType);
            }
            List<TrustedSigner> imageSigners = new ArrayList<>();
            JsonNode imageSignerNodes = node.get("base-images").path("signers");
            for (int s = 0; s < imageSignerNodes.size(); s++) {
                Optional<TrustedSigner> signer = signer(imageSignerNodes.get(s), path + ".base-images.signers[" + s + "]", s);
                if (signer.isEmpty()) {
                    complete = false;
                } else {
                    imageSigners.add(signer.get());
                }
            }
            if (imageSigners.isEmpty()) {
                if (complete) {
                    problem(path + ".base-images.signers", "name at least one signer whose signature a base image must carry");
                }
                complete = false;
            } else {
                baseImages = Optional.of(new BaseImageRule(imageSigners));
            }
        }
        if (!complete) {
            return Optional.empty();
        }
        return Optional.of(new EvidenceRequirement(name, predicateType, signers, threshold, maxAge, provenance, dependencies, sandbox,
                baseImages));
    }

    private Optional<TrustedSigner> signer(JsonNode node, String path, int position) {
        if (node.has("identity")) {
            JsonNode id = node.get("identity");
            try {
                IdentityPolicy identity = IdentityPolicy.of(text(id, "subject"), text(id, "subject-regexp"), text(id, "issuer"),
                        text(id, "issuer-regexp"));
                return Optional.of(new TrustedSigner(node.path("name").asText("identity " + identity.describe()),
                        new SignerTrust.Identity(identity)));
            } catch (IllegalArgumentException e) {
                problem(path + ".identity", "not a usable identity: " + oneLine(e.getMessage()));
                return Optional.empty();
            }
        }
        Optional<PublicKey> key = key(node, path);
        String name = node.path("name").asText(node.has("kms") ? node.get("kms").asText()
                : node.has("public-key") ? node.get("public-key").asText() : "signers[" + position + "]");
        return key.map(k -> new TrustedSigner(name, new SignerTrust.Key(k)));
    }

    /** The public key of a key signer: from its file (relative to the policy) or its inline PEM. */
    private Optional<PublicKey> key(JsonNode node, String path) {
        String pem;
        String where;
        if (node.has("public-key")) {
            where = path + ".public-key";
            Path file;
            try {
                file = base.resolve(node.get("public-key").asText());
            } catch (InvalidPathException e) {
                problem(where, "'" + oneLine(node.get("public-key").asText()) + "' is not a file path");
                return Optional.empty();
            }
            // read through the bounded reader: a device or a pipe has no size to check first
            try {
                pem = BoundedFile.readString(file, InputLimit.KEY, StandardCharsets.US_ASCII);
            } catch (InputTooLargeException e) {
                problem(where, file + " is too large to be a public key");
                return Optional.empty();
            } catch (IOException e) {
                problem(where, "cannot read public key file " + file + " (" + e.getClass().getSimpleName() + ")");
                return Optional.empty();
            }
        } else {
            where = path + ".pem";
            pem = node.path("pem").asText();
        }
        try {
            return Optional.of(PemPublicKeys.parse(pem));
        } catch (FormatException | RuntimeException e) {
            problem(where, "not a PEM public key: " + oneLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private Optional<ProvenanceRule> provenance(JsonNode node, String path) {
        ProvenanceExpectations expectations;
        try {
            expectations = ProvenanceExpectations.of(node.path("source-uri").asText(), text(node, "builder-id"), null,
                    text(node, "build-type"), Map.of());
        } catch (IllegalArgumentException e) {
            problem(path, oneLine(e.getMessage()));
            return Optional.empty();
        }
        Optional<Pattern> ref = pattern(node, "ref-pattern", path);
        if (node.has("ref-pattern") && ref.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProvenanceRule(expectations, ref));
    }

    private DependencyRule dependencies(JsonNode node, String path) {
        List<CatalogEntry> allow = new ArrayList<>();
        List<CatalogEntry> deny = new ArrayList<>();
        catalog(node.path("allow"), path + ".allow", allow);
        catalog(node.path("deny"), path + ".deny", deny);
        return new DependencyRule(node.path("require-digest").asBoolean(true), allow, deny,
                node.has("catalog-file") ? catalogFile(node.get("catalog-file"), path + ".catalog-file") : Optional.empty());
    }

    /** A stage's signed catalog: its file and OSV records relative to the policy, and who must have signed it. */
    private Optional<CatalogFile> catalogFile(JsonNode node, String path) {
        Optional<Path> file = relative(node, "path", path);
        Optional<Path> osv = node.has("osv") ? relative(node, "osv", path) : Optional.empty();
        Optional<TrustedSigner> signer = signer(node.path("signer"), path + ".signer", 0);
        if (file.isEmpty() || signer.isEmpty() || (node.has("osv") && osv.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new CatalogFile(file.get(), signer.get(), osv));
    }

    private Optional<Path> relative(JsonNode node, String field, String path) {
        try {
            return Optional.of(base.resolve(node.path(field).asText()));
        } catch (InvalidPathException e) {
            problem(path + "." + field, "'" + oneLine(node.path(field).asText()) + "' is not a file path");
            return Optional.empty();
        }
    }

    private void catalog(JsonNode entries, String path, List<CatalogEntry> out) {
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String entryPath = path + "[" + i + "]";
            Optional<Pattern> uri = pattern(entry, "uri-pattern", entryPath);
            if (entry.has("uri-pattern") && uri.isEmpty()) {
                continue;
            }
            out.add(new CatalogEntry(Optional.ofNullable(text(entry, "name")), uri, Optional.ofNullable(text(entry, "version")),
                    Optional.ofNullable(text(entry, "digest")), entry.path("reason").asText("")));
        }
    }

    private Optional<Pattern> pattern(JsonNode node, String field, String path) {
        String expression = text(node, field);
        if (expression == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(expression));
        } catch (PatternSyntaxException e) {
            problem(path + "." + field, "bad regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return Optional.empty();
        }
    }

    private Optional<Duration> duration(JsonNode node, String path) {
        String text = text(node, "max-age");
        if (text == null) {
            return Optional.empty();
        }
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                problem(path + ".max-age", "max-age must be positive, got " + text);
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (IllegalArgumentException e) {
            problem(path + ".max-age", oneLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private static List<String> names(JsonNode stageNodes) {
        List<String> names = new ArrayList<>();
        stageNodes.forEach(s -> names.add(s.path("name").asText()));
        return names;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private void problem(String path, String message) {
        problems.add(document.problem(path, message));
    }

    private static String oneLine(String message) {
        return message == null ? "invalid" : message.replace('\n', ' ').replace('\r', ' ');
    }
}
