package io.opsledger.web.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.migration.MigrationRuns;
import io.opsledger.migration.api.MigrationIds;
import io.opsledger.migration.api.MigrationMessages;
import io.opsledger.migration.api.MigrationMessages.*;
import io.opsledger.migration.api.MigrationQueries.*;
import io.opsledger.platform.BlockingWork;
import io.opsledger.web.ApiErrorHandler;
import io.opsledger.web.ApiException;
import io.opsledger.web.RequestContext;
import io.opsledger.web.Web;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * api_migration's migrations: {id, selected_mount_points, source_of_type, migration_target,
 * migration_state}; reads nest the mount points, the source workload and the target, writes take
 * their ids. {@code GET .../run/} runs one and answers once the run has decided, in the original's
 * words; {@code .../state/} answers {"migration state": ...}; {@code .../events} (ours) streams the
 * latest run's steps as server-sent events.
 */
@RestController
@RequestMapping("/api/v1/migrations")
@Tag(name = "api_migration: migrations")
public class MigrationsController {

    /** The original's answer to a run that succeeded: a JSON string. */
    static final String RUN_SUCCEEDED = "migration successfully";

    /** How often the events stream looks for new steps, and how long it follows one run at most. */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration LONGEST_STREAM = Duration.ofMinutes(15);

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final MigrationWire wire;
    private final MigrationRuns runs;
    private final BlockingWork work;
    private final ObjectMapper json;
    private final QueryGateway queryGateway;

