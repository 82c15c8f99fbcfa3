package io.opsledger.drift.tfstate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.SecretCipher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values Terraform marks sensitive in a state: outputs with {@code "sensitive": true} and the
 * attribute paths each instance lists in {@code sensitive_attributes}. They are secrets: before a
 * state enters a command or event it is {@link #seal sealed} (each such value replaced by
 * {@link #MASK}, its JSON kept encrypted beside it), so events, read models, responses and the
 * audit trail only ever hold the mask; only the code that writes the state back to its backend
 * {@link #open opens} it again.
 *
 * <p>A sensitive path is a list of steps: {@code {"type": "get_attr", "value": name}} or
 * {@code {"type": "index", "value": {"value": key, "type": "number"|"string"}}}. Attributes of a
 * dynamic type (e.g. {@code terraform_data}'s {@code input}) are stored as {@code {"value", "type"}};
 * steps into them go through {@code value}. A path that cannot be followed hides its whole
 * top-level attribute.
 */
public final class SensitiveValues {
    private SensitiveValues() {}

    /** What every response, read model and event shows instead of a sensitive value. */
    public static final String MASK = io.opsledger.common.Masked.MASK;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The state with every sensitive value masked and kept encrypted; values already sealed stay as they are. */
    public static TerraformState seal(TerraformState state, SecretCipher cipher) {
        Map<String, StateOutput> outputs = new LinkedHashMap<>();
        state.outputs().forEach((name, o) -> outputs.put(name, exposed(o)
                ? new StateOutput(MASK, o.type(), true, cipher.encrypt(json(o.value()))) : o));
        List<StateResource> resources = new ArrayList<>();
        for (StateResource r : state.resources()) {
            List<ResourceInstance> instances = new ArrayList<>();
            for (ResourceInstance i : r.instances()) {
                instances.add(seal(i, cipher));
            }
            resources.add(new StateResource(r.module(), r.mode(), r.type(), r.name(), r.each(), r.provider(), instances, r.extra()));
        }
        return new TerraformState(state.version(), state.terraformVersion(), state.serial(), state.lineage(), outputs,
                resources, state.extra());
    }

    /** The state with its sealed values back in place, as the backend must hold it. */
    public static TerraformState open(TerraformState state, SecretCipher cipher) {
        Map<String, StateOutput> outputs = new LinkedHashMap<>();
        state.outputs().forEach((name, o) -> outputs.put(name, o.sealed() == null ? o
                : new StateOutput(parse(cipher.decrypt(o.sealed())), o.type(), o.sensitive())));
        List<StateResource> resources = new ArrayList<>();
        for (StateResource r : state.resources()) {
            List<ResourceInstance> instances = new ArrayList<>();
            for (ResourceInstance i : r.instances()) {
                if (i.sealed().isEmpty()) {
                    instances.add(i);
                    continue;
                }
                Map<String, Object> attributes = copy(i.attributes());
                for (SealedValue s : i.sealed()) {
                    if (!set(attributes, s.path(), parse(cipher.decrypt(s.value())))) {
                        throw new IllegalStateException("a sealed value of " + r.address(i) + " has no place in its attributes");
                    }
                }
                instances.add(new ResourceInstance(i.indexKey(), i.schemaVersion(), attributes, i.sensitiveAttributes(),
                        i.privateData(), i.dependencies(), i.extra()));
            }
            resources.add(new StateResource(r.module(), r.mode(), r.type(), r.name(), r.each(), r.provider(), instances, r.extra()));
        }
        return new TerraformState(state.version(), state.terraformVersion(), state.serial(), state.lineage(), outputs,
                resources, state.extra());
    }

    /** Whether any value Terraform marks sensitive is still there in plaintext (the state was not sealed). */
    public static boolean exposes(TerraformState state) {
        if (state.outputs().values().stream().anyMatch(SensitiveValues::exposed)) {
            return true;
        }
        for (StateResource r : state.resources()) {
            for (ResourceInstance i : r.instances()) {
                for (List<Object> target : targets(i)) {
                    if (exposed(get(i.attributes(), target))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether any value of the state is sealed (so its content differs from the backend's bytes). */
    public static boolean hasSealed(TerraformState state) {
        return state.outputs().values().stream().anyMatch(o -> o.sealed() != null)
                || state.resources().stream().flatMap(r -> r.instances().stream()).anyMatch(i -> !i.sealed().isEmpty());
    }

    /** The instance's attributes with its sensitive values masked (nothing encrypted: for showing). */
    public static Map<String, Object> masked(ResourceInstance instance) {
        List<List<Object>> targets = targets(instance);
        if (targets.isEmpty()) {
            return instance.attributes();
        }
        Map<String, Object> attributes = copy(instance.attributes());
        for (List<Object> target : targets) {
            if (get(attributes, target) != null) {
                set(attributes, target, MASK);
            }
        }
        return attributes;
    }

    /** An output's value as it may be shown. */
    public static Object shown(StateOutput output) {
        return output.sensitive() ? MASK : output.value();
    }

    // ---- instances

    private static ResourceInstance seal(ResourceInstance instance, SecretCipher cipher) {
        List<List<Object>> targets = targets(instance);
        if (targets.stream().noneMatch(t -> exposed(get(instance.attributes(), t)))) {
            return instance;
        }
        Map<String, Object> attributes = copy(instance.attributes());
        List<SealedValue> sealed = new ArrayList<>(instance.sealed());
        for (List<Object> target : targets) {
            Object value = get(attributes, target);
            if (exposed(value)) {
                sealed.add(new SealedValue(target, cipher.encrypt(json(value))));
                set(attributes, target, MASK);
            }
        }
        return new ResourceInstance(instance.indexKey(), instance.schemaVersion(), attributes, instance.sensitiveAttributes(),
                instance.privateData(), instance.dependencies(), instance.extra(), sealed);
    }

    private static boolean exposed(StateOutput output) {
        return output.sensitive() && output.sealed() == null && exposed(output.value());
    }

    private static boolean exposed(Object value) {
        return value != null && !MASK.equals(value);
    }

    /**
     * Where in the attributes the instance's sensitive paths point, outermost first; a path inside
     * another one is left out (the outer value holds it).
     */
    static List<List<Object>> targets(ResourceInstance instance) {
        if (!(instance.sensitiveAttributes() instanceof List<?> paths) || paths.isEmpty()) {
            return List.of();
        }
        List<List<Object>> found = new ArrayList<>();
        for (Object path : paths) {
            List<Object> target = target(instance.attributes(), path);
            if (target != null && !target.isEmpty()) {
                found.add(target);
            }
        }
        found.sort(Comparator.comparingInt(List::size));
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> t : found) {
            if (out.stream().noneMatch(outer -> t.size() >= outer.size() && t.subList(0, outer.size()).equals(outer))) {
                out.add(t);
            }
        }
        return out;
    }

    /** The JSON path a Terraform path names in these attributes; its top-level attribute if a step cannot be followed. */
    private static List<Object> target(Map<String, Object> attributes, Object terraformPath) {
        if (!(terraformPath instanceof List<?> steps) || steps.isEmpty()) {
            return null;
        }
        List<Object> path = new ArrayList<>();
        Object node = attributes;
        for (Object step : steps) {
            Object key = key(step);
            if (key == null) {
                return path.isEmpty() ? null : List.of(path.get(0));
            }
            if (!path.isEmpty() && !has(node, key) && isDynamic(node)) {
                path.add("value");
                node = ((Map<?, ?>) node).get("value");
            }
            if (!has(node, key)) {
                return path.isEmpty() ? null : List.of(path.get(0));
            }
            path.add(key);
            node = node instanceof Map<?, ?> m ? m.get(key) : ((List<?>) node).get((Integer) key);
        }
        return path;
    }

    /** A step's key: an attribute or map key (a string) or a list position (an integer); null if unknown. */
    private static Object key(Object step) {
        if (!(step instanceof Map<?, ?> s)) {
            return null;
        }
        Object value = s.get("value");
        if ("get_attr".equals(s.get("type")) && value instanceof String name) {
            return name;
        }
        if ("index".equals(s.get("type")) && value instanceof Map<?, ?> index) {
            Object k = index.get("value");
            if (k instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0) {
                return n.intValue();
            }
            if (k instanceof String text) {
                return text;
            }
        }
        return null;
    }

    private static boolean isDynamic(Object node) {
        return node instanceof Map<?, ?> m && m.size() == 2 && m.containsKey("value") && m.containsKey("type");
    }

    private static boolean has(Object node, Object key) {
        if (node instanceof Map<?, ?> m) {
            return key instanceof String && m.containsKey(key);
        }
        return node instanceof List<?> l && key instanceof Integer i && i < l.size();
    }

    private static Object get(Object node, List<Object> path) {
        for (Object key : path) {
            if (!has(node, key)) {
                return null;
            }
            node = node instanceof Map<?, ?> m ? m.get(key) : ((List<?>) node).get((Integer) key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static boolean set(Map<String, Object> attributes, List<Object> path, Object value) {
        Object parent = get(attributes, path.subList(0, path.size() - 1));
        Object key = path.get(path.size() - 1);
        if (!has(parent, key)) {
            return false;
        }
        if (parent instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put((String) key, value);
        } else {
            ((List<Object>) parent).set((Integer) key, value);
        }
        return true;
    }

    /** A deep, mutable copy of parsed JSON. */
    @SuppressWarnings("unchecked")
    private static <T> T copy(T node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return (T) out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return node;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a sensitive value as JSON", e);
        }
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sealed value is not JSON", e);
        }
    }
}
