package io.opsledger.web.inventory;

import io.opsledger.inventory.InventoryQueries.*;
import io.opsledger.inventory.api.CategoryMessages.*;
import io.opsledger.common.Commands;
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

import java.util.UUID;

/**
 * Asset categories (asset-inventory-api.md, Asset Categories). Everyone signed in reads; admins and
 * the superadmin write. Names are unique (409); the list is paginated like every inventory list.
 */
@RestController
@RequestMapping("/api/categories")
public class CategoriesController {

    private final Web web;
    private final Commands commands;
    private final Queries queries;

    public CategoriesController(Web web, Commands commands, Queries queries) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            Page page = Page.of(f);
            CategoryPage result = queries.one(new ListCategories(f.text("search"), page.offset(), page.size()),
                    CategoryPage.class);
            return ResponseEntity.ok(page.body(result.count(),
                    result.results().stream().map(InventoryViews.Category::of).toList(), exchange));
        });
    }

    @PostMapping
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            String id = UUID.randomUUID().toString();
            CategoryDetails details = read(f, null);
            commands.send(new CreateCategory(id, details), ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(InventoryViews.Category.of(find(id)));
        });
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            return ResponseEntity.ok(InventoryViews.Category.of(find(id)));
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
            CategoryView category = find(id);
            commands.send(new DeleteCategory(category.id()), ctx);
            return ResponseEntity.noContent().build();
        });
    }

    /** A rename claims the new name (InventoryClaims); the old one is let go once the rename is recorded. */
    private ResponseEntity<?> update(RequestContext ctx, Fields f, String id, boolean partial) {
        InventoryWeb.admin(ctx);
        CategoryView current = find(id);
        CategoryDetails details = read(f, partial ? current : new CategoryView(current.id(), null, current.description(),
                current.icon(), current.color(), current.assetCount(), current.createdAt(), current.updatedAt()));
        commands.send(new UpdateCategory(current.id(), details), ctx);
        return ResponseEntity.ok(InventoryViews.Category.of(find(current.id())));
    }

    /** What the request gives, else {@code base}'s value; a new category's defaults are the aggregate's. */
    private static CategoryDetails read(Fields f, CategoryView base) {
        String name = f.present("name") || base == null || base.name() == null ? f.requireText("name") : base.name();
        String description = f.present("description") ? f.text("description") : base == null ? null : base.description();
        String icon = f.present("icon") ? f.text("icon") : base == null ? null : base.icon();
        String color = f.present("color") ? f.text("color") : base == null ? null : base.color();
        // CN-Asset-Manager's AssetCategory model
        f.maxLength("name", 100);
        f.maxLength("icon", 50);
        f.maxLength("color", 20);
        f.validate();
        return new CategoryDetails(name.trim(), description == null ? "" : description,
                icon == null ? null : icon.trim(), color == null ? null : color.trim());
    }

    private CategoryView find(String id) {
        String key = AccountsController.uuid(id);
        CategoryView category = key == null ? null : queries.one(new FindCategory(key), CategoryView.class);
        if (category == null) {
            throw ApiException.notFound("Not found.");
        }
        return category;
    }
}
