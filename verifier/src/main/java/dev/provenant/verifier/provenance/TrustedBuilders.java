package dev.provenant.verifier.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The GitHub Actions workflows trusted to sign SLSA provenance without the user naming them, as
 * slsa-verifier trusts slsa-github-generator's: {@code generator} workflows sign provenance whose
 * {@code builder.id} is themselves, {@code delegator} workflows (BYOB) sign on behalf of a delegated
 * builder that {@code builder.id} names. Every entry is trusted only at a release tag
 * {@code refs/tags/vX.Y.Z}. The shipped list is {@link #builtIn()}; a user file (same format, see
 * docs/VERIFY.md) either extends it ({@code "mode": "extend"}) or replaces it ({@code "mode": "replace"}).
 *
 * @param version the format version, 1
 * @param revision the list's own revision, e.g. a date
 * @param builders the trusted workflows by name (URI without ref)
 */
public record TrustedBuilders(int version, String revision, Map<String, Builder> builders) {
    public static final int FORMAT_VERSION = 1;
    public static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    private static final String RESOURCE = "trusted-builders.json";
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "kind", "delegates", "description");
    private static final Set<String> TOP_FIELDS = Set.of("version", "revision", "mode", "builders", "description");

    public enum Kind { GENERATOR, DELEGATOR }

    /**
     * One trusted workflow.
     *
     * @param id {@code https://github.com/OWNER/REPO/.github/workflows/FILE}, without a ref
     * @param kind whether it signs for itself or for a delegated builder
     * @param delegates for delegators: the delegated builders (names without ref) trusted when the user
     *     does not name one with {@code --builder-id}
     */
    public record Builder(String id, Kind kind, List<String> delegates) {
        public Builder {
            delegates = List.copyOf(delegates);
        }
    }

    public TrustedBuilders {
        builders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builders));
    }

    /** The list shipped with Provenant. */
    public static TrustedBuilders builtIn() {
        try (InputStream in = TrustedBuilders.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the trusted-builders resource is missing");
            }
            return parse(in.readAllBytes(), "built-in trusted builders", Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * A user's trusted-builders file on top of {@code base}: its {@code mode} says whether it extends
     * {@code base} or replaces it.
     *
     * @throws FormatException when the file is not this format (unknown fields, a wrong version, a missing
     *     mode, an id that is not a GitHub workflow, an id given twice)
     */
    public static TrustedBuilders load(byte[] json, String what, TrustedBuilders base) throws FormatException {
        return parse(json, what, Optional.of(base));
    }

    private static TrustedBuilders parse(byte[] json, String what, Optional<TrustedBuilders> base) throws FormatException {
        JsonNode root = JsonCodec.readTreeUniqueNames(json, what);
        if (!root.isObject()) {
            throw new FormatException(what + ": not a JSON object");
        }
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_FIELDS.contains(name)) {
                throw new FormatException(what + ": unknown field " + name);
            }
        }
        if (!root.path("version").isInt() || root.path("version").asInt() != FORMAT_VERSION) {
            throw new FormatException(what + ": \"version\" must be " + FORMAT_VERSION);
        }
        String mode = root.path("mode").asText("");
        if (!mode.equals("extend") && !mode.equals("replace")) {
            throw new FormatException(what + ": \"mode\" must be \"extend\" or \"replace\"");
        }
        Map<String, Builder> builders = new LinkedHashMap<>();
        if (mode.equals("extend") && base.isPresent()) {
            builders.putAll(base.get().builders());
        }
        JsonNode list = root.path("builders");
        if (!list.isArray()) {
            throw new FormatException(what + ": \"builders\" must be an array");
        }
        for (JsonNode entry : list) {
            Builder b = entry(entry, what);
            if (builders.putIfAbsent(b.id(), b) != null) {
                throw new FormatException(what + ": builder " + b.id() + " is listed twice");
            }
        }
        String revision = root.path("revision").isTextual() ? root.path("revision").asText() : "";
        if (mode.equals("extend") && base.isPresent() && !base.get().revision().isEmpty()) {
            revision = base.get().revision() + "+" + (revision.isEmpty() ? "extended" : revision);
        }
        return new TrustedBuilders(FORMAT_VERSION, revision, builders);
    }

    private static Builder entry(JsonNode entry, String what) throws FormatException {
        if (!entry.isObject()) {
            throw new FormatException(what + ": each builder must be an object");
        }
        for (var names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ENTRY_FIELDS.contains(name)) {
                throw new FormatException(what + ": unknown builder field " + name);
            }
        }
        String id = workflowName(entry.path("id"), what, "id");
        Kind kind;
        switch (entry.path("kind").asText("")) {
            case "generator" -> kind = Kind.GENERATOR;
            case "delegator" -> kind = Kind.DELEGATOR;
            default -> throw new FormatException(what + ": builder " + id + ": \"kind\" must be \"generator\" or \"delegator\"");
        }
        List<String> delegates = new ArrayList<>();
        JsonNode d = entry.path("delegates");
        if (!d.isMissingNode()) {
            if (kind != Kind.DELEGATOR || !d.isArray()) {
                throw new FormatException(what + ": builder " + id + ": \"delegates\" is an array, for delegators only");
            }
            for (JsonNode n : d) {
                delegates.add(workflowName(n, what, "delegates"));
            }
        }
        return new Builder(id, kind, delegates);
    }

    private static String workflowName(JsonNode node, String what, String field) throws FormatException {
        String s = node.isTextual() ? node.asText() : "";
        if (!s.startsWith("https://github.com/") || s.contains("@") || !s.contains("/.github/workflows/")
                || s.chars().anyMatch(Character::isWhitespace)) {
            throw new FormatException(what + ": " + field + " '" + s + "' is not a GitHub workflow"
                    + " (https://github.com/OWNER/REPO/.github/workflows/FILE, without @REF)");
        }
        return s;
    }

    public Optional<Builder> find(String workflowName) {
        return Optional.ofNullable(builders.get(workflowName));
    }

    /** Whether {@code ref} is a release tag {@code refs/tags/vX.Y.Z}: no pre-release, no build metadata. */
    static boolean isReleaseTag(String ref) {
        return ref.matches("refs/tags/v(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)");
    }

    /**
     * The identity policy a bundle is verified with when the user names no signer: any workflow on
     * github.com, certified by GitHub Actions' issuer. Which workflows may sign is then decided on the
     * provenance by {@link ProvenanceVerifier#ProvenanceVerifier(TrustedBuilders)}.
     */
    public static dev.provenant.verifier.identity.IdentityPolicy githubSigners() {
        return dev.provenant.verifier.identity.IdentityPolicy.of(null, "https://github\\.com/[^@]+@.+", GITHUB_ISSUER, null);
    }

    /** For printing which list was used. */
    public String describe() {
        return "trusted builders v" + version + (revision.isEmpty() ? "" : " " + revision);
    }
}