    public MigrationsController(Web web, Commands commands, Queries queries, MigrationWire wire, MigrationRuns runs,
                                BlockingWork work, ObjectMapper json, QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.wire = wire;
        this.runs = runs;
        this.work = work;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "List your migrations")
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MigrationWire.Nesting nest = wire.nesting(owner);
            return ResponseEntity.ok(MigrationWire.inOrder(queries.list(new ListMigrations(owner), MigrationView.class),
                    MigrationView::number, nest::migration));
        });
    }

    @PostMapping
    @Operation(summary = "Create a migration (not_started)")
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            List<Long> mountPoints = MigrationWire.references(f, "selected_mount_points", true);
            Long source = MigrationWire.requireReference(f, "source_of_type");
            Long target = MigrationWire.requireReference(f, "migration_target");
            f.validate();
            long number = wire.next(MigrationIds.MIGRATION);
            commands.send(new CreateMigration(MigrationIds.MIGRATION.aggregateId(number), number, owner, mountPoints, source,
                    target), ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(wire.nesting(owner).migration(find(owner, number)));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read your migration")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            return ResponseEntity.ok(wire.nesting(owner).migration(find(owner, MigrationWire.number(id))));
        });
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change your migration (only the fields given; migration_state changes only by runs)")
    public Mono<ResponseEntity<?>> patch(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MigrationView current = find(owner, MigrationWire.number(id));
            List<Long> mountPoints = f.present("selected_mount_points")
                    ? MigrationWire.references(f, "selected_mount_points", true) : null;
            Long source = MigrationWire.reference(f, "source_of_type");
            Long target = MigrationWire.reference(f, "migration_target");
            f.validate();
            commands.send(new UpdateMigration(MigrationIds.MIGRATION.aggregateId(current.number()), mountPoints, source,
                    target), ctx);
            return ResponseEntity.ok(wire.nesting(owner).migration(find(owner, current.number())));
        });
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete your migration")
    public Mono<ResponseEntity<?>> delete(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MigrationView current = find(owner, MigrationWire.number(id));
            commands.send(new DeleteMigration(MigrationIds.MIGRATION.aggregateId(current.number())), ctx);
            return ResponseEntity.noContent().build();
        });
    }

    /**
     * Runs the migration and answers when it has succeeded or failed, with the original's bodies:
     * 200 "migration successfully"; 400 ["migration can't run"] (the original answered a Python
     * set) unless it is not_started or error; 400 "selected_mount_points not in source" when no
     * selected mount point is on the source (the state is then error); 400 with the reason when it
     * failed otherwise; 202 {"migration state": "running"} if it has not decided within the runs' wait.
     */
    @GetMapping("/{id}/run")
    @Operation(summary = "Run your migration; answers once it has succeeded or failed")
    public Mono<ResponseEntity<?>> run(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MigrationView migration = find(owner, MigrationWire.number(id));
            MigrationView ran;
            try {
                ran = runs.run(ctx, owner, migration.number());
            } catch (RuntimeException refused) {
                ApiException error = ApiErrorHandler.toApiException(refused, exchange);
                if (error.status() == HttpStatus.BAD_REQUEST && error.fieldErrors().isEmpty()) {
                    if (MigrationMessages.CANNOT_RUN.equals(error.getMessage())) {
                        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                                .body(List.of(MigrationMessages.CANNOT_RUN));
                    }
                    if (MigrationMessages.NOT_IN_SOURCE.equals(error.getMessage())) {
                        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                                .body(jsonString(MigrationMessages.NOT_IN_SOURCE));
                    }
                }
                throw refused;
            }
            return switch (ran.state()) {
                case success -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(jsonString(RUN_SUCCEEDED));
                // failed for another reason than the original's one: that reason, as the original answered its errors
                case error -> ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                        .body(jsonString(failure(ran)));
                // still going after the runs' wait: not decided yet, the state and the events stream will tell
                default -> ResponseEntity.accepted().body(stateOf(ran));
            };
        });
    }

    @GetMapping("/{id}/state")
    @Operation(summary = "Your migration's state: {\"migration state\": not_started | running | success | error}")
    public Mono<ResponseEntity<?>> state(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            return ResponseEntity.ok(stateOf(find(owner, MigrationWire.number(id))));
        });
    }

    /** One step of a run as the events stream sends it. */
    public record Step(String run_id, String step, String state, String detail, Instant at) {}

    /**
     * The latest run's steps as server-sent events (the event's name is the step's, its data the
     * step as JSON), then a "state" event with {"migration state": ...}; the stream ends when the
     * run has succeeded or failed. A migration that is not running gets its latest run's steps (none
     * if it never ran) and its state at once.
     */
    @GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow your migration's run as server-sent events (one per step, then \"state\")")
    public Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> events(@PathVariable String id, ServerWebExchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        return work.call(() -> {
            String owner = MigrationWire.owner(ctx);
            MigrationView found = find(owner, MigrationWire.number(id));
            return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(stream(owner, found.number()));
        });
    }

    /**
     * The migration's view now, then at each change (the read model's WatchMigrationRun updates),
     * and every {@link #POLL} as well (a change applied on another node is not pushed here).
     */
    private Flux<ServerSentEvent<Object>> stream(String owner, long number) {
        return Flux.defer(() -> {
            Progress progress = new Progress();
            SubscriptionQueryResult<MigrationView, MigrationView> watch = queryGateway.subscriptionQuery(
                    new WatchMigrationRun(owner, number), MigrationView.class, MigrationView.class);
            Flux<Optional<MigrationView>> polled = Flux.interval(POLL, POLL).onBackpressureDrop()
                    .concatMap(tick -> work.call(() -> Optional.ofNullable(queries.one(
                            new FindMigration(owner, number), MigrationView.class))));
            return Flux.concat(watch.initialResult().map(Optional::of).defaultIfEmpty(Optional.empty()),
                            Flux.merge(watch.updates().map(Optional::of), polled))
                    .takeWhile(Optional::isPresent) // deleted: the stream ends
                    .map(Optional::get)
                    .takeUntil(view -> view.state() != MigrationState.running)
                    .take(LONGEST_STREAM)
                    .concatMap(view -> Flux.fromIterable(progress.next(view)))
                    .concatWith(Mono.fromSupplier(() -> progress.last == null ? null
                            : ServerSentEvent.<Object>builder(stateOf(progress.last)).event("state").build()))
                    .doFinally(signal -> watch.cancel());
        });
    }

    /** What a stream has sent of the latest run. */
    private static final class Progress {
        private String runId;
        private int sent;
        private MigrationView last;

        List<ServerSentEvent<Object>> next(MigrationView view) {
            last = view;
            if (view.runId() == null || !view.runId().equals(runId)) {
                runId = view.runId();
                sent = 0;
            }
            List<RunStep> steps = view.steps() == null ? List.of() : view.steps();
            List<ServerSentEvent<Object>> out = new ArrayList<>();
            for (int i = sent; i < steps.size(); i++) {
                RunStep step = steps.get(i);
                out.add(ServerSentEvent.<Object>builder(new Step(step.runId(), step.step(),
                                step.state() == null ? null : step.state().name(), step.detail(), step.at()))
                        .event(step.step()).id(step.runId() + ":" + (i + 1)).build());
            }
            sent = Math.max(sent, steps.size());
            return out;
        }
    }

    private static String failure(MigrationView view) {
        List<RunStep> steps = view.steps() == null ? List.of() : view.steps();
        String detail = steps.isEmpty() ? null : steps.get(steps.size() - 1).detail();
        return detail == null || detail.isBlank() ? "migration failed" : detail;
    }

    private static Map<String, String> stateOf(MigrationView view) {
        return Map.of("migration state", view.state().name());
    }

    private String jsonString(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private MigrationView find(String owner, long number) {
        MigrationView view = queries.one(new FindMigration(owner, number), MigrationView.class);
        if (view == null) {
            throw MigrationWire.notFound();
        }
        return view;
    }
}
