package io.opsledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A request's parameters, from a JSON object, a form (urlencoded or multipart) or the query
 * string, read with DRF-style validation: problems are collected per field and raised together.
 */
public final class Fields {

    /** A dotted domain, or "localhost", which Django's EmailValidator allows too. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@([^@\\s]+\\.[^@\\s]+|(?i:localhost))$");
    private ObjectNode values;
    private Supplier<ObjectNode> source;
    private final boolean textMustBeText;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public Fields(ObjectNode values) {
        this(values, false);
    }

    private Fields(ObjectNode values, boolean textMustBeText) {
        this.values = values;
        this.textMustBeText = textMustBeText;
    }

    /**
     * Parameters read only when a handler first asks for one, so a handler that refuses the caller
     * first (401, 403) never reads the body.
     */
    static Fields lazy(Supplier<ObjectNode> source) {
        Fields fields = new Fields(null, false);
        fields.source = source;
        return fields;
    }

    private ObjectNode values() {
        if (values == null) {
            values = source.get();
            source = null;
        }
        return values;
    }

    /**
     * Parameters of an API whose server decodes JSON into typed fields (DriftMgr, a Go service): a
     * number or boolean where text is expected is refused, not read as its text as DRF does.
     */
    public static Fields typed(ObjectNode values) { return new Fields(values, true); }

    public static Fields empty() { return new Fields(JsonNodeFactory.instance.objectNode()); }

    public boolean has(String name) { return values().hasNonNull(name); }

    public boolean present(String name) { return values().has(name); }

    /** A text value, or null when absent. Numbers and booleans are accepted as their text, unless {@link #typed}. */
    public String text(String name) {
        JsonNode node = values().get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode() || textMustBeText && !node.isTextual()) {
            error(name, "Not a valid string.");
            return null;
        }
        return node.asText();
    }

    public String requireText(String name) {
        String value = text(name);
        if (value == null && !errors.containsKey(name)) {
            error(name, "This field is required.");
        } else if (value != null && value.isBlank()) {
            error(name, "This field may not be blank.");
        }
        return value;
    }

    /** DRF's {@code CharField(max_length=...)}: a longer text is this field's error. */
    public void maxLength(String name, int max) {
        JsonNode node = values().get(name);
        if (node != null && node.isValueNode() && !node.isNull()) {
            String text = node.asText();
            if (text.codePointCount(0, text.length()) > max) {
                error(name, "Ensure this field has no more than " + max + " characters.");
            }
        }
    }

    public String email(String name, boolean required) {
        String value = required ? requireText(name) : text(name);
        if (value != null && !value.isBlank() && !EMAIL.matcher(value).matches()) {
            error(name, "Enter a valid email address.");
        }
        return value;
    }

    public Boolean bool(String name) {
        JsonNode node = values().get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asText().trim().toLowerCase();
        return switch (text) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                error(name, "Must be a valid boolean.");
                yield null;
            }
        };
    }

    public Integer integer(String name) {
        JsonNode node = values().get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        try {
            return Integer.parseInt(node.asText().trim());
        } catch (NumberFormatException e) {
            error(name, "A valid integer is required.");
            return null;
        }
    }


    /**
     * A list of texts, or null when absent: a JSON array of strings, repeated form values, or one
     * comma-separated text (a form with a single value).
     */
    public List<String> textList(String name) {
        JsonNode node = values().get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    error(name, "Not a valid string.");
                    return null;
                }
                out.add(item.asText().trim());
            }
            return out;
        }
        if (!node.isTextual()) {
            error(name, "Expected a list of items but got type \"" + (node.isNumber() ? "int" : node.isBoolean() ? "bool" : "dict") + "\".");
            return null;
        }
        for (String part : node.asText().split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** The choice, case-sensitively, or an error naming the wrong value. */
    public String choice(String name, List<String> choices, boolean required) {
        String value = required ? requireText(name) : text(name);
        if (value != null && !choices.contains(value)) {
            error(name, "\"" + value + "\" is not a valid choice.");
        }
        return value;
    }

    /** The raw JSON value (objects and lists included), or null when absent or null. */
    public JsonNode node(String name) {
        JsonNode node = values().get(name);
        return node == null || node.isNull() ? null : node;
    }

    /** Every value of a repeated parameter (query string, form, or a JSON list), each as given: no splitting. */
    public List<String> repeated(String name) {
        JsonNode node = node(name);
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(v -> {
                if (!v.isNull() && !v.isContainerNode()) {
                    out.add(v.asText());
                }
            });
        } else if (!node.isContainerNode()) {
            out.add(node.asText());
        }
        return out;
    }

    public void error(String name, String message) {
        List<String> messages = errors.computeIfAbsent(name, k -> new ArrayList<>());
        if (!messages.contains(message)) { // two checks may find the same fault
            messages.add(message);
        }
    }

    public boolean valid() { return errors.isEmpty(); }

    /** Throws the collected field errors as a 400, if there are any. */
    public Fields validate() {
        if (!errors.isEmpty()) {
            throw ApiException.fields(errors);
        }
        return this;
    }
}
