package io.opsledger.drift.tfstate;

import java.util.List;
import java.util.Map;

/**
 * One instance of a resource in a Terraform state (format 4).
 *
 * @param indexKey            null for a single instance, a number for {@code count}, a string for {@code for_each}
 * @param schemaVersion       the provider schema version the attributes follow
 * @param attributes          the instance's attributes as parsed JSON (never null)
 * @param sensitiveAttributes Terraform's {@code sensitive_attributes} (paths), as parsed, or null
 * @param privateData         Terraform's base64 {@code private} blob, or null
 * @param dependencies        addresses this instance depends on (never null)
 * @param extra               any other keys of the instance object, kept as they were (never null)
 * @param sealed              the values at {@code sensitiveAttributes}, encrypted, once {@link SensitiveValues#seal}
 *                            has masked them in {@code attributes} (never null; empty while unsealed)
 */
public record ResourceInstance(Object indexKey, long schemaVersion, Map<String, Object> attributes,
                               Object sensitiveAttributes, String privateData, List<String> dependencies,
                               Map<String, Object> extra, List<SealedValue> sealed) {

    public ResourceInstance {
        attributes = attributes == null ? Map.of() : attributes;
        dependencies = dependencies == null ? List.of() : dependencies;
        extra = extra == null ? Map.of() : extra;
        sealed = sealed == null ? List.of() : sealed;
    }

    /** An instance as a state file holds it (nothing sealed). */
    public ResourceInstance(Object indexKey, long schemaVersion, Map<String, Object> attributes, Object sensitiveAttributes,
                            String privateData, List<String> dependencies, Map<String, Object> extra) {
        this(indexKey, schemaVersion, attributes, sensitiveAttributes, privateData, dependencies, extra, List.of());
    }

    /** A new instance that knows nothing but its cloud id (what {@code terraform import} starts from). */
    public static ResourceInstance imported(String resourceId) {
        return new ResourceInstance(null, 0, Map.of("id", resourceId), List.of(), null, List.of(), Map.of());
    }

    /** The cloud id ({@code attributes.id}) as text, or null. */
    public String resourceId() {
        Object id = attributes.get("id");
        return id == null ? null : String.valueOf(id);
    }

    /** {@code [0]} or {@code ["key"]} after a resource address, or "" for a single instance. */
    public String indexSuffix() {
        if (indexKey == null) {
            return "";
        }
        return indexKey instanceof Number n ? "[" + n + "]" : "[\"" + indexKey + "\"]";
    }
}
