package dev.provenant.supplychain.catalog;

import static dev.provenant.supplychain.json.Members.array;
import static dev.provenant.supplychain.json.Members.onlyMembers;
import static dev.provenant.supplychain.json.Members.optionalText;
import static dev.provenant.supplychain.json.Members.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependency catalog: the components a build may use (with their versions, origin repository and signer), the
 * licenses they may have, and the deprecated ones with their replacement. One JSON file, reviewed like code and
 * signed (see {@link SignedCatalog}); its schema is docs/catalog.schema.json:
 *
 * <pre>
 * {
 *   "catalogVersion": 1,
 *   "licenses": ["Apache-2.0", "MIT"],
 *   "licenseNames": {"Acme Corporate License": "LicenseRef-acme"},
 *   "components": [
 *     {"component": "com.google.guava:guava", "versions": ["[32.0,34)"], "repository": "central"},
 *     {"component": "dev.sigstore:*", "versions": ["1.3.0"], "signer": {"identity": "https://…", "issuer": "https://…"}},
 *     {"component": "com.acme:tool", "versions": ["[2,)"], "licenses": ["LicenseRef-acme"]}
 *   ],
 *   "deprecated": [
 *     {"component": "commons-lang:commons-lang", "replacement": "org.apache.commons:commons-lang3", "reason": "unmaintained"}
 *   ]
 * }
 * </pre>
 *
 * Reading is strict: an unknown member, a name given twice, a malformed version, range, pattern or license identifier
 * refuses the whole file.
 */
public final class DependencyCatalog {
    public static final int VERSION = 1;
    static final Set<String> TOP = Set.of("catalogVersion", "comment", "licenses", "licenseNames", "components", "deprecated");
    static final Set<String> COMPONENT = Set.of("component", "versions", "repository", "signer", "licenses", "comment");
    static final Set<String> SIGNER = Set.of("identity", "issuer");
    static final Set<String> DEPRECATION = Set.of("component", "versions", "replacement", "reason", "comment");

    private final SortedSet<String> licenses;
    private final Map<String, String> licenseNames;
    private final List<CatalogComponent> components;
    private final List<Deprecation> deprecations;

    public DependencyCatalog(Set<String> licenses, Map<String, String> licenseNames, List<CatalogComponent> components,
            List<Deprecation> deprecations) {
        this.licenses = Collections.unmodifiableSortedSet(new TreeSet<>(licenses));
        this.licenseNames = Collections.unmodifiableMap(new TreeMap<>(licenseNames));
        this.components = List.copyOf(components);
        this.deprecations = List.copyOf(deprecations);
    }

    /** The SPDX identifiers every component may have. */
    public SortedSet<String> licenses() {
        return licenses;
    }

    /** License names or URLs, as POMs write them, mapped to SPDX identifiers. */
    public Map<String, String> licenseNames() {
        return licenseNames;
    }

    public List<CatalogComponent> components() {
        return components;
    }

    public List<Deprecation> deprecations() {
        return deprecations;
    }

    /** Reads a catalog of at most {@link InputLimit#CATALOG}'s cap (unverified: see {@link SignedCatalog}). */
    public static DependencyCatalog read(Path file) throws IOException, FormatException {
        return parse(BoundedFile.read(file, InputLimit.CATALOG), file.toString());
    }

