package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.drift.ResourceQueries.*;
import io.opsledger.drift.ResourceTags;
import io.opsledger.identity.api.Role;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DriftMgr's resource management (/api/v1/resources): list, search (a static route, never an id),
 * detail with cost and compliance, tag updates written to AWS. Viewers read; operators tag.
 */
@RestController
@RequestMapping("/api/v1/resources")
public class ResourcesController {

    private final Web web;
    private final Queries queries;
    private final ResourceTags tags;

    public ResourcesController(Web web, Queries queries, ResourceTags tags) {
        this.web = web;
        this.queries = queries;
        this.tags = tags;
    }

    @GetMapping({"", "/"})
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            Paging paging = Paging.of(f);
            String provider = f.text("provider");
            String type = f.text("type");
            String region = f.text("region");
            List<TagFilter> tags = tagFilters(f.text("tags"));
            f.validate();
            ResourcePage page = queries.one(new ListResources(provider, type, region, tags, paging.offset(), paging.limit()),
                    ResourcePage.class);
            return Envelope.ok(new ResourcesJson(page.resources().stream().map(ResourceItem::of).toList(), page.total(),
                    paging.limit(), paging.offset()));
        });
    }

    @GetMapping({"/search", "/search/"})
    public Mono<ResponseEntity<?>> search(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            String q = f.requireText("q");
            String provider = f.text("provider");
            String type = f.text("type");
            f.validate();
            List<ResourceItem> found = queries.one(new SearchResources(q, provider, type), ResourceList.class)
                    .resources().stream().map(ResourceItem::of).toList();
            return Envelope.ok(new SearchJson(found, found.size(), q));
        });
    }

    @GetMapping({"/{id}", "/{id}/"})
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            ResourceDetail r = require(id);
            return Envelope.ok(ResourceDetailJson.of(r));
        });
    }

    @GetMapping({"/{id}/cost", "/{id}/cost/"})
    public Mono<ResponseEntity<?>> cost(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            ResourceDetail r = require(id);
            Cost e = r.cost();
            BigDecimal monthly = e.monthly();
            // a price table has no history: the estimate is the same every month
            return Envelope.ok(new CostJson(r.resource().id(),
                    new MonthlyCost(monthly, monthly, monthly.multiply(BigDecimal.valueOf(12)), e.currency()),
                    new CostBreakdown(e.compute(), e.storage(), e.network()), "stable", "price_table", e.known()));
        });
    }

    @GetMapping({"/{id}/compliance", "/{id}/compliance/"})
    public Mono<ResponseEntity<?>> compliance(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            ResourceDetail detail = require(id);
            ResourceView r = detail.resource();
            Compliance report = detail.compliance();
            return Envelope.ok(new ComplianceJson(r.id(), report.overallStatus(), report.score(), report.checks(),
                    r.updatedAt() == null ? Instant.now() : r.updatedAt()));
        });
    }

    @PutMapping({"/{id}/tags", "/{id}/tags/"})
    public Mono<ResponseEntity<?>> updateTags(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.STANDARD);
            JsonNode wanted = f.node("tags");
            Map<String, String> set = new LinkedHashMap<>();
            List<String> removed = new ArrayList<>();
            if (wanted == null || wanted.isNull()) {
                f.error("tags", "This field is required.");
            } else if (!wanted.isObject()) {
                f.error("tags", "Expected an object of tag names to values.");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().isBlank() || e.getKey().length() > 128) {
                        f.error("tags", "Tag names must have 1 to 128 characters.");
                    } else if (e.getKey().toLowerCase(Locale.ROOT).startsWith("aws:")) {
                        f.error("tags", "Tag names starting with aws: are reserved by AWS.");
                    } else if (e.getValue().isNull()) {
                        removed.add(e.getKey());
                    } else if (e.getValue().isContainerNode() || e.getValue().asText().length() > 256) {
                        f.error("tags", "Tag " + e.getKey() + " must have a text value of at most 256 characters (null removes it).");
                    } else {
                        set.put(e.getKey(), e.getValue().asText());
                    }
                }
            }
            f.validate();
            ResourceDetail detail = require(id);
            ResourceView r = detail.resource();
            Map<String, String> now = tags.update(ctx, r.id(), r.type(), r.provider(), r.region(), r.cloudId(), detail.tagTarget(),
                    set, removed, ctx.requireUser().username());
            return Envelope.ok(new TagsUpdated(r.id(), now, "Tags updated"));
        });
    }

    /** The resource with this id (or, failing that, this cloud id); 404 otherwise. */
    private ResourceDetail require(String id) {
        ResourceDetail found = queries.one(new FindResource(id), ResourceDetail.class);
        if (found == null) {
            throw ApiException.notFound("Resource not found");
        }
        return found;
    }

    /** "Environment:production,Team" : key:value (or key=value) pairs must match, bare keys must exist. */
    private static List<TagFilter> tagFilters(String tags) {
        List<TagFilter> out = new ArrayList<>();
        if (tags == null || tags.isBlank()) {
            return out;
        }
        for (String part : tags.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int at = p.indexOf(':') >= 0 ? p.indexOf(':') : p.indexOf('=');
            out.add(at < 0 ? new TagFilter(p, null) : new TagFilter(p.substring(0, at).trim(), p.substring(at + 1).trim()));
        }
        return out;
    }

    /** DriftMgr's limit (default 50, at most 1000) and offset (default 0). */
    record Paging(int limit, int offset) {
        static Paging of(Fields f) {
            Integer limit = f.integer("limit");
            Integer offset = f.integer("offset");
            if (limit != null && (limit < 1 || limit > 1000)) {
                f.error("limit", "Ensure this value is between 1 and 1000.");
            }
            if (offset != null && offset < 0) {
                f.error("offset", "Ensure this value is greater than or equal to 0.");
            }
            return new Paging(limit == null ? 50 : limit, offset == null ? 0 : offset);
        }
    }

    // ---- JSON: DriftMgr's views

    record ResourcesJson(List<ResourceItem> resources, long total, int limit, int offset) {}

    record SearchJson(List<ResourceItem> resources, int total, String query) {}

    record ResourceItem(String id, String provider, String type, String name, String region, String status,
                        Map<String, String> tags, @JsonProperty("state_id") String stateId, String address,
                        @JsonProperty("resource_id") String resourceId, @JsonProperty("created_at") Instant createdAt,
                        @JsonProperty("updated_at") Instant updatedAt) {
        static ResourceItem of(ResourceView r) {
            return new ResourceItem(r.id(), r.provider(), r.type(), r.name(), r.region(), r.status(), r.tags(), r.stateId(),
                    r.address(), r.cloudId(), r.createdAt(), r.updatedAt());
        }
    }

    /** An item with attributes, cost and compliance; created_at/updated_at last, as the contract shows them. */
    record ResourceDetailJson(String id, String provider, String type, String name, String region, String status,
                              Map<String, String> tags, @JsonProperty("state_id") String stateId, String address,
                              @JsonProperty("resource_id") String resourceId, Map<String, Object> attributes,
                              CostSummary cost, ComplianceSummary compliance, @JsonProperty("created_at") Instant createdAt,
                              @JsonProperty("updated_at") Instant updatedAt) {
        static ResourceDetailJson of(ResourceDetail d) {
            ResourceView r = d.resource();
            return new ResourceDetailJson(r.id(), r.provider(), r.type(), r.name(), r.region(), r.status(), r.tags(),
                    r.stateId(), r.address(), r.cloudId(), d.attributes(),
                    new CostSummary(d.cost().monthly(), d.cost().currency()),
                    new ComplianceSummary(d.compliance().overallStatus(), d.compliance().checks().stream()
                            .map(c -> new CheckSummary(c.name(), c.status())).toList()),
                    r.createdAt(), r.updatedAt());
        }
    }

    record CostSummary(BigDecimal monthly, String currency) {}

    record ComplianceSummary(String status, List<CheckSummary> checks) {}

    record CheckSummary(String name, String status) {}

    record CostJson(@JsonProperty("resource_id") String resourceId, MonthlyCost cost, CostBreakdown breakdown, String trend,
                    String source, boolean priced) {}

    record MonthlyCost(@JsonProperty("current_month") BigDecimal currentMonth, @JsonProperty("last_month") BigDecimal lastMonth,
                       BigDecimal yearly, String currency) {}

    record CostBreakdown(BigDecimal compute, BigDecimal storage, BigDecimal network) {}

    /** {@code checks}: name, status, description. */
    record ComplianceJson(@JsonProperty("resource_id") String resourceId, @JsonProperty("overall_status") String overallStatus,
                          int score, List<Check> checks, @JsonProperty("last_checked") Instant lastChecked) {}

    record TagsUpdated(@JsonProperty("resource_id") String resourceId, Map<String, String> tags, String message) {}
}
