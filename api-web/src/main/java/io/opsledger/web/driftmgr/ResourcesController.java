package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.drift.ResourceQueries.*;
import io.opsledger.drift.api.ResourceMessages.UpdateResourceTags;
import io.opsledger.gateway.aws.AwsGatewayException;
import io.opsledger.gateway.aws.AwsLiveResources;
import io.opsledger.identity.api.Role;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.http.HttpStatus;
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
    private final Commands commands;

    public ResourcesController(Web web, Queries queries, Commands commands) {
        this.web = web;
        this.queries = queries;
        this.commands = commands;
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
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("resources", page.resources().stream().map(ResourcesController::item).toList());
            data.put("total", page.total());
            data.put("limit", paging.limit());
            data.put("offset", paging.offset());
            return Envelope.ok(data);
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
            List<Map<String, Object>> found = queries.one(new SearchResources(q, provider, type), ResourceList.class)
                    .resources().stream().map(ResourcesController::item).toList();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("resources", found);
            data.put("total", found.size());
            data.put("query", q);
            return Envelope.ok(data);
        });
    }

    @GetMapping({"/{id}", "/{id}/"})
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            ResourceDetail r = require(id);
            Map<String, Object> data = item(r.resource());
            data.put("attributes", r.attributes());
            data.put("cost", Map.of("monthly", r.cost().monthly(), "currency", r.cost().currency()));
            data.put("compliance", Map.of("status", r.compliance().overallStatus(), "checks", r.compliance().checks().stream()
                    .map(c -> Map.of("name", c.name(), "status", c.status())).toList()));
            // keep created_at/updated_at last, as the contract shows them
            Object created = data.remove("created_at");
            Object updated = data.remove("updated_at");
            data.put("created_at", created);
            data.put("updated_at", updated);
            return Envelope.ok(data);
        });
    }

    @GetMapping({"/{id}/cost", "/{id}/cost/"})
    public Mono<ResponseEntity<?>> cost(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            ResourceDetail r = require(id);
            Cost e = r.cost();
            BigDecimal monthly = e.monthly();
            Map<String, Object> cost = new LinkedHashMap<>();
            cost.put("current_month", monthly);
            cost.put("last_month", monthly);
            cost.put("yearly", monthly.multiply(BigDecimal.valueOf(12)));
            cost.put("currency", e.currency());
            Map<String, Object> breakdown = new LinkedHashMap<>();
            breakdown.put("compute", e.compute());
            breakdown.put("storage", e.storage());
            breakdown.put("network", e.network());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("resource_id", r.resource().id());
            data.put("cost", cost);
            data.put("breakdown", breakdown);
            // a price table has no history: the estimate is the same every month
            data.put("trend", "stable");
            data.put("source", "price_table");
            data.put("priced", e.known());
            return Envelope.ok(data);
        });
    }

    @GetMapping({"/{id}/compliance", "/{id}/compliance/"})
    public Mono<ResponseEntity<?>> compliance(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.READONLY);
            ResourceDetail detail = require(id);
            ResourceView r = detail.resource();
            Compliance report = detail.compliance();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("resource_id", r.id());
            data.put("overall_status", report.overallStatus());
            data.put("score", report.score());
            data.put("checks", report.checks().stream().map(c -> {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("name", c.name());
                check.put("status", c.status());
                check.put("description", c.description());
                return check;
            }).toList());
            data.put("last_checked", r.updatedAt() == null ? Instant.now() : r.updatedAt());
            return Envelope.ok(data);
        });
    }

    @PutMapping({"/{id}/tags", "/{id}/tags/"})
    public Mono<ResponseEntity<?>> updateTags(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.STANDARD);
            JsonNode tags = f.node("tags");
            Map<String, String> set = new LinkedHashMap<>();
            List<String> removed = new ArrayList<>();
            if (tags == null || tags.isNull()) {
                f.error("tags", "This field is required.");
            } else if (!tags.isObject()) {
                f.error("tags", "Expected an object of tag names to values.");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
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
            if (!AwsLiveResources.SUPPORTED_TYPES.contains(r.type()) || !"aws".equals(r.provider())) {
                throw ApiException.badRequest("Tags of " + r.type() + " resources cannot be written.");
            }
            if (r.cloudId() == null || r.cloudId().isBlank()) {
                throw ApiException.badRequest("The resource has no cloud id in its state.");
            }
            String cloudId = detail.tagTarget();
            Map<String, String> now;
            try {
                now = commands.send(new UpdateResourceTags(r.id(), r.type(), r.region(), cloudId, set, removed,
                        ctx.requireUser().username()), ctx);
            } catch (AwsGatewayException | CommandExecutionException e) {
                throw new ApiException(HttpStatus.BAD_GATEWAY, "CLOUD_PROVIDER_ERROR", "AWS did not update the tags: "
                        + e.getMessage(), null, null);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("resource_id", r.id());
            data.put("tags", now);
            data.put("message", "Tags updated");
            return Envelope.ok(data);
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

    static Map<String, Object> item(ResourceView r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", r.id());
        item.put("provider", r.provider());
        item.put("type", r.type());
        item.put("name", r.name());
        item.put("region", r.region());
        item.put("status", r.status());
        item.put("tags", r.tags());
        item.put("state_id", r.stateId());
        item.put("address", r.address());
        item.put("resource_id", r.cloudId());
        item.put("created_at", r.createdAt());
        item.put("updated_at", r.updatedAt());
        return item;
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
}