    /** Parses a catalog; {@code source} names it in messages. */
    public static DependencyCatalog parse(byte[] bytes, String source) throws FormatException {
        String what = "catalog " + source;
        JsonNode root = JsonCodec.readTreeUniqueNames(bytes, what);
        if (!root.isObject()) {
            throw new FormatException(what + " is not a JSON object");
        }
        onlyMembers(root, TOP, what);
        JsonNode version = root.get("catalogVersion");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw new FormatException(what + ": catalogVersion is " + version + ", this Provenant reads " + VERSION);
        }
        optionalText(root, "comment", what);
        SortedSet<String> licenses = licenseIds(root, "licenses", what, true);
        Map<String, String> names = new TreeMap<>();
        JsonNode n = root.get("licenseNames");
        if (n != null) {
            if (!n.isObject()) {
                throw new FormatException(what + ": licenseNames is not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().isBlank() || !e.getValue().isTextual() || !SpdxLicenses.looksLikeId(e.getValue().textValue())) {
                    throw new FormatException(what + ": licenseNames['" + e.getKey() + "'] is not an SPDX license identifier");
                }
                names.put(e.getKey(), e.getValue().textValue());
            }
        }
        List<CatalogComponent> components = new ArrayList<>();
        JsonNode list = array(root, "components", what, true);
        for (int i = 0; i < list.size(); i++) {
            components.add(component(list.get(i), what + ": components[" + i + "]", "components[" + i + "]"));
        }
        List<Deprecation> deprecations = new ArrayList<>();
        JsonNode deps = array(root, "deprecated", what, false);
        if (deps != null) {
            for (int i = 0; i < deps.size(); i++) {
                deprecations.add(deprecation(deps.get(i), what + ": deprecated[" + i + "]", "deprecated[" + i + "]"));
            }
        }
        return new DependencyCatalog(licenses, names, components, deprecations);
    }

    private static CatalogComponent component(JsonNode node, String where, String name) throws FormatException {
        if (!node.isObject()) {
            throw new FormatException(where + " is not an object");
        }
        onlyMembers(node, COMPONENT, where);
        optionalText(node, "comment", where);
        Optional<CatalogSigner> signer = Optional.empty();
        JsonNode s = node.get("signer");
        if (s != null) {
            if (!s.isObject()) {
                throw new FormatException(where + ": signer is not an object");
            }
            onlyMembers(s, SIGNER, where + ".signer");
            try {
                signer = Optional.of(new CatalogSigner(text(s, "identity", where + ".signer"), optionalText(s, "issuer", where + ".signer")));
            } catch (IllegalArgumentException e) {
                throw new FormatException(where + ".signer: " + e.getMessage());
            }
        }
        Optional<String> repository = optionalText(node, "repository", where);
        if (repository.isPresent() && repository.get().isBlank()) {
            throw new FormatException(where + ": repository is empty");
        }
        SortedSet<String> licenses = licenseIds(node, "licenses", where, false);
        try {
            return new CatalogComponent(name, ComponentPattern.parse(text(node, "component", where)), versions(node, where, true),
                    repository, signer, licenses);
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + ": " + e.getMessage());
        }
    }

    private static Deprecation deprecation(JsonNode node, String where, String name) throws FormatException {
        if (!node.isObject()) {
            throw new FormatException(where + " is not an object");
        }
        onlyMembers(node, DEPRECATION, where);
        optionalText(node, "comment", where);
        try {
            return new Deprecation(name, ComponentPattern.parse(text(node, "component", where)), versions(node, where, false),
                    text(node, "replacement", where), optionalText(node, "reason", where));
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + ": " + e.getMessage());
        }
    }

    private static List<VersionSpec> versions(JsonNode node, String where, boolean required) throws FormatException {
        JsonNode v = array(node, "versions", where, required);
        List<VersionSpec> specs = new ArrayList<>();
        if (v == null) {
            return specs;
        }
        if (v.isEmpty()) {
            throw new FormatException(where + ": versions is empty");
        }
        Set<String> seen = new TreeSet<>();
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new FormatException(where + ": versions holds a non-string");
            }
            if (!seen.add(s.textValue())) {
                throw new FormatException(where + ": versions names '" + s.textValue() + "' twice");
            }
            try {
                specs.add(VersionSpec.parse(s.textValue()));
            } catch (IllegalArgumentException e) {
                throw new FormatException(where + ": " + e.getMessage());
            }
        }
        return specs;
    }

    private static SortedSet<String> licenseIds(JsonNode node, String name, String where, boolean required) throws FormatException {
        JsonNode v = array(node, name, where, required);
        SortedSet<String> ids = new TreeSet<>();
        if (v == null) {
            return ids;
        }
        for (JsonNode s : v) {
            if (!s.isTextual() || !SpdxLicenses.looksLikeId(s.textValue())) {
                throw new FormatException(where + ": " + name + " holds " + s + ", not an SPDX license identifier");
            }
            if (!ids.add(s.textValue())) {
                throw new FormatException(where + ": " + name + " names '" + s.textValue() + "' twice");
            }
        }
        return ids;
    }
}
