package dev.provenant.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.provenant.attest.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Deterministic mutations of a Sigstore bundle, for differential testing: the same original and seed
 * always give the same mutant. Structural mutations work on the JSON tree (remove, duplicate, swap or
 * retype fields and array elements, change numbers, flip bits inside base64 values, swap log ids,
 * duplicate log entries and timestamps, splice parts of other bundles in, repeat a key, mutate the JSON
 * inside a base64 value); byte-wise mutations flip, insert, delete, repeat or cut bytes of the document.
 * A case applies one to three of them.
 */
final class BundleMutator {
    /** A mutated bundle and what was done to it, e.g. {@code base64-bit-flip /messageSignature/signature}. */
    record Mutant(byte[] bytes, List<String> steps) {
        /**
         * What was done, without the details: each step's operator and where (array indices as {@code *},
         * or for a byte-wise step the member it landed after), for grouping in a report.
         */
        String kind() {
            List<String> kinds = new ArrayList<>();
            for (String step : steps) {
                String[] words = step.split(" ");
                String where = words.length > 1 && words[1].startsWith("/") ? " " + words[1].replaceAll("/\\d+(?=/|$)", "/*") : "";
                java.util.regex.Matcher after = Pattern.compile("\\(after (\\w+)\\)").matcher(step);
                if (where.isEmpty() && after.find()) {
                    where = " after " + after.group(1);
                }
                kinds.add(words[0] + where);
            }
            return String.join(" + ", kinds);
        }
    }

    enum Operator {
        REMOVE_FIELD("remove-field"),
        REMOVE_ELEMENT("remove-element"),
        DUPLICATE_ELEMENT("duplicate-element"),
        SWAP_ELEMENTS("swap-elements"),
        SWAP_FIELDS("swap-fields"),
        CHANGE_TYPE("change-type"),
        NUMBER("number"),
        STRING("string"),
        BASE64_BIT_FLIP("base64-bit-flip"),
        BASE64_LENGTH("base64-length"),
        BASE64_ENCODING("base64-encoding"),
        SWAP_LOG_ID("swap-log-id"),
        DUPLICATE_TLOG_ENTRY("duplicate-tlog-entry"),
        DUPLICATE_TIMESTAMP("duplicate-timestamp"),
        SPLICE("splice"),
        DUPLICATE_KEY("duplicate-key"),
        INNER_JSON("inner-json"),
        BYTE_FLIP("byte-flip"),
        BYTE_INSERT("byte-insert"),
        BYTE_DELETE("byte-delete"),
        BYTE_REPEAT("byte-repeat"),
        TRUNCATE("truncate");

        final String label;

        Operator(String label) {
            this.label = label;
        }

        boolean byteWise() {
            return ordinal() >= BYTE_FLIP.ordinal();
        }
    }

    /** Relative weights: structural mutations most of the time, byte-wise ones about one case in five. */
    private static final Map<Operator, Integer> WEIGHTS = Map.ofEntries(
            Map.entry(Operator.REMOVE_FIELD, 8), Map.entry(Operator.REMOVE_ELEMENT, 4), Map.entry(Operator.DUPLICATE_ELEMENT, 5),
            Map.entry(Operator.SWAP_ELEMENTS, 3), Map.entry(Operator.SWAP_FIELDS, 4), Map.entry(Operator.CHANGE_TYPE, 7),
            Map.entry(Operator.NUMBER, 8), Map.entry(Operator.STRING, 5), Map.entry(Operator.BASE64_BIT_FLIP, 12),
            Map.entry(Operator.BASE64_LENGTH, 3), Map.entry(Operator.BASE64_ENCODING, 3), Map.entry(Operator.SWAP_LOG_ID, 3),
            Map.entry(Operator.DUPLICATE_TLOG_ENTRY, 3), Map.entry(Operator.DUPLICATE_TIMESTAMP, 2), Map.entry(Operator.SPLICE, 6),
            Map.entry(Operator.DUPLICATE_KEY, 4), Map.entry(Operator.INNER_JSON, 5), Map.entry(Operator.BYTE_FLIP, 7),
            Map.entry(Operator.BYTE_INSERT, 3), Map.entry(Operator.BYTE_DELETE, 3), Map.entry(Operator.BYTE_REPEAT, 2),
            Map.entry(Operator.TRUNCATE, 2));

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{4,}={0,2}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private final List<JsonNode> donors;
    private final List<String> logIds;

