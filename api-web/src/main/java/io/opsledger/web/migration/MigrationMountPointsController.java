package io.opsledger.web.migration;

import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.migration.api.MigrationIds;
import io.opsledger.migration.api.MigrationMessages.*;
import io.opsledger.migration.api.MigrationQueries.*;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** api_migration's mount points: {id, mount_point_name, total_size_of_the_volume}, each the caller's own. */
@RestController
@RequestMapping("/api/v1/mount_points")
@Tag(name = "api_migration: mount points")
public class MigrationMountPointsController {

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final MigrationWire wire;

    public MigrationMountPointsController(Web web, Commands commands, Queries queries, MigrationWire wire) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.wire = wire;
    }

    @GetMapping
    @Operation(summary = "List your mount points")
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MigrationWire.Nesting nest = wire.nesting(owner);
            return ResponseEntity.ok(MigrationWire.inOrder(queries.list(new ListMountPoints(owner), MountPointView.class),
                    MountPointView::number, nest::mountPoint));
        });
    }

    @PostMapping
    @Operation(summary = "Create a mount point")
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            Input input = read(f, true);
            long number = wire.next(MigrationIds.MOUNT_POINT);
            commands.send(new CreateMountPoint(MigrationIds.MOUNT_POINT.aggregateId(number), number, owner, input.name,
                    input.totalSize), ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(wire.nesting(owner).mountPoint(find(owner, number)));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read your mount point")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            return ResponseEntity.ok(wire.nesting(owner).mountPoint(find(owner, MigrationWire.number(id))));
        });
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change your mount point (only the fields given)")
    public Mono<ResponseEntity<?>> patch(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MountPointView current = find(owner, MigrationWire.number(id));
            Input input = read(f, false);
            commands.send(new UpdateMountPoint(MigrationIds.MOUNT_POINT.aggregateId(current.number()), input.name,
                    input.totalSize), ctx);
            return ResponseEntity.ok(wire.nesting(owner).mountPoint(find(owner, current.number())));
        });
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete your mount point")
    public Mono<ResponseEntity<?>> delete(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MountPointView current = find(owner, MigrationWire.number(id));
            commands.send(new DeleteMountPoint(MigrationIds.MOUNT_POINT.aggregateId(current.number())), ctx);
            return ResponseEntity.noContent().build();
        });
    }

    private record Input(String name, Long totalSize) {}

    /**
     * The original's model: mount_point_name TextField(max_length=100); total_size_of_the_volume an
     * integer (64 bits like SQLite's: its clients send MAC-sized numbers) that the aggregate wants positive.
     */
    private static Input read(Fields f, boolean create) {
        String name = MigrationWire.text(f, "mount_point_name", 100, create);
        Long size = null;
        if (f.present("total_size_of_the_volume") && f.node("total_size_of_the_volume") == null) {
            f.error("total_size_of_the_volume", "This field may not be null.");
        } else if (f.present("total_size_of_the_volume") && f.node("total_size_of_the_volume").isTextual()
                && f.node("total_size_of_the_volume").asText().isBlank()) {
            f.error("total_size_of_the_volume", create ? "This field is required." : "A valid integer is required.");
        } else {
            size = MigrationWire.whole(f, "total_size_of_the_volume");
            if (size == null && create && !f.present("total_size_of_the_volume")) {
                f.error("total_size_of_the_volume", "This field is required.");
            }
        }
        f.validate();
        return new Input(name, size);
    }

    private MountPointView find(String owner, long number) {
        MountPointView view = queries.one(new FindMountPoint(owner, number), MountPointView.class);
        if (view == null) {
            throw MigrationWire.notFound();
        }
        return view;
    }
}
