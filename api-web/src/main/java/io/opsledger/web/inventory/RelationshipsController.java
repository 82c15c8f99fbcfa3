package io.opsledger.web.inventory;

import io.opsledger.inventory.AssetQueries.ListRelationships;
import io.opsledger.inventory.AssetQueries.RelationshipPage;
import io.opsledger.inventory.AssetQueries.RelationshipView;
import io.opsledger.inventory.api.RelationshipMessages;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.inventory.api.RelationshipMessages.CreateRelationship;
import io.opsledger.inventory.api.RelationshipMessages.DeleteRelationship;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Asset relationships (asset-inventory-api.md, Asset Relationships): GET, POST and DELETE only
 * (PUT and PATCH answer 405). A link that exists already is a 409 (NOTES: duplicates of unique
 * relationships get 409) with DRF's unique_together wording; a self-link is a 400.
 */
@RestController
@RequestMapping("/api/relationships")
public class RelationshipsController {

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final InventoryAssets assets;

    public RelationshipsController(Web web, Commands commands, Queries queries, InventoryAssets assets) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.assets = assets;
    }

    @GetMapping
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            Page page = Page.of(f);
            RelationshipPage result = queries.one(new ListRelationships(blank(f.text("source_asset")),
                    blank(f.text("target_asset")), blank(f.text("relationship_type")), page.offset(), page.size()),
                    RelationshipPage.class);
            return ResponseEntity.ok(page.body(result.count(), assets.relationshipJson(result.results()), exchange));
        });
    }

    @PostMapping
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            String source = f.requireText("source_asset");
            String target = f.requireText("target_asset");
            String type = f.choice("relationship_type", RelationshipMessages.TYPES, false);
            String description = f.text("description");
            exists(f, "source_asset", source);
            exists(f, "target_asset", target);
            f.validate();
            if (source.equals(target)) {
                throw ApiException.fields(Map.of("non_field_errors", List.of(io.opsledger.inventory.Relationship.SELF_LINK)));
            }
            String id = InventoryAssets.newId();
            // a link that exists already: 409, refused by its claim (InventoryClaims)
            commands.send(new CreateRelationship(id, source, target, type == null ? RelationshipMessages.DEFAULT_TYPE : type,
                    description == null ? "" : description), ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(assets.relationshipJson(List.of(require(id))).get(0));
        });
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            return ResponseEntity.ok(assets.relationshipJson(List.of(require(id))).get(0));
        });
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<?>> delete(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            commands.send(new DeleteRelationship(require(id).id()), ctx);
            return ResponseEntity.noContent().build();
        });
    }

    private RelationshipView require(String id) {
        RelationshipView link = assets.relationship(id);
        if (link == null) {
            throw ApiException.notFound("Not found.");
        }
        return link;
    }

    private void exists(Fields f, String field, String assetId) {
        if (assetId != null && !assetId.isBlank() && assets.find(assetId) == null) {
            f.error(field, InventoryAssets.doesNotExist(assetId));
        }
    }

    private static String blank(String value) { return value == null || value.isBlank() ? null : value; }
}
