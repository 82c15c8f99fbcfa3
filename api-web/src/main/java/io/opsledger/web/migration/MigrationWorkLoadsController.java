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

import java.util.List;

/**
 * api_migration's workloads (migration sources): {id, credentials, storage, ip}; reads nest the
 * credentials and the storage's mount points, writes take their ids. The ip's uniqueness and
 * immutability, and the references, are the aggregate's rules.
 */
@RestController
@RequestMapping("/api/v1/work_loads")
@Tag(name = "api_migration: work loads")
public class MigrationWorkLoadsController {

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final MigrationWire wire;

    public MigrationWorkLoadsController(Web web, Commands commands, Queries queries, MigrationWire wire) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.wire = wire;
    }

    @GetMapping
    @Operation(summary = "List your workloads")
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MigrationWire.Nesting nest = wire.nesting(owner);
            return ResponseEntity.ok(MigrationWire.inOrder(queries.list(new ListWorkLoads(owner), WorkLoadView.class),
                    WorkLoadView::number, nest::workLoad));
        });
    }

    @PostMapping
    @Operation(summary = "Create a workload")
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            String ip = MigrationWire.text(f, "ip", 50, true);
            Long credentials = MigrationWire.requireReference(f, "credentials");
            List<Long> storage = MigrationWire.references(f, "storage", true);
            f.validate();
            long number = wire.next(MigrationIds.WORK_LOAD);
            commands.send(new CreateWorkLoad(MigrationIds.WORK_LOAD.aggregateId(number), number, owner, ip, credentials,
                    storage, null, null), ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(wire.nesting(owner).workLoad(find(owner, number)));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read your workload")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            return ResponseEntity.ok(wire.nesting(owner).workLoad(find(owner, MigrationWire.number(id))));
        });
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change your workload's credentials or storage (the ip cannot change)")
    public Mono<ResponseEntity<?>> patch(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            WorkLoadView current = find(owner, MigrationWire.number(id));
            Update update = read(f);
            commands.send(new UpdateWorkLoad(MigrationIds.WORK_LOAD.aggregateId(current.number()), update.ip,
                    update.credentials, update.storage), ctx);
            return ResponseEntity.ok(wire.nesting(owner).workLoad(find(owner, current.number())));
        });
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete your workload")
    public Mono<ResponseEntity<?>> delete(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            WorkLoadView current = find(owner, MigrationWire.number(id));
            commands.send(new DeleteWorkLoad(MigrationIds.WORK_LOAD.aggregateId(current.number())), ctx);
            return ResponseEntity.noContent().build();
        });
    }

    private record Update(String ip, Long credentials, List<Long> storage) {}

    /** The fields given: an ip goes to the aggregate, which refuses to change it; a null or empty credentials is ignored. */
    private static Update read(Fields f) {
        String ip = MigrationWire.text(f, "ip", 50, false);
        Long credentials = MigrationWire.reference(f, "credentials");
        List<Long> storage = f.present("storage") ? MigrationWire.references(f, "storage", true) : null;
        f.validate();
        return new Update(ip, credentials, storage);
    }

    private WorkLoadView find(String owner, long number) {
        WorkLoadView view = queries.one(new FindWorkLoad(owner, number), WorkLoadView.class);
        if (view == null) {
            throw MigrationWire.notFound();
        }
        return view;
    }
}
