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

import java.util.Arrays;
import java.util.List;

/**
 * api_migration's migration targets: {id, cloud_credentials, target_vm, cloud_type}; reads nest
 * the credentials and the target VM (a workload, or null), writes take their ids.
 */
@RestController
@RequestMapping("/api/v1/migration_targets")
@Tag(name = "api_migration: migration targets")
public class MigrationTargetsController {

    static final List<String> CLOUD_TYPES = Arrays.stream(CloudType.values()).map(Enum::name).toList();

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final MigrationWire wire;

    public MigrationTargetsController(Web web, Commands commands, Queries queries, MigrationWire wire) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.wire = wire;
    }

    @GetMapping
    @Operation(summary = "List your migration targets")
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MigrationWire.Nesting nest = wire.nesting(owner);
            return ResponseEntity.ok(MigrationWire.inOrder(queries.list(new ListMigrationTargets(owner),
                    MigrationTargetView.class), MigrationTargetView::number, nest::target));
        });
    }

    @PostMapping
    @Operation(summary = "Create a migration target")
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            CloudType cloudType = cloudType(f);
            Long credentials = MigrationWire.requireReference(f, "cloud_credentials");
            Long targetVm = MigrationWire.reference(f, "target_vm");
            f.validate();
            long number = wire.next(MigrationIds.MIGRATION_TARGET);
            commands.send(new CreateMigrationTarget(MigrationIds.MIGRATION_TARGET.aggregateId(number), number, owner,
                    cloudType == null ? CloudType.aws : cloudType, credentials, targetVm), ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(wire.nesting(owner).target(find(owner, number)));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read your migration target")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            return ResponseEntity.ok(wire.nesting(owner).target(find(owner, MigrationWire.number(id))));
        });
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change your migration target (only the fields given; target_vm null clears it)")
    public Mono<ResponseEntity<?>> patch(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MigrationTargetView current = find(owner, MigrationWire.number(id));
            CloudType cloudType = cloudType(f);
            Long credentials = MigrationWire.reference(f, "cloud_credentials");
            Long targetVm = MigrationWire.reference(f, "target_vm");
            boolean clear = f.present("target_vm") && targetVm == null;
            f.validate();
            commands.send(new UpdateMigrationTarget(MigrationIds.MIGRATION_TARGET.aggregateId(current.number()), cloudType,
                    credentials, targetVm, clear), ctx);
            return ResponseEntity.ok(wire.nesting(owner).target(find(owner, current.number())));
        });
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete your migration target")
    public Mono<ResponseEntity<?>> delete(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MigrationTargetView current = find(owner, MigrationWire.number(id));
            commands.send(new DeleteMigrationTarget(MigrationIds.MIGRATION_TARGET.aggregateId(current.number())), ctx);
            return ResponseEntity.noContent().build();
        });
    }

    /** The given cloud type (DRF's ChoiceField), or null when absent. */
    private static CloudType cloudType(Fields f) {
        if (f.present("cloud_type") && f.node("cloud_type") == null) {
            f.error("cloud_type", "This field may not be null.");
            return null;
        }
        String value = f.choice("cloud_type", CLOUD_TYPES, false);
        return value != null && CLOUD_TYPES.contains(value) ? CloudType.valueOf(value) : null;
    }

    private MigrationTargetView find(String owner, long number) {
        MigrationTargetView view = queries.one(new FindMigrationTarget(owner, number), MigrationTargetView.class);
        if (view == null) {
            throw MigrationWire.notFound();
        }
        return view;
    }
}
