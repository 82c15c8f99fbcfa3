package io.opsledger.drift.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsledger.drift.tfstate.SensitiveValues;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares a resource's attributes as its Terraform state records them with the attributes AWS
 * reports now (NOTES.md, driftmgr section).
 *
 * <ul>
 *   <li>Only top-level attributes both sides have are compared: the AWS adapters read a subset
 *       of each resource's Terraform attributes, and a state may record a subset too (an imported
 *       resource, an older provider); an attribute one side does not know is not drift. Terraform
 *       writes every attribute of its schema (unset ones as null), so full states compare fully.</li>
 *   <li>Nested maps and lists of objects are flattened to dotted paths ({@code tags.Environment},
 *       {@code root_block_device.0.volume_size}); a list of scalars is compared as a set (Terraform
 *       keeps security group ids and the like as sets) and reported at its own path.</li>
 *   <li>Strings holding JSON (IAM and bucket policies) are compared structurally: key order,
 *       whitespace, a single value versus a one-element list and the order of scalar lists do not
 *       matter.</li>
 *   <li>Ignored: any path segment {@code id}, {@code arn}, {@code etag}, created/updated
 *       timestamps, and {@code tags_all} (Terraform's copy of {@code tags} with provider
 *       defaults). Ignored differences are counted, not reported.</li>
 *   <li>Values Terraform marks sensitive (masked in the state as {@link SensitiveValues#MASK}) are
 *       not compared: a drift would show them.</li>
 *   <li>Absent, null, "" and empty collections are the same value; numbers compare by value and
 *       compare equal to their text ({@code 20} and {@code "20"}), likewise booleans.</li>
 * </ul>
 */
public final class DriftComparator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(created?|creation|updated?|last_?modified|modified|last_updated|launch)(_?(at|time|date|timestamp|on))?");

    /** One attribute that differs. */
    public record AttributeDrift(String field, Object expected, Object actual, Severity severity) {}

    /** The drifts found (ordered by path) and how many differences the ignore list skipped. */
    public record Comparison(List<AttributeDrift> drifts, int ignored) {
        public boolean drifted() { return !drifts.isEmpty(); }
    }

    private DriftComparator() {}

    public static Comparison compare(Map<String, ?> expected, Map<String, ?> actual) {
        List<AttributeDrift> drifts = new ArrayList<>();
        int[] ignored = {0};
        Map<String, ?> state = expected == null ? Map.of() : expected;
        Map<String, ?> live = actual == null ? Map.of() : actual;
        for (String key : new TreeSet<>(live.keySet())) {
            if (state.containsKey(key)) {
                compareValue(key, state.get(key), live.get(key), drifts, ignored);
            }
        }
        return new Comparison(List.copyOf(drifts), ignored[0]);
    }

    /** Whether a difference at this path is never drift (NOTES.md's ignore list). */
    public static boolean ignoredPath(String path) {
        for (String segment : path.toLowerCase(Locale.ROOT).split("\\.")) {
            if (segment.equals("id") || segment.equals("arn") || segment.equals("etag") || segment.equals("tags_all")
                    || TIMESTAMP.matcher(segment).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The severity NOTES.md gives a drift at this path. */
    public static Severity severity(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (containsAny(p, "deletion_protection", "encrypt", "kms_key", "ssl", "https")) {
            return Severity.CRITICAL;
        }
        if (containsAny(p, "security_group", "subnet", "vpc", "network", "firewall", "iam", "role", "policy", "backup",
                "retention")) {
            return Severity.HIGH;
        }
        if (containsAny(p, "instance_type", "size", "capacity", "version", "engine")) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }

    private static boolean containsAny(String text, String... words) {
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static void compareValue(String path, Object expected, Object actual, List<AttributeDrift> drifts, int[] ignored) {
        if (SensitiveValues.MASK.equals(expected)) {
            return; // a value Terraform marks sensitive: comparing it would show it
        }
        expected = unwrapSingleBlock(expected, actual);
        actual = unwrapSingleBlock(actual, expected);
        if (expected instanceof Map<?, ?> || actual instanceof Map<?, ?>) {
            if (expected instanceof Map<?, ?> && actual instanceof Map<?, ?> || isEmpty(expected) || isEmpty(actual)) {
                Map<String, Object> e = expected instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                Map<String, Object> a = actual instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                TreeSet<String> keys = new TreeSet<>(e.keySet());
                keys.addAll(a.keySet());
                for (String k : keys) {
                    compareValue(path + "." + k, e.get(k), a.get(k), drifts, ignored);
                }
                return;
            }
        }
        if (expected instanceof List<?> el && actual instanceof List<?> al && (hasContainers(el) || hasContainers(al))) {
            int n = Math.max(el.size(), al.size());
            for (int i = 0; i < n; i++) {
                compareValue(path + "." + i, i < el.size() ? el.get(i) : null, i < al.size() ? al.get(i) : null, drifts, ignored);
            }
            return;
        }
        if (same(expected, actual)) {
            return;
        }
        if (ignoredPath(path)) {
            ignored[0]++;
            return;
        }
        drifts.add(new AttributeDrift(path, expected, actual, severity(path)));
    }

    /** Terraform keeps a nested block as a one-element list; AWS adapters may give the object itself. */
    private static Object unwrapSingleBlock(Object value, Object other) {
        if (value instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Map<?, ?> && other instanceof Map<?, ?>) {
            return list.get(0);
        }
        return value;
    }

    private static boolean hasContainers(List<?> list) {
        for (Object o : list) {
            if (o instanceof Map<?, ?> || o instanceof List<?>) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()
                || value instanceof List<?> l && l.isEmpty();
    }

    /** Equality as NOTES.md wants it: absent = empty, numbers by value, JSON documents structurally, scalar lists as sets. */
    static boolean same(Object expected, Object actual) {
        if (isEmpty(expected) && isEmpty(actual)) {
            return true;
        }
        if (isEmpty(expected) || isEmpty(actual)) {
            return false;
        }
        if (expected instanceof List<?> el && actual instanceof List<?> al) {
            return normalize(toNode(el)).equals(normalize(toNode(al)));
        }
        if (expected instanceof List<?> || actual instanceof List<?> || expected instanceof Map<?, ?> || actual instanceof Map<?, ?>) {
            return false;
        }
        String e = scalarText(expected);
        String a = scalarText(actual);
        if (e.equals(a)) {
            return true;
        }
        BigDecimal en = number(e);
        BigDecimal an = number(a);
        if (en != null && an != null) {
            return en.compareTo(an) == 0;
        }
        JsonNode ej = jsonDocument(e);
        JsonNode aj = jsonDocument(a);
        return ej != null && aj != null && normalize(ej).equals(normalize(aj));
    }

    private static String scalarText(Object value) {
        return value instanceof Boolean || value instanceof Number ? value.toString() : Objects.toString(value);
    }

    private static BigDecimal number(String text) {
        if (text.isEmpty() || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '-' && text.length() > 1)) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode jsonDocument(String text) {
        String t = text.trim();
        if (!(t.startsWith("{") && t.endsWith("}") || t.startsWith("[") && t.endsWith("]"))) {
            return null;
        }
        try {
            return JSON.readTree(t);
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode toNode(Object value) {
        return JSON.valueToTree(value);
    }

    /**
     * A canonical form: object keys sorted, one-element arrays as their element, arrays of scalars
     * sorted and deduplicated (IAM's "Action": "s3:GetObject" equals ["s3:GetObject"]), numbers and
     * booleans as text, strings holding JSON parsed.
     */
    static JsonNode normalize(JsonNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node == null || node.isNull()) {
            return f.nullNode();
        }
        if (node.isObject()) {
            ObjectNode sorted = f.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                sorted.set(name, normalize(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                items.add(normalize(it.next()));
            }
            if (items.size() == 1) {
                return items.get(0);
            }
            if (items.stream().allMatch(JsonNode::isValueNode)) {
                TreeSet<String> texts = new TreeSet<>();
                items.forEach(i -> texts.add(i.asText()));
                ArrayNode array = f.arrayNode();
                texts.forEach(array::add);
                return texts.size() == 1 ? f.textNode(texts.first()) : array;
            }
            ArrayNode array = f.arrayNode();
            items.forEach(array::add);
            return array;
        }
        if (node.isTextual()) {
            JsonNode inner = jsonDocument(node.asText());
            if (inner != null) {
                return normalize(inner);
            }
        }
        return f.textNode(node.asText());
    }

    /** The flattened form of nested attributes, as the drift paths name them. */
    public static Map<String, Object> flatten(Map<String, ?> attributes) {
        Map<String, Object> flat = new LinkedHashMap<>();
        attributes.forEach((k, v) -> flatten(k, v, flat));
        return flat;
    }

    private static void flatten(String path, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(path + "." + k, v, into));
        } else if (value instanceof List<?> list && hasContainers(list)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "." + i, list.get(i), into);
            }
        } else {
            into.put(path, value);
        }
    }
}
