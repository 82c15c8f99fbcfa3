package io.opsledger.web.driftmgr;

import io.opsledger.drift.DriftDetectionQueries.FindLiveResources;
import io.opsledger.drift.DriftDetectionQueries.LiveResourceView;
import io.opsledger.drift.api.DriftQueries.FindStateResources;
import io.opsledger.drift.api.DriftQueries.StateResourceView;
import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.ResourceMessages;
import io.opsledger.drift.detect.DriftAwsAccess;
import io.opsledger.drift.detect.Regions;
import io.opsledger.gateway.aws.AwsTarget;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DriftMgr's resources: the managed resources of every Terraform state, joined with their live
 * side as the last detection (or tag update) saw it. Secrets in state attributes are never shown.
 */
@Component
public class DriftResources {

    static final String REDACTED = "********";
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|secret|private_key|token|credential|passphrase).*");

    private final Queries queries;
    private final DriftAwsAccess access;

    public DriftResources(Queries queries, DriftAwsAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /** One resource: its state side and, when known, its live side. */
    public record Resource(String id, StateResourceView state, LiveResourceView live, String provider, String region) {

        public String type() { return state.type(); }

        public String name() { return state.name(); }

        public String cloudId() { return live != null && live.cloudId() != null ? live.cloudId() : state.resourceId(); }

        public String status() {
            if (live == null) {
                return "unknown";
            }
            if (DriftDetectionMessages.MISSING.equals(live.presence())) {
                return DriftDetectionMessages.MISSING;
            }
            return live.status() == null ? "unknown" : live.status();
        }

        @SuppressWarnings("unchecked")
        public Map<String, String> tags() {
            if (live != null && DriftDetectionMessages.PRESENT.equals(live.presence())) {
                return live.tags();
            }
            Map<String, String> tags = new LinkedHashMap<>();
            if (state.attributes() != null && state.attributes().get("tags") instanceof Map<?, ?> map) {
                map.forEach((k, v) -> tags.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            }
            return tags;
        }

        /** The state's attributes with the live ones laid over them; secrets redacted. */
        public Map<String, Object> attributes() {
            Map<String, Object> merged = new LinkedHashMap<>(state.attributes() == null ? Map.of() : state.attributes());
            if (live != null && DriftDetectionMessages.PRESENT.equals(live.presence())) {
                merged.putAll(live.attributes());
            }
            return redact(merged);
        }

        public Instant createdAt() { return live == null ? null : live.firstSeen(); }

        public Instant updatedAt() { return live == null ? null : live.checkedAt(); }
    }

    /** Every managed resource of every state, in state order. */
    public List<Resource> all() {
        List<StateResourceView> states = queries.list(new FindStateResources(null), StateResourceView.class);
        Map<String, LiveResourceView> live = new HashMap<>();
        for (LiveResourceView v : queries.list(new FindLiveResources(null), LiveResourceView.class)) {
            live.put(v.resourceId(), v);
        }
        String defaultRegion = access.target().map(AwsTarget::region).orElse("us-east-1");
        List<Resource> out = new ArrayList<>();
        for (StateResourceView s : states) {
            if ("data".equals(s.mode())) {
                continue;
            }
            String id = ResourceMessages.resourceId(s.stateId(), s.address());
            LiveResourceView l = live.get(id);
            String region = l != null && l.region() != null ? l.region() : Regions.of(s.attributes(), defaultRegion);
            out.add(new Resource(id, s, l, provider(s), region));
        }
        return out;
    }

    /** The resource with this /resources id (or, failing that, this cloud id); 404 otherwise. */
    public Resource require(String id) {
        Resource byCloudId = null;
        for (Resource r : all()) {
            if (r.id().equals(id)) {
                return r;
            }
            if (byCloudId == null && id.equals(r.state().resourceId())) {
                byCloudId = r;
            }
        }
        if (byCloudId == null) {
            throw ApiException.notFound("Resource not found");
        }
        return byCloudId;
    }

    /** "aws" from provider["registry.terraform.io/hashicorp/aws"] (or the type's prefix). */
    static String provider(StateResourceView s) {
        String p = s.provider();
        if (p != null) {
            int slash = p.lastIndexOf('/');
            String tail = slash >= 0 ? p.substring(slash + 1) : p;
            tail = tail.replaceAll("[^A-Za-z0-9_-].*$", "");
            if (!tail.isBlank()) {
                return tail.toLowerCase(Locale.ROOT);
            }
        }
        String type = s.type() == null ? "" : s.type();
        return type.contains("_") ? type.substring(0, type.indexOf('_')) : type;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> redact(Map<String, Object> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if ("tags".equals(k) || "tags_all".equals(k)) {
                out.put(k, v); // tag names are the user's words, not secrets
            } else if (SECRET.matcher(k).matches() && v != null && !"".equals(v)) {
                out.put(k, REDACTED);
            } else if (v instanceof Map<?, ?> map) {
                out.put(k, redact((Map<String, Object>) map));
            } else if (v instanceof List<?> list) {
                List<Object> items = new ArrayList<>();
                for (Object item : list) {
                    items.add(item instanceof Map<?, ?> m ? redact((Map<String, Object>) m) : item);
                }
                out.put(k, items);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
