package io.opsledger.web.driftmgr;


import io.opsledger.drift.StateLocks;
import io.opsledger.drift.StateSync;
import io.opsledger.drift.api.DriftQueries.*;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.StateMessages.*;
import io.opsledger.drift.tfstate.ResourceInstance;
import io.opsledger.drift.tfstate.SensitiveValues;
import io.opsledger.drift.tfstate.StateOutput;
import io.opsledger.drift.tfstate.StateResource;
import io.opsledger.drift.tfstate.TerraformState;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.common.Queries;
import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.Web;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DriftMgr's State Management (driftmgr-api.md): list, details, import/move/remove (each under the
 * state's lock, written back with serial + 1), lock and unlock with Terraform's LockInfo.
 * Viewers read; operators lock, unlock and edit; only admins force-unlock.
 */
@RestController
@RequestMapping("/api/v1/state")
public class StateController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final Web web;
    private final Queries queries;
    private final StateSync states;
    private final StateLocks locks;

    public StateController(Web web, Queries queries, StateSync states, StateLocks locks) {
        this.web = web;
        this.queries = queries;
        this.states = states;
        this.locks = locks;
    }

    @GetMapping("/list")
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.viewer(ctx);
            Integer limit = f.integer("limit");
            Integer offset = f.integer("offset");
            if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
                f.error("limit", "Must be between 1 and " + MAX_LIMIT + ".");
            }
            if (offset != null && offset < 0) {
                f.error("offset", "Must be 0 or more.");
            }
            String backendId = f.text("backend_id");
            DriftMgrWeb.validate(f);
            if (backendId != null && !backendId.isBlank()) {
                states.trySyncBackend(ctx, states.backend(backendId));
            } else {
                backendId = null;
                states.trySyncAll(ctx);
            }
            int size = limit == null ? DEFAULT_LIMIT : limit;
            int skip = offset == null ? 0 : offset;
            StateFilePage page = queries.one(new ListStateFiles(backendId, skip, size), StateFilePage.class);
            return Envelope.ok(new StateFileList(page.stateFiles().stream().map(StateFileItem::of).toList(), page.total(), size, skip));
        });
    }

    @GetMapping("/details")
    public Mono<ResponseEntity<?>> details(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.viewer(ctx);
            String stateId = f.requireText("state_id");
            DriftMgrWeb.validate(f);
            return Envelope.ok(StateFileDetails.of(states.trySync(ctx, states.state(stateId))));
        });
    }

    @PostMapping("/import")
    public Mono<ResponseEntity<?>> importResource(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.operator(ctx);
            String stateId = f.requireText("state_id");
            String type = f.requireText("resource_type");
            String name = f.requireText("resource_name");
            String resourceId = f.requireText("resource_id");
            String lockId = f.text("lock_id");
            DriftMgrWeb.validate(f);
            StateFileView state = states.state(stateId);
            StateFileView after = locks.edit(ctx, state, lockId, "import", "opsledger: import " + type + "." + name,
                    held -> new ImportStateResource(state.id(), held, type.trim(), name.trim(), resourceId));
            return Envelope.ok(Edited.of(after, "Resource " + type.trim() + "." + name.trim() + " imported", type.trim() + "." + name.trim()));
        });
    }

    @PostMapping("/move")
    public Mono<ResponseEntity<?>> move(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.operator(ctx);
            String stateId = f.requireText("state_id");
            String from = f.requireText("from_address");
            String to = f.requireText("to_address");
            String lockId = f.text("lock_id");
            DriftMgrWeb.validate(f);
            StateFileView state = states.state(stateId);
            StateFileView after = locks.edit(ctx, state, lockId, "state-mv", "opsledger: state mv " + from + " " + to,
                    held -> new MoveStateResource(state.id(), held, from.trim(), to.trim()));
            return Envelope.ok(Edited.of(after, "Resource " + from.trim() + " moved to " + to.trim(), to.trim()));
        });
    }

    /** {@code id}: the resource's address (type.name), its id from /resources, or its cloud id; {@code ?state_id=} when it is in several states. */
    @DeleteMapping("/resources/{id}")
    public Mono<ResponseEntity<?>> remove(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.operator(ctx);
            String stateId = f.text("state_id");
            String lockId = f.text("lock_id");
            DriftMgrWeb.validate(f);
            StateResourceView target = states.resource(id, stateId == null || stateId.isBlank() ? null : states.state(stateId).id());
            StateFileView state = states.state(target.stateId());
            String address = StateSync.resourceAddress(target);
            StateFileView after = locks.edit(ctx, state, lockId, "state-rm", "opsledger: state rm " + address,
                    held -> new RemoveStateResource(state.id(), held, address));
            return Envelope.ok(Edited.of(after, "Resource " + address + " removed", address));
        });
    }

    @PostMapping("/lock")
    public Mono<ResponseEntity<?>> lock(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.operator(ctx);
            String stateId = f.requireText("state_id");
            String reason = f.text("reason");
            String operation = f.text("operation");
            DriftMgrWeb.validate(f);
            LockInfo lock = locks.lock(ctx, states.state(stateId), reason, operation);
            return Envelope.ok(TerraformLock.of(lock));
        });
    }

    @PostMapping("/unlock")
    public Mono<ResponseEntity<?>> unlock(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.operator(ctx);
            String stateId = f.requireText("state_id");
            Boolean force = f.bool("force");
            String lockId = f.text("lock_id");
            boolean forced = Boolean.TRUE.equals(force);
            if (!forced && (lockId == null || lockId.isBlank())) {
                f.error("lock_id", "This field is required unless force is true.");
            }
            DriftMgrWeb.validate(f);
            StateFileView state = states.state(stateId);
            if (forced && !ctx.requireUser().has(Role.ADMIN)) {
                throw ApiException.of(HttpStatus.FORBIDDEN, "Only admins can force-unlock a state.");
            }
            LockInfo released = locks.unlock(ctx, state, lockId, forced);
            return Envelope.ok(new Unlocked(state.id(), false, forced, TerraformLock.of(released)));
        });
    }

    // ---- JSON: DriftMgr's views

    record StateFileList(@JsonProperty("state_files") List<StateFileItem> stateFiles, long total, int limit, int offset) {}

    record StateFileItem(String id, @JsonProperty("backend_id") String backendId, String path, long size,
                         @JsonProperty("last_modified") Instant lastModified, boolean locked, Long serial,
                         @JsonProperty("terraform_version") String terraformVersion,
                         @JsonProperty("resource_count") int resourceCount) {
        static StateFileItem of(StateFileView s) {
            TerraformState state = s.state();
            return new StateFileItem(s.id(), s.backendId(), s.path(), s.size(), s.lastModified(), s.locked(),
                    state == null ? null : state.serial(), state == null ? null : state.terraformVersion(),
                    state == null ? 0 : state.resources().size());
        }
    }

    /** {@code error} only when the file is not a state. */
    record StateFileDetails(String id, @JsonProperty("backend_id") String backendId, String path,
                            List<ResourceJson> resources, Map<String, Object> outputs, Integer version, Long serial,
                            String lineage, @JsonProperty("terraform_version") String terraformVersion, long size,
                            @JsonProperty("last_modified") Instant lastModified, boolean locked, TerraformLock lock,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
        static StateFileDetails of(StateFileView s) {
            TerraformState state = s.state();
            List<ResourceJson> resources = new ArrayList<>();
            Map<String, Object> outputs = new LinkedHashMap<>();
            if (state != null) {
                for (StateResource r : state.resources()) {
                    resources.add(ResourceJson.of(r));
                }
                for (Map.Entry<String, StateOutput> o : state.outputs().entrySet()) {
                    outputs.put(o.getKey(), SensitiveValues.shown(o.getValue()));
                }
            }
            return new StateFileDetails(s.id(), s.backendId(), s.path(), resources, outputs,
                    state == null ? null : state.version(), state == null ? null : state.serial(),
                    state == null ? null : state.lineage(), state == null ? null : state.terraformVersion(), s.size(),
                    s.lastModified(), s.locked(), TerraformLock.of(s.holder()), s.parseError());
        }
    }

    record ResourceJson(String address, String mode, String type, String name, String module, String provider, String id,
                        Map<String, Object> attributes, List<InstanceJson> instances) {
        static ResourceJson of(StateResource r) {
            ResourceInstance first = r.instances().isEmpty() ? null : r.instances().get(0);
            return new ResourceJson(r.address(), r.mode(), r.type(), r.name(), r.module(), r.provider(),
                    first == null ? null : first.resourceId(), first == null ? Map.of() : SensitiveValues.masked(first),
                    r.instances().stream().map(i -> new InstanceJson(r.address(i), i.indexKey(), i.resourceId(),
                            i.schemaVersion(), SensitiveValues.masked(i))).toList());
        }
    }

    record InstanceJson(String address, @JsonProperty("index_key") Object indexKey, String id,
                        @JsonProperty("schema_version") long schemaVersion, Map<String, Object> attributes) {}

    record Edited(String message, @JsonProperty("state_id") String stateId, String address, Long serial, String lineage,
                  @JsonProperty("resource_count") int resourceCount) {
        static Edited of(StateFileView s, String message, String address) {
            TerraformState state = s.state();
            return new Edited(message, s.id(), address, state == null ? null : state.serial(),
                    state == null ? null : state.lineage(), state == null ? 0 : state.resources().size());
        }
    }

    record Unlocked(@JsonProperty("state_id") String stateId, boolean locked, boolean forced, TerraformLock lock) {}
}
