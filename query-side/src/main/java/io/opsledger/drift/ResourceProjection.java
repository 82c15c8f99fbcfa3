package io.opsledger.drift;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.common.Masked;
import io.opsledger.drift.ResourceQueries.*;
import io.opsledger.drift.api.DriftDetectionMessages;
import io.opsledger.drift.api.DriftDetectionMessages.DriftResultsRecorded;
import io.opsledger.drift.api.DriftDetectionMessages.ResourceDriftResult;
import io.opsledger.drift.api.ResourceMessages;
import io.opsledger.drift.api.ResourceMessages.ResourceTagsUpdated;
import io.opsledger.drift.api.StateMessages.*;
import io.opsledger.drift.rules.ComplianceEvaluator;
import io.opsledger.drift.rules.PriceTable;
import io.opsledger.drift.rules.Regions;
import io.opsledger.drift.tfstate.ResourceInstance;
import io.opsledger.drift.tfstate.StateResource;
import io.opsledger.drift.tfstate.TerraformState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * DriftMgr's resources read model: one document per managed resource instance of a state (data
 * sources left out), its state side from the state file events and its live side from detections
 * and tag updates. A resource that leaves its state keeps its live side (it may come back);
 * only resources in a state are listed or found.
 */
@ProcessingGroup(ResourceProjection.GROUP)
public class ResourceProjection {