    /**
     * @param donors other bundles whose parts may be spliced in
     * @param logIds base64 log ids (of trusted roots and bundles) a log id may be swapped for
     */
    BundleMutator(List<JsonNode> donors, List<String> logIds) {
        this.donors = List.copyOf(donors);
        this.logIds = List.copyOf(logIds);
    }

    Mutant mutate(byte[] original, long seed) {
        Random random = new Random(seed);
        int count = random.nextInt(10) < 7 ? 1 : random.nextInt(10) < 7 ? 2 : 3;
        byte[] bytes = original;
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Operator op = pick(random);
            Mutated m = op.byteWise() ? null : structural(op, bytes, random);
            if (m == null) {
                // no place for it, or the document is no longer JSON: a byte-wise mutation instead
                m = byteWise(op.byteWise() ? op : Operator.BYTE_FLIP, bytes, random);
            }
            bytes = m.bytes;
            steps.add(m.step);
        }
        return new Mutant(bytes, steps);
    }

    private record Mutated(byte[] bytes, String step) {}

    /** Set by a mutation that must write the document itself (a repeated key cannot live in a tree). */
    private byte[] written;

    private static Operator pick(Random random) {
        int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
        int r = random.nextInt(total);
        for (Operator op : Operator.values()) {
            r -= WEIGHTS.get(op);
            if (r < 0) {
                return op;
            }
        }
        throw new AssertionError();
    }

    /** A place in the tree: the container holding the node and the field or index it is under. */
    private record Location(ContainerNode<?> parent, String field, int index, String path, JsonNode node) {
        void replace(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static List<Location> locations(JsonNode root) {
        List<Location> all = new ArrayList<>();
        walk(root, "", all);
        return all;
    }

    private static void walk(JsonNode node, String path, List<Location> out) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "/" + e.getKey();
                out.add(new Location(o, e.getKey(), -1, p, e.getValue()));
                walk(e.getValue(), p, out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String p = path + "/" + i;
                out.add(new Location(a, null, i, p, a.get(i)));
                walk(a.get(i), p, out);
            }
        }
    }

    private static boolean isBase64(JsonNode n) {
        return n.isTextual() && n.asText().length() % 4 == 0 && BASE64.matcher(n.asText()).matches() && !INTEGER.matcher(n.asText()).matches();
    }

    private static boolean isInteger(JsonNode n) {
        return n.isIntegralNumber() || n.isTextual() && INTEGER.matcher(n.asText()).matches();
    }

    private static <T> T any(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    /** Applies a structural mutation; null when the bundle has no place for it (or is not JSON any more). */
    private Mutated structural(Operator op, byte[] bytes, Random random) {
        JsonNode root;
        try {
            root = JsonCodec.mapper().readTree(bytes);
        } catch (IOException e) {
            return null;
        }
        if (!(root instanceof ObjectNode object)) {
            return null;
        }
        written = null;
        String step = apply(op, object, locations(object), random);
        if (step == null) {
            return null;
        }
        byte[] out = written != null ? written : JsonCodec.write(object);
        written = null;
        return new Mutated(out, step);
    }

    private String apply(Operator op, ObjectNode root, List<Location> all, Random random) {
        if (all.isEmpty()) {
            return null;
        }
        String name = op.label + " ";
        switch (op) {
            case REMOVE_FIELD -> {
                List<Location> fields = all.stream().filter(l -> l.field != null).toList();
                Location l = any(fields, random);
                ((ObjectNode) l.parent).remove(l.field);
                return name + l.path;
            }
            case REMOVE_ELEMENT -> {
                List<Location> elements = all.stream().filter(l -> l.field == null).toList();
                if (elements.isEmpty()) {
                    return null;
                }
                Location l = any(elements, random);
                ((ArrayNode) l.parent).remove(l.index);
                return name + l.path;
            }
            case DUPLICATE_ELEMENT -> {
                List<Location> elements = all.stream().filter(l -> l.field == null).toList();
                if (elements.isEmpty()) {
                    return null;
                }
                Location l = any(elements, random);
                ArrayNode a = (ArrayNode) l.parent;
                a.insert(random.nextInt(a.size() + 1), l.node.deepCopy());
                return name + l.path;
            }
            case SWAP_ELEMENTS -> {
                List<Location> elements = all.stream().filter(l -> l.field == null && l.parent.size() > 1).toList();
                if (elements.isEmpty()) {
                    return null;
                }
                Location l = any(elements, random);
                ArrayNode a = (ArrayNode) l.parent;
                int other = (l.index + 1 + random.nextInt(a.size() - 1)) % a.size();
                JsonNode x = a.get(l.index);
                a.set(l.index, a.get(other));
                a.set(other, x);
                return name + l.path + " <-> " + other;
            }
            case SWAP_FIELDS -> {
                List<Location> fields = all.stream().filter(l -> l.field != null && l.parent.size() > 1).toList();
                if (fields.isEmpty()) {
                    return null;
                }
                Location l = any(fields, random);
                ObjectNode o = (ObjectNode) l.parent;
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                names.remove(l.field);
                String other = any(names, random);
                JsonNode x = o.get(l.field);
                o.set(l.field, o.get(other));
                o.set(other, x);
                return name + l.path + " <-> " + other;
            }
            case CHANGE_TYPE -> {
                Location l = any(all, random);
                JsonNodeFactory f = JsonNodeFactory.instance;
                JsonNode[] choices = {f.nullNode(), f.booleanNode(true), f.numberNode(0), f.numberNode(-1), f.textNode(""),
                    f.textNode("x"), f.objectNode(), f.arrayNode(), f.arrayNode().add(l.node.deepCopy()),
                    l.node.isValueNode() ? f.textNode(l.node.asText()) : f.textNode(JsonCodec.writeString(l.node)),
                    l.node.isTextual() && INTEGER.matcher(l.node.asText()).matches() ? f.numberNode(new BigInteger(l.node.asText()))
                            : f.numberNode(1.5)};
                int c = random.nextInt(choices.length);
                l.replace(choices[c]);
                return name + l.path + " -> " + describe(choices[c]);
            }
            case NUMBER -> {
                List<Location> numbers = all.stream().filter(l -> isInteger(l.node)).toList();
                if (numbers.isEmpty()) {
                    return null;
                }
                Location l = any(numbers, random);
                BigInteger n = new BigInteger(l.node.asText());
                String[] choices = {n.add(BigInteger.ONE).toString(), n.subtract(BigInteger.ONE).toString(), "0", "-1",
                    n.negate().toString(), n.shiftLeft(1).toString(), "9223372036854775807", "9223372036854775808",
                    "18446744073709551616", "-9223372036854775808", "1e3", "01", " " + n, n + ".0", "4294967296",
                    n.add(BigInteger.valueOf(4294967296L)).toString()};
                String v = choices[random.nextInt(choices.length)];
                l.replace(l.node.isTextual() || !INTEGER.matcher(v).matches() ? TextNode.valueOf(v)
                        : JsonNodeFactory.instance.numberNode(new BigInteger(v)));
                return name + l.path + " -> " + v;
            }
            case STRING -> {
                List<Location> strings = all.stream().filter(l -> l.node.isTextual()).toList();
                if (strings.isEmpty()) {
                    return null;
                }
                Location l = any(strings, random);
                String s = l.node.asText();
                String[] choices = {s + "x", s.isEmpty() ? "x" : s.substring(1), s.toUpperCase(), s.toLowerCase(), s + "\u0000",
                    s + "\n", " " + s, s.replace("0.3", "0.2"), s.replace("v0.3", "v0.1"), s.replace("0.0.1", "0.0.2"),
                    s.replace("0.0.2", "0.0.1"), s.replace('1', '2'), s.replaceFirst("\n[^\n]*\n", "\n"), s + s};
                String v = choices[random.nextInt(choices.length)];
                l.replace(TextNode.valueOf(v));
                return name + l.path + " -> " + (v.equals(s) ? "(same)" : describe(TextNode.valueOf(v)));
            }
            case BASE64_BIT_FLIP, BASE64_LENGTH, BASE64_ENCODING -> {
                List<Location> b64 = all.stream().filter(l -> isBase64(l.node)).toList();
                if (b64.isEmpty()) {
                    return null;
                }
                Location l = any(b64, random);
                byte[] raw = Base64.getDecoder().decode(l.node.asText());
                String v;
                String what;
                if (op == Operator.BASE64_BIT_FLIP) {
                    int bit = random.nextInt(raw.length * 8);
                    raw[bit / 8] ^= (byte) (1 << (bit % 8));
                    v = Base64.getEncoder().encodeToString(raw);
                    what = "bit " + bit;
                } else if (op == Operator.BASE64_LENGTH) {
                    int r = random.nextInt(4);
                    byte[] changed = switch (r) {
                        case 0 -> java.util.Arrays.copyOf(raw, raw.length - 1);
                        case 1 -> java.util.Arrays.copyOf(raw, raw.length + 1);
                        case 2 -> new byte[0];
                        default -> java.util.Arrays.copyOfRange(raw, 1, raw.length);
                    };
                    v = Base64.getEncoder().encodeToString(changed);
                    what = new String[] {"last byte dropped", "zero byte appended", "emptied", "first byte dropped"}[r];
                } else {
                    int r = random.nextInt(4);
                    String s = l.node.asText();
                    v = switch (r) {
                        case 0 -> Base64.getUrlEncoder().encodeToString(raw);
                        case 1 -> s.replace("=", "");
                        case 2 -> s.substring(0, s.length() / 2) + "\n" + s.substring(s.length() / 2);
                        default -> s + "====";
                    };
                    what = new String[] {"url-safe alphabet", "padding removed", "newline inside", "extra padding"}[r];
                }
                l.replace(TextNode.valueOf(v));
                return op.label + " " + l.path + " (" + what + ")";
            }
            case SWAP_LOG_ID -> {
                List<Location> ids = all.stream().filter(l -> l.path.endsWith("/logId/keyId") || l.path.endsWith("/checkpointKeyId/keyId"))
                        .toList();
                if (ids.isEmpty() || logIds.isEmpty()) {
                    return null;
                }
                Location l = any(ids, random);
                String v = any(logIds, random);
                l.replace(TextNode.valueOf(v));
                return name + l.path + (v.equals(l.node.asText()) ? " (same)" : "");
            }
            case DUPLICATE_TLOG_ENTRY, DUPLICATE_TIMESTAMP -> {
                String field = op == Operator.DUPLICATE_TLOG_ENTRY ? "tlogEntries" : "rfc3161Timestamps";
                JsonNode material = root.path("verificationMaterial");
                JsonNode list = op == Operator.DUPLICATE_TLOG_ENTRY ? material.path(field) : material.path("timestampVerificationData").path(field);
                if (!(list instanceof ArrayNode a) || a.isEmpty()) {
                    return null;
                }
                int i = random.nextInt(a.size());
                a.add(a.get(i).deepCopy());
                return name + i;
            }
            case SPLICE -> {
                if (donors.isEmpty()) {
                    return null;
                }
                JsonNode donor = any(donors, random);
                List<Location> theirs = locations(donor);
                List<Location> candidates = new ArrayList<>();
                for (Location mine : all) {
                    if (mine.field != null && theirs.stream().anyMatch(t -> t.path.equals(mine.path) && !t.node.equals(mine.node))) {
                        candidates.add(mine);
                    }
                }
                if (candidates.isEmpty()) {
                    return null;
                }
                Location l = any(candidates, random);
                JsonNode value = theirs.stream().filter(t -> t.path.equals(l.path)).findFirst().orElseThrow().node.deepCopy();
                l.replace(value);
                return name + l.path;
            }
            case DUPLICATE_KEY -> {
                List<Location> fields = all.stream().filter(l -> l.field != null).toList();
                Location l = any(fields, random);
                // The repeated key carries another value of the tree (or the same one), before or after the original.
                JsonNode other = random.nextBoolean() ? l.node : any(all, random).node;
                boolean before = random.nextBoolean();
                written = writeWithDuplicate(root, (ObjectNode) l.parent, l.field, other, before);
                return name + l.path + (before ? " (repeat first)" : " (repeat last)") + (other == l.node ? " same value" : "");
            }
            case INNER_JSON -> {
                List<Location> inner = new ArrayList<>();
                for (Location l : all) {
                    if (isBase64(l.node)) {
                        byte[] raw = Base64.getDecoder().decode(l.node.asText());
                        if (raw.length > 1 && raw[0] == '{') {
                            inner.add(l);
                        }
                    }
                }
                if (inner.isEmpty()) {
                    return null;
                }
                Location l = any(inner, random);
                JsonNode innerRoot;
                try {
                    innerRoot = JsonCodec.mapper().readTree(Base64.getDecoder().decode(l.node.asText()));
                } catch (IOException e) {
                    return null;
                }
                if (!(innerRoot instanceof ObjectNode innerObject)) {
                    return null;
                }
                Operator[] innerOps = {Operator.REMOVE_FIELD, Operator.CHANGE_TYPE, Operator.NUMBER, Operator.STRING,
                    Operator.BASE64_BIT_FLIP, Operator.DUPLICATE_ELEMENT, Operator.SWAP_FIELDS};
                String innerStep = apply(innerOps[random.nextInt(innerOps.length)], innerObject, locations(innerObject), random);
                if (innerStep == null) {
                    return null;
                }
                byte[] innerBytes = JsonCodec.write(innerObject);
                l.replace(TextNode.valueOf(Base64.getEncoder().encodeToString(innerBytes)));
                return name + l.path + " { " + innerStep + " }";
            }
            default -> throw new IllegalArgumentException(op.toString());
        }
    }

    private static String describe(JsonNode value) {
        String s = JsonCodec.writeString(value);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** The tree as JSON with {@code field} of {@code target} written twice. */
    private static byte[] writeWithDuplicate(JsonNode root, ObjectNode target, String field, JsonNode other, boolean before) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonCodec.mapper().getFactory().createGenerator(out)) {
            write(g, root, target, field, other, before);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, JsonNode node, ObjectNode target, String field, JsonNode other, boolean before)
            throws IOException {
        if (node instanceof ObjectNode o) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean repeat = o == target && e.getKey().equals(field);
                if (repeat && before) {
                    g.writeFieldName(field);
                    g.writeTree(other);
                }
                g.writeFieldName(e.getKey());
                write(g, e.getValue(), target, field, other, before);
                if (repeat && !before) {
                    g.writeFieldName(field);
                    g.writeTree(other);
                }
            }
            g.writeEndObject();
        } else if (node instanceof ArrayNode a) {
            g.writeStartArray();
            for (JsonNode element : a) {
                write(g, element, target, field, other, before);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }

    private static Mutated byteWise(Operator op, byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return new Mutated(new byte[] {'{'}, "byte-insert @0");
        }
        int at = random.nextInt(bytes.length);
        byte[] out;
        String step;
        switch (op) {
            case BYTE_FLIP -> {
                out = bytes.clone();
                int bit = random.nextInt(8);
                out[at] ^= (byte) (1 << bit);
                step = "byte-flip @" + at + " bit " + bit + " (" + context(bytes, at) + ")";
            }
            case BYTE_INSERT -> {
                byte[] choices = {'"', '{', '}', '[', ']', ',', ':', '0', '\\', ' ', 0, (byte) 0xff, (byte) 0xc3, 'A'};
                byte b = choices[random.nextInt(choices.length)];
                out = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
                step = "byte-insert @" + at + " 0x" + Integer.toHexString(b & 0xff) + " (" + context(bytes, at) + ")";
            }
            case BYTE_DELETE -> {
                int n = Math.min(1 + random.nextInt(4), bytes.length - at);
                out = new byte[bytes.length - n];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(bytes, at + n, out, at, bytes.length - at - n);
                step = "byte-delete @" + at + " x" + n + " (" + context(bytes, at) + ")";
            }
            case BYTE_REPEAT -> {
                int n = Math.min(1 + random.nextInt(64), bytes.length - at);
                out = new byte[bytes.length + n];
                System.arraycopy(bytes, 0, out, 0, at + n);
                System.arraycopy(bytes, at, out, at + n, bytes.length - at);
                step = "byte-repeat @" + at + " x" + n + " (" + context(bytes, at) + ")";
            }
            case TRUNCATE -> {
                out = java.util.Arrays.copyOf(bytes, at);
                step = "truncate @" + at;
            }
            default -> throw new IllegalArgumentException(op.toString());
        }
        return new Mutated(out, step);
    }

    /** The JSON key nearest before {@code at}, to say roughly where a byte-wise mutation landed. */
    private static String context(byte[] bytes, int at) {
        String before = new String(bytes, 0, at, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = Pattern.compile("\"([A-Za-z0-9]+)\"\\s*:").matcher(before);
        String key = "start";
        while (m.find()) {
            key = m.group(1);
        }
        return "after " + key;
    }
}
