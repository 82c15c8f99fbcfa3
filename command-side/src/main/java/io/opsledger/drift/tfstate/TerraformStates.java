package io.opsledger.drift.tfstate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes Terraform state files (format version 4, the JSON Terraform 0.12 and later
 * write). Keys this model does not know are kept, so a read-edit-write loses nothing.
 */
public final class TerraformStates {
    private TerraformStates() {}

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final Set<String> STATE_KEYS = Set.of("version", "terraform_version", "serial", "lineage", "outputs", "resources");
    private static final Set<String> RESOURCE_KEYS = Set.of("module", "mode", "type", "name", "each", "provider", "instances");
    private static final Set<String> INSTANCE_KEYS = Set.of("index_key", "schema_version", "attributes",
            "sensitive_attributes", "private", "dependencies");

    /** Parses a state file; {@link InvalidStateException} if it is not JSON or not format version 4. */
    public static TerraformState parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidStateException("Not a Terraform state: not valid JSON (" + why + ").", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidStateException("Not a Terraform state: expected a JSON object.");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToInt() || version.asInt() != TerraformState.FORMAT_VERSION) {
            throw new InvalidStateException("Unsupported Terraform state format version " + (version == null ? "(none)" : version)
                    + "; only version 4 is supported.");
        }
        Map<String, StateOutput> outputs = new LinkedHashMap<>();
        JsonNode outs = root.path("outputs");
        outs.fields().forEachRemaining(e -> outputs.put(e.getKey(), new StateOutput(plain(e.getValue().get("value")),
                plain(e.getValue().get("type")), e.getValue().path("sensitive").asBoolean(false))));
        List<StateResource> resources = new ArrayList<>();
        for (JsonNode r : iterable(root.path("resources"))) {
            List<ResourceInstance> instances = new ArrayList<>();
            for (JsonNode i : iterable(r.path("instances"))) {
                List<String> deps = new ArrayList<>();
                i.path("dependencies").forEach(d -> deps.add(d.asText()));
                instances.add(new ResourceInstance(plain(i.get("index_key")), i.path("schema_version").asLong(0),
                        map(i.get("attributes")), plain(i.get("sensitive_attributes")), text(i.get("private")),
                        deps, extra(i, INSTANCE_KEYS)));
            }
            resources.add(new StateResource(text(r.get("module")), r.path("mode").asText(StateResource.MANAGED),
                    text(r.get("type")), text(r.get("name")), text(r.get("each")), text(r.get("provider")), instances,
                    extra(r, RESOURCE_KEYS)));
        }
        return new TerraformState(TerraformState.FORMAT_VERSION, text(root.get("terraform_version")),
                root.path("serial").asLong(0), text(root.get("lineage")), outputs, resources, extra(root, STATE_KEYS));
    }

    /** The state as Terraform writes it (two-space indented JSON, its key order, a final newline). */
    public static byte[] write(TerraformState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", state.version());
        root.put("terraform_version", state.terraformVersion());
        root.put("serial", state.serial());
        root.put("lineage", state.lineage());
        ObjectNode outputs = root.putObject("outputs");
        state.outputs().forEach((name, out) -> {
            ObjectNode o = outputs.putObject(name);
            o.set("value", JSON.valueToTree(out.value()));
            o.set("type", JSON.valueToTree(out.type()));
            if (out.sensitive()) {
                o.put("sensitive", true);
            }
        });
        ArrayNode resources = root.putArray("resources");
        for (StateResource r : state.resources()) {
            ObjectNode o = resources.addObject();
            if (r.module() != null) {
                o.put("module", r.module());
            }
            o.put("mode", r.mode());
            o.put("type", r.type());
            o.put("name", r.name());
            if (r.each() != null) {
                o.put("each", r.each());
            }
            o.put("provider", r.provider());
            r.extra().forEach((k, v) -> o.set(k, JSON.valueToTree(v)));
            ArrayNode instances = o.putArray("instances");
            for (ResourceInstance i : r.instances()) {
                ObjectNode io = instances.addObject();
                if (i.indexKey() != null) {
                    io.set("index_key", JSON.valueToTree(i.indexKey()));
                }
                io.put("schema_version", i.schemaVersion());
                io.set("attributes", JSON.valueToTree(i.attributes()));
                io.set("sensitive_attributes", i.sensitiveAttributes() == null ? JSON.createArrayNode()
                        : JSON.valueToTree(i.sensitiveAttributes()));
                i.extra().forEach((k, v) -> io.set(k, JSON.valueToTree(v)));
                if (i.privateData() != null) {
                    io.put("private", i.privateData());
                }
                if (!i.dependencies().isEmpty()) {
                    io.set("dependencies", JSON.valueToTree(i.dependencies()));
                }
            }
        }
        state.extra().forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            printer.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            return (JSON.writer(printer).writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Terraform state", e);
        }
    }

    /** The lowercase hex SHA-256 of the bytes (how state contents are compared). */
    public static String checksum(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON value as plain Java values (maps, lists, strings, numbers, booleans, null). */
    static Object plain(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : JSON.convertValue(node, Object.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return node == null || !node.isObject() ? new LinkedHashMap<>() : JSON.convertValue(node, LinkedHashMap.class);
    }

    private static Map<String, Object> extra(JsonNode node, Set<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!known.contains(e.getKey())) {
                out.put(e.getKey(), plain(e.getValue()));
            }
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node : List.of();
    }
}