    public static final String GROUP = "projection.drift.resources";
    public static final String COLLECTION = "drift_resources";
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|secret|private_key|token|credential|passphrase).*");

    private final MongoCollection<Document> resources;
    private final Supplier<String> defaultRegion;
    private final PriceTable prices = PriceTable.standard();

    /** {@code defaultRegion}: where a resource whose attributes name no region lives (detection's home region). */
    public ResourceProjection(MongoDatabase db, Supplier<String> defaultRegion) {
        this.resources = db.getCollection(COLLECTION);
        this.defaultRegion = defaultRegion;
        resources.createIndex(Indexes.ascending("inState", "stateId", "order"));
    }

    // ---- the state side

    @EventHandler
    void on(StateFileSynced e) { replaceState(e.stateId(), e.state()); }

    @EventHandler
    void on(StateFileMissing e) { replaceState(e.stateId(), null); }

    @EventHandler
    void on(StateResourceImported e) { replaceState(e.stateId(), e.state()); }

    @EventHandler
    void on(StateResourceMoved e) { replaceState(e.stateId(), e.state()); }

    @EventHandler
    void on(StateResourceRemoved e) { replaceState(e.stateId(), e.state()); }

    private void replaceState(String stateId, TerraformState state) {
        // resources gone from the state keep their live side
        resources.updateMany(Filters.eq("stateId", stateId), Updates.combine(Updates.set("inState", false), Updates.unset("state")));
        if (state == null) {
            return;
        }
        int order = 0;
        for (StateResource r : state.resources()) {
            for (ResourceInstance i : r.instances()) {
                int position = order++; // the instance's place among all of the state's, data sources included
                if ("data".equals(r.mode())) {
                    continue;
                }
                String address = r.address(i);
                Document side = new Document("address", address).append("type", r.type()).append("name", r.name())
                        .append("provider", provider(r.provider(), r.type())).append("resourceId", i.resourceId())
                        .append("region", Regions.of(i.attributes(), null)).append("attributes", DriftJson.document(i.attributes()));
                resources.updateOne(Filters.eq("_id", ResourceMessages.resourceId(stateId, address)),
                        Updates.combine(Updates.set("inState", true), Updates.set("stateId", stateId),
                                Updates.set("order", position), Updates.set("state", side)),
                        new UpdateOptions().upsert(true));
            }
        }
    }

    // ---- the live side

    @EventHandler
    void on(DriftResultsRecorded e) {
        for (ResourceDriftResult r : e.results()) {
            if (DriftDetectionMessages.UNMANAGED.equals(r.presence())) {
                continue;
            }
            Date checked = Date.from(r.checkedAt() == null ? e.recordedAt() : r.checkedAt());
            Document before = live(r.resourceId());
            Document live = new Document("resourceType", r.resourceType()).append("cloudId", r.cloudId())
                    .append("region", r.region()).append("presence", r.presence()).append("status", r.liveStatus())
                    .append("attributes", DriftJson.document(r.liveAttributes())).append("tags", DriftJson.document(r.liveTags()))
                    .append("checkedAt", checked).append("firstSeen", before == null ? checked : before.get("firstSeen"));
            setLive(r.resourceId(), live);
        }
    }

    @EventHandler
    void on(ResourceTagsUpdated e) {
        Document before = live(e.resourceId());
        Map<String, Object> attributes = new LinkedHashMap<>(before == null ? Map.of() : DriftJson.map(before.get("attributes")));
        attributes.put("tags", e.tags());
        Date at = Date.from(e.updatedAt());
        Document live = new Document("resourceType", e.resourceType()).append("cloudId", e.cloudId()).append("region", e.region())
                .append("presence", before == null ? DriftDetectionMessages.PRESENT : before.getString("presence"))
                .append("status", before == null ? null : before.getString("status"))
                .append("attributes", DriftJson.document(attributes)).append("tags", DriftJson.document(e.tags()))
                .append("checkedAt", at).append("firstSeen", before == null ? at : before.get("firstSeen"));
        setLive(e.resourceId(), live);
    }

    private Document live(String resourceId) {
        Document d = resources.find(Filters.eq("_id", resourceId)).first();
        return d == null ? null : d.get("live", Document.class);
    }

    private void setLive(String resourceId, Document live) {
        resources.updateOne(Filters.eq("_id", resourceId), Updates.combine(Updates.set("live", live),
                Updates.setOnInsert("inState", false)), new UpdateOptions().upsert(true));
    }

    @ResetHandler
    void reset() { resources.deleteMany(new Document()); }

    // ---- queries

    @QueryHandler
    public ResourcePage handle(ListResources q) {
        List<ResourceView> matching = new ArrayList<>();
        for (Document d : inState(new Document())) {
            ResourceView r = view(d);
            if (matches(r, q.provider(), q.type()) && (blank(q.region()) || q.region().equalsIgnoreCase(r.region()))
                    && hasTags(r, q.tags())) {
                matching.add(r);
            }
        }
        List<ResourceView> page = q.offset() >= matching.size() ? List.of()
                : matching.subList(q.offset(), Math.min(matching.size(), q.offset() + q.limit()));
        return new ResourcePage(matching.size(), List.copyOf(page));
    }

    @QueryHandler
    public ResourceList handle(SearchResources q) {
        List<String> words = List.of(q.query().trim().toLowerCase(Locale.ROOT).split("\\s+"));
        List<ResourceView> found = new ArrayList<>();
        for (Document d : inState(new Document())) {
            ResourceView r = view(d);
            if (matches(r, q.provider(), q.type())) {
                String haystack = haystack(r, d.get("state", Document.class).getString("address"));
                if (words.stream().allMatch(haystack::contains)) {
                    found.add(r);
                }
            }
        }
        return new ResourceList(found);
    }

    @QueryHandler
    public ResourceDetail handle(FindResource q) {
        List<Document> byId = inState(Filters.eq("_id", q.id()));
        List<Document> found = byId.isEmpty() ? inState(Filters.eq("state.resourceId", q.id())) : byId;
        return found.isEmpty() ? null : detail(found.get(0));
    }

    private List<Document> inState(Bson filter) {
        return resources.find(Filters.and(Filters.eq("inState", true), filter)).sort(Sorts.ascending("stateId", "order"))
                .into(new ArrayList<>());
    }

    private ResourceView view(Document d) {
        Document s = d.get("state", Document.class);
        Document l = d.get("live", Document.class);
        boolean seen = l != null && DriftDetectionMessages.PRESENT.equals(l.getString("presence"));
        String region = l != null && l.getString("region") != null ? l.getString("region")
                : s.getString("region") != null ? s.getString("region") : defaultRegion.get();
        String status = l == null ? "unknown" : DriftDetectionMessages.MISSING.equals(l.getString("presence"))
                ? DriftDetectionMessages.MISSING : l.getString("status") == null ? "unknown" : l.getString("status");
        Map<String, String> tags;
        if (seen) {
            tags = DriftJson.tags(l.get("tags"));
        } else {
            tags = new LinkedHashMap<>();
            if (DriftJson.map(s.get("attributes")).get("tags") instanceof Map<?, ?> map) {
                Map<String, String> stateTags = tags;
                map.forEach((k, v) -> stateTags.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            }
        }
        String cloudId = l != null && l.getString("cloudId") != null ? l.getString("cloudId") : s.getString("resourceId");
        return new ResourceView(d.getString("_id"), s.getString("provider"), s.getString("type"), s.getString("name"), region,
                status, tags, d.getString("stateId"), s.getString("address"), cloudId,
                l == null ? null : DriftJobProjection.instant(l, "firstSeen"), l == null ? null : DriftJobProjection.instant(l, "checkedAt"));
    }

    private ResourceDetail detail(Document d) {
        ResourceView r = view(d);
        Document s = d.get("state", Document.class);
        Document l = d.get("live", Document.class);
        Map<String, Object> stateAttributes = DriftJson.map(s.get("attributes"));
        Map<String, Object> merged = new LinkedHashMap<>(stateAttributes);
        if (l != null && DriftDetectionMessages.PRESENT.equals(l.getString("presence"))) {
            merged.putAll(DriftJson.map(l.get("attributes")));
        }
        Map<String, Object> attributes = redact(merged);
        PriceTable.Estimate e = prices.estimate(r.type(), attributes);
        ComplianceEvaluator.Report report = ComplianceEvaluator.evaluate(r.type(), attributes);
        String tagTarget = "aws_db_instance".equals(r.type()) && stateAttributes.get("identifier") instanceof String ident
                && !ident.isBlank() ? ident : r.cloudId();
        return new ResourceDetail(r, attributes,
                new Cost(e.compute(), e.storage(), e.network(), e.monthly(), e.currency(), e.known()),
                new Compliance(report.overallStatus(), report.score(),
                        report.checks().stream().map(c -> new Check(c.name(), c.status(), c.description())).toList()),
                tagTarget);
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    private static boolean matches(ResourceView r, String provider, String type) {
        return (blank(provider) || provider.equalsIgnoreCase(r.provider())) && (blank(type) || type.equals(r.type()));
    }

    private static boolean hasTags(ResourceView r, List<TagFilter> filters) {
        for (TagFilter f : filters == null ? List.<TagFilter>of() : filters) {
            if (!r.tags().containsKey(f.key()) || f.value() != null && !f.value().equals(r.tags().get(f.key()))) {
                return false;
            }
        }
        return true;
    }

    private static String haystack(ResourceView r, String address) {
        StringBuilder s = new StringBuilder();
        s.append(r.name()).append(' ').append(r.type()).append(' ').append(address).append(' ')
                .append(r.cloudId()).append(' ').append(r.region()).append(' ').append(r.status());
        r.tags().forEach((k, v) -> s.append(' ').append(k).append(' ').append(v));
        return s.toString().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + s.toString().toLowerCase(Locale.ROOT);
    }

    /** "aws" from provider["registry.terraform.io/hashicorp/aws"] (or the type's prefix). */
    static String provider(String providerAddress, String type) {
        String p = providerAddress;
        if (p != null) {
            int slash = p.lastIndexOf('/');
            String tail = slash >= 0 ? p.substring(slash + 1) : p;
            tail = tail.replaceAll("[^A-Za-z0-9_-].*$", "");
            if (!tail.isBlank()) {
                return tail.toLowerCase(Locale.ROOT);
            }
        }
        String t = type == null ? "" : type;
        return t.contains("_") ? t.substring(0, t.indexOf('_')) : t;
    }

    /** Secrets in attributes (at any depth) shown as a mask; tags and empty values as they are. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> redact(Map<String, Object> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if ("tags".equals(k) || "tags_all".equals(k)) {
                out.put(k, v); // tag names are the user's words, not secrets
            } else if (SECRET.matcher(k).matches() && v != null && !"".equals(v)) {
                out.put(k, Masked.MASK);
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
