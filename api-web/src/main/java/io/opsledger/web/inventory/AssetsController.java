package io.opsledger.web.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.inventory.AssetLinks;
import io.opsledger.inventory.AssetQueries;
import io.opsledger.inventory.AssetQueries.*;
import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.AssetMessages.*;
import io.opsledger.inventory.api.RelationshipMessages;
import io.opsledger.common.Commands;
import io.opsledger.inventory.AssetNumbers;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.RequestContext;
import io.opsledger.web.Web;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Assets (asset-inventory-api.md, Assets): readonly users read, admins write. Lists hide
 * DECOMMISSIONED assets unless status=DECOMMISSIONED is asked for; the default order is by name
 * (the original model's Meta.ordering).
 */
@RestController
@RequestMapping("/api/assets")
public class AssetsController {

    static final List<String> BULK_FIELDS = List.of("owner", "department", "criticality", "data_classification", "status",
            "category", "notes");
    static final Map<String, List<String>> CHOICES = Map.of("asset_type", AssetDetails.ASSET_TYPES,
            "aws_service_type", AssetDetails.AWS_SERVICE_TYPES, "status", AssetDetails.STATUSES,
            "criticality", AssetDetails.CRITICALITIES, "data_classification", AssetDetails.DATA_CLASSIFICATIONS);
    private static final String DATETIME_FORMAT = "Datetime has wrong format. Use one of these formats instead: "
            + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final AssetNumbers numbers;
    private final InventoryAssets assets;
    private final ObjectMapper json;

    public AssetsController(Web web, Commands commands, Queries queries, AssetNumbers numbers, InventoryAssets assets,
                            ObjectMapper json) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.numbers = numbers;
        this.assets = assets;
        this.json = json;
    }

    @GetMapping
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            Page page = Page.of(f);
            AssetFilter filter = AssetListRequest.filter(f);
            List<String> ordering = AssetListRequest.ordering(f);
            f.validate();
            AssetPage result = queries.one(new ListAssets(filter, ordering, page.offset(), page.size()), AssetPage.class);
            return ResponseEntity.ok(page.body(result.count(),
                    result.results().stream().map(InventoryViews.AssetItem::of).toList(), exchange));
        });
    }

    @PostMapping
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            AssetDetails details = details(f, AssetDetails.named(null), true);
            String id = InventoryAssets.newId();
            commands.send(new CreateAsset(id, numbers.next(), details), ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(assets.detail(assets.require(id)));
        });
    }

    @GetMapping("/filter_options")
    public Mono<ResponseEntity<?>> filterOptions(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            AssetFilterOptions options = queries.one(new GetAssetFilterOptions(), AssetFilterOptions.class);
            return ResponseEntity.ok(new InventoryViews.FilterOptions(AssetLabels.options(AssetLabels.ASSET_TYPES),
                    AssetLabels.options(AssetLabels.AWS_SERVICE_TYPES), AssetLabels.options(AssetLabels.CRITICALITIES),
                    AssetLabels.options(AssetLabels.STATUSES), AssetLabels.options(AssetLabels.DATA_CLASSIFICATIONS),
                    options.awsAccounts().stream().map(a -> new InventoryViews.Option(a.id(),
                            a.name() + " (" + a.awsAccountId() + ")")).toList(),
                    options.awsRegions()));
        });
    }

    @GetMapping("/autocomplete")
    public Mono<ResponseEntity<?>> autocomplete(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            String q = f.text("q");
            List<AssetSuggestion> found = q == null || q.trim().length() < 2 ? List.of()
                    : queries.list(new AutocompleteAssets(q.trim(), AssetQueries.AUTOCOMPLETE_MAX), AssetSuggestion.class);
            return ResponseEntity.ok(found.stream().map(InventoryViews.Suggestion::of).toList());
        });
    }

    @PostMapping("/bulk_update")
    public Mono<ResponseEntity<?>> bulkUpdate(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            assetIds(f); // present and not empty
            Map<String, List<String>> badIds = new LinkedHashMap<>();
            List<String> assetIds = uuids(f.node("asset_ids"), badIds);
            if (!badIds.isEmpty()) {
                return invalidIds(f, badIds);
            }
            f.validate();
            // only the bulk fields count (anything else in the body is ignored); check them before writing anything
            details(bulkOnly(f), AssetDetails.named("check"), false);
            int updated = 0;
            for (AssetView asset : assets.byId(assetIds).values()) {
                AssetDetails next = details(bulkOnly(f), asset.details(), false);
                commands.send(new UpdateAsset(asset.id(), next), ctx);
                updated++;
            }
            return ResponseEntity.ok(new InventoryViews.BulkUpdated(updated));
        });
    }

    @PostMapping("/bulk_add_dependency")
    public Mono<ResponseEntity<?>> bulkAddDependency(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            List<String> assetIds = assetIds(f);
            String target = f.requireText("target_asset");
            String type = f.choice("relationship_type", RelationshipMessages.TYPES, false);
            String description = f.text("description");
            if (target != null && !target.isBlank() && assets.find(target) == null) {
                f.error("target_asset", InventoryAssets.doesNotExist(target));
            }
            f.validate();
            Map<String, AssetView> sources = assets.byId(assetIds);
            // unknown ids are not asked about (the original filtered by id__in)
            AssetLinks.Linked linked = AssetLinks.linkAll(commands, ctx,
                    new LinkedHashSet<>(assetIds).stream().filter(sources::containsKey).toList(), target,
                    type == null ? RelationshipMessages.DEFAULT_TYPE : type, description == null ? "" : description);
            return ResponseEntity.ok(new InventoryViews.BulkLinked("Added " + linked.created() + " dependencies to \""
                    + assets.require(target).details().name() + "\".", linked.created(), linked.skipped()));
        });
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            return ResponseEntity.ok(assets.detail(assets.require(id)));
        });
    }

    @PutMapping("/{id}")
    public Mono<ResponseEntity<?>> put(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> update(ctx, f, id, false));
    }

    @PatchMapping("/{id}")
    public Mono<ResponseEntity<?>> patch(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> update(ctx, f, id, true));
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<?>> delete(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            AssetView asset = assets.require(id);
            // its links go with it (RelationshipCascade), before this answers
            commands.send(new DeleteAsset(asset.id()), ctx);
            return ResponseEntity.noContent().build();
        });
    }

    @PostMapping("/{id}/decommission")
    public Mono<ResponseEntity<?>> decommission(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            AssetView asset = assets.require(id);
            commands.send(new DecommissionAsset(asset.id()), ctx);
            return ResponseEntity.ok(assets.detail(assets.require(id)));
        });
    }

    private ResponseEntity<?> update(RequestContext ctx, Fields f, String id, boolean partial) {
        InventoryWeb.admin(ctx);
        AssetView asset = assets.require(id);
        // DRF keeps what a PUT leaves out; it only insists on the required fields
        AssetDetails next = details(f, asset.details(), !partial);
        commands.send(new UpdateAsset(asset.id(), next), ctx);
        return ResponseEntity.ok(assets.detail(assets.require(id)));
    }

    // ---- request reading

    private static List<String> assetIds(Fields f) {
        JsonNode node = f.node("asset_ids");
        List<String> ids = f.repeated("asset_ids");
        if (node == null || ids.isEmpty()) {
            f.error("asset_ids", "This field is required.");
        }
        return ids;
    }

    /**
     * DRF's ListField(child=UUIDField()): each id in its canonical form; one that is no UUID is
     * reported under its index, the way DRF nests a list's item errors.
     */
    private static List<String> uuids(JsonNode node, Map<String, List<String>> badIds) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (int i = 0; i < items.size(); i++) {
            String key = items.get(i).isTextual() ? drfUuid(items.get(i).asText()) : null;
            if (key == null) {
                badIds.put(String.valueOf(i), List.of("Must be a valid UUID."));
            } else {
                out.add(key);
            }
        }
        return out;
    }

    /**
     * A UUID in any form DRF's UUIDField reads (Python's uuid.UUID: hyphens optional, braces,
     * urn:uuid:), canonical; else null. Paths take only the canonical form (AccountsController.uuid).
     */
    static String drfUuid(String text) {
        String hex = text.replace("urn:", "").replace("uuid:", "").replaceAll("^\\{+|\\}+$", "").replace("-", "");
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            return null;
        }
        hex = hex.toLowerCase(java.util.Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
                + "-" + hex.substring(20);
    }

    /** 400 with the ids' errors first and every other field's error beside them, as DRF's serializer reports them. */
    private ResponseEntity<?> invalidIds(Fields f, Map<String, List<String>> badIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset_ids", badIds);
        try {
            f.validate();
            details(bulkOnly(f), AssetDetails.named("check"), false);
        } catch (ApiException others) {
            body.putAll(others.fieldErrors());
        }
        return ResponseEntity.badRequest().body(body);
    }

    private static Fields bulkOnly(Fields f) {
        com.fasterxml.jackson.databind.node.ObjectNode only = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (String field : BULK_FIELDS) {
            if (f.present(field)) {
                JsonNode value = f.node(field);
                only.set(field, value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value);
            }
        }
        return new Fields(only);
    }

    /**
     * The given fields over {@code base}, with DRF's messages for each problem. Enum, URL and name
     * rules are the aggregate's; checking them here too reports every bad field at once.
     */
    private AssetDetails details(Fields f, AssetDetails base, boolean nameRequired) {
        String name = base.name();
        if (f.present("name") || nameRequired) {
            name = f.requireText("name");
            if (name != null && name.length() > 255) f.error("name", "Ensure this field has no more than 255 characters.");
        }
        String assetType = choice(f, "asset_type", base.assetType(), false);
        String serviceType = choice(f, "aws_service_type", base.awsServiceType(), true);
        String status = choice(f, "status", base.status(), false);
        String criticality = choice(f, "criticality", base.criticality(), false);
        String classification = choice(f, "data_classification", base.dataClassification(), false);
        String account = ref(f, "aws_account", AssetQueries.ACCOUNT, base.awsAccount());
        String category = ref(f, "category", AssetQueries.CATEGORY, base.category());
        Map<String, Object> metadata = object(f, "metadata", base.metadata());
        Map<String, Object> tags = object(f, "tags", base.tags());
        List<String> ips = strings(f, "ip_addresses", base.ipAddresses());
        List<String> dns = strings(f, "dns_names", base.dnsNames());
        Instant discovered = time(f, "discovered_at", base.discoveredAt());
        Instant lastSeen = time(f, "last_seen_at", base.lastSeenAt());
        String url = text(f, "url", base.url());
        if (url != null && !url.isEmpty() && !url.matches("^[A-Za-z][A-Za-z0-9+.-]*://\\S+$")) {
            f.error("url", "Enter a valid URL.");
        }
        AssetDetails d = new AssetDetails(name, assetType, serviceType, account, text(f, "aws_region", base.awsRegion()),
                text(f, "aws_resource_id", base.awsResourceId()), text(f, "aws_resource_arn", base.awsResourceArn()),
                status, criticality, text(f, "owner", base.owner()), text(f, "department", base.department()),
                classification, category, metadata, ips, dns, tags, text(f, "description", base.description()),
                text(f, "vendor", base.vendor()), url, text(f, "version", base.version()),
                bool(f, "gdpr_relevant", base.gdprRelevant()), bool(f, "contains_personal_data", base.containsPersonalData()),
                bool(f, "backup_enabled", base.backupEnabled()), bool(f, "monitoring_enabled", base.monitoringEnabled()),
                text(f, "notes", base.notes()), bool(f, "is_manually_added", base.isManuallyAdded()), discovered, lastSeen);
        f.validate();
        return d;
    }

    private static String choice(Fields f, String field, String current, boolean blankAllowed) {
        if (!f.present(field)) {
            return current;
        }
        String value = f.text(field);
        if (value == null || value.isEmpty()) {
            if (blankAllowed) return "";
            f.error(field, value == null ? "This field may not be null." : "\"\" is not a valid choice.");
            return current;
        }
        return f.choice(field, CHOICES.get(field), false);
    }

    private String ref(Fields f, String field, String kind, String current) {
        if (!f.present(field)) {
            return current;
        }
        String value = f.text(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!assets.refExists(kind, value)) {
            f.error(field, InventoryAssets.doesNotExist(value));
        }
        return value;
    }

    private static String text(Fields f, String field, String current) {
        if (!f.present(field)) {
            return current;
        }
        String value = f.text(field);
        return value == null ? "" : value;
    }

    private static boolean bool(Fields f, String field, boolean current) {
        if (!f.present(field)) {
            return current;
        }
        Boolean value = f.bool(field);
        return value == null ? current : value;
    }

    private Map<String, Object> object(Fields f, String field, Map<String, Object> current) {
        if (!f.present(field)) {
            return current;
        }
        JsonNode node = f.node(field);
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            f.error(field, "Expected a dictionary of items but got type \"" + kind(node) + "\".");
            return current;
        }
        return json.convertValue(node, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    }

    private static List<String> strings(Fields f, String field, List<String> current) {
        if (!f.present(field)) {
            return current;
        }
        JsonNode node = f.node(field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            f.error(field, "Expected a list of items but got type \"" + kind(node) + "\".");
            return current;
        }
        List<String> out = new ArrayList<>();
        node.forEach(v -> {
            if (v.isContainerNode() || v.isNull()) {
                f.error(field, "Not a valid string.");
            } else {
                out.add(v.asText());
            }
        });
        return out;
    }

    private static Instant time(Fields f, String field, Instant current) {
        if (!f.present(field)) {
            return current;
        }
        String value = f.text(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            f.error(field, DATETIME_FORMAT);
            return current;
        }
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "list" : node.isObject() ? "dict" : node.isTextual() ? "str" : node.isNumber() ? "int"
                : node.isBoolean() ? "bool" : "null";
    }
}
