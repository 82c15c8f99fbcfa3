package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.drift.api.ResourceMessages.UpdateResourceTags;
import io.opsledger.drift.rules.ComplianceEvaluator;
import io.opsledger.drift.rules.PriceTable;
import io.opsledger.gateway.aws.AwsGatewayException;
import io.opsledger.gateway.aws.AwsLiveResources;
import io.opsledger.identity.api.Role;
import io.opsledger.common.Commands;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import io.opsledger.web.driftmgr.DriftResources.Resource;
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
    private final DriftResources resources;
    private final Commands commands;
    private final PriceTable prices = PriceTable.standard();

    public ResourcesController(Web web, DriftResources resources, Commands commands) {
        this.web = web;
        this.resources = resources;
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
            List<String[]> tags = tagFilters(f.text("tags"));
            f.validate();
            List<Resource> matching = new ArrayList<>();
            for (Resource r : resources.all()) {
                if (matches(r, provider, type) && (region == null || region.isBlank() || region.equalsIgnoreCase(r.region()))
                        && hasTags(r, tags)) {
                    matching.add(r);
                }
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("resources", paging.slice(matching).stream().map(ResourcesController::item).toList());
            data.put("total", matching.size());
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
            String needle = q.trim().toLowerCase(Locale.ROOT);
            List<String> words = List.of(needle.split("\\s+"));
            List<Map<String, Object>> found = new ArrayList<>();
            for (Resource r : resources.all()) {
                if (matches(r, provider, type) && words.stream().allMatch(w -> haystack(r).contains(w))) {
                    found.add(item(r));
                }
            }
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
            Resource r = resources.require(id);
            Map<String, Object> data = item(r);
            data.put("attributes", r.attributes());
            Map<String, Object> attributes = r.attributes();
            PriceTable.Estimate estimate = prices.estimate(r.type(), attributes);
            data.put("cost", Map.of("monthly", estimate.monthly(), "currency", estimate.currency()));
            ComplianceEvaluator.Report report = ComplianceEvaluator.evaluate(r.type(), attributes);
            data.put("compliance", Map.of("status", report.overallStatus(), "checks", report.checks().stream()
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
            Resource r = resources.require(id);
            PriceTable.Estimate e = prices.estimate(r.type(), r.attributes());
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
            data.put("resource_id", r.id());
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
            Resource r = resources.require(id);
            ComplianceEvaluator.Report report = ComplianceEvaluator.evaluate(r.type(), r.attributes());
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
            Resource r = resources.require(id);
            if (!AwsLiveResources.SUPPORTED_TYPES.contains(r.type()) || !"aws".equals(r.provider())) {
                throw ApiException.badRequest("Tags of " + r.type() + " resources cannot be written.");
            }
            if (r.cloudId() == null || r.cloudId().isBlank()) {
                throw ApiException.badRequest("The resource has no cloud id in its state.");
            }
            String cloudId = "aws_db_instance".equals(r.type()) && r.state().attributes().get("identifier") instanceof String ident
                    && !ident.isBlank() ? ident : r.cloudId();
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

    static Map<String, Object> item(Resource r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", r.id());
        item.put("provider", r.provider());
        item.put("type", r.type());
        item.put("name", r.name());
        item.put("region", r.region());
        item.put("status", r.status());
        item.put("tags", r.tags());
        item.put("state_id", r.state().stateId());
        item.put("address", r.state().address());
        item.put("resource_id", r.cloudId());
        item.put("created_at", r.createdAt());
        item.put("updated_at", r.updatedAt());
        return item;
    }

    private static boolean matches(Resource r, String provider, String type) {
        return (provider == null || provider.isBlank() || provider.equalsIgnoreCase(r.provider()))
                && (type == null || type.isBlank() || type.equals(r.type()));
    }

    private static String haystack(Resource r) {
        StringBuilder s = new StringBuilder();
        s.append(r.name()).append(' ').append(r.type()).append(' ').append(r.state().address()).append(' ')
                .append(r.cloudId()).append(' ').append(r.region()).append(' ').append(r.status());
        r.tags().forEach((k, v) -> s.append(' ').append(k).append(' ').append(v));
        return s.toString().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + s.toString().toLowerCase(Locale.ROOT);
    }

    /** "Environment:production,Team" : key:value (or key=value) pairs must match, bare keys must exist. */
    private static List<String[]> tagFilters(String tags) {
        List<String[]> out = new ArrayList<>();
        if (tags == null || tags.isBlank()) {
            return out;
        }
        for (String part : tags.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int at = p.indexOf(':') >= 0 ? p.indexOf(':') : p.indexOf('=');
            out.add(at < 0 ? new String[]{p, null} : new String[]{p.substring(0, at).trim(), p.substring(at + 1).trim()});
        }
        return out;
    }

    private static boolean hasTags(Resource r, List<String[]> filters) {
        Map<String, String> tags = r.tags();
        for (String[] f : filters) {
            if (!tags.containsKey(f[0]) || f[1] != null && !f[1].equals(tags.get(f[0]))) {
                return false;
            }
        }
        return true;
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

        <T> List<T> slice(List<T> all) {
            if (offset >= all.size()) {
                return List.of();
            }
            return all.subList(offset, Math.min(all.size(), offset + limit));
        }
    }
}
