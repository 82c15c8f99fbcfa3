package io.opsledger.web.driftmgr;

import io.opsledger.drift.api.ResourceMessages;

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
import io.opsledger.common.Queries;
import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.Web;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

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
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("state_files", page.stateFiles().stream().map(StateController::item).toList());
            data.put("total", page.total());
            data.put("limit", size);
            data.put("offset", skip);
            return Envelope.ok(data);
        });
    }

    @GetMapping("/details")
    public Mono<ResponseEntity<?>> details(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.viewer(ctx);
            String stateId = f.requireText("state_id");
            DriftMgrWeb.validate(f);
            return Envelope.ok(details(states.trySync(ctx, states.state(stateId))));
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
            return Envelope.ok(edited(after, "Resource " + type.trim() + "." + name.trim() + " imported", type.trim() + "." + name.trim()));
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
            return Envelope.ok(edited(after, "Resource " + from.trim() + " moved to " + to.trim(), to.trim()));
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
            StateResourceView target = resolve(id, stateId == null || stateId.isBlank() ? null : states.state(stateId).id());
            StateFileView state = states.state(target.stateId());
            String address = resourceAddress(target);
            StateFileView after = locks.edit(ctx, state, lockId, "state-rm", "opsledger: state rm " + address,
                    held -> new RemoveStateResource(state.id(), held, address));
            return Envelope.ok(edited(after, "Resource " + address + " removed", address));
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
            return Envelope.ok(DriftMgrWeb.lockJson(lock));
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
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("state_id", state.id());
            data.put("locked", false);
            data.put("forced", forced);
            data.put("lock", DriftMgrWeb.lockJson(released));
            return Envelope.ok(data);
        });
    }

    // ---- resources named by address or cloud id

    private StateResourceView resolve(String id, String stateId) {
        List<StateResourceView> all = queries.list(new FindStateResources(stateId), StateResourceView.class);
        List<StateResourceView> byAddress = all.stream().filter(r -> r.address().equals(id) || resourceAddress(r).equals(id)).toList();
        // else the id /resources gives out (NOTES.md), else the cloud id
        List<StateResourceView> matches = byAddress.isEmpty()
                ? all.stream().filter(r -> id.equals(ResourceMessages.resourceId(r.stateId(), r.address()))).toList() : byAddress;
        if (matches.isEmpty()) {
            matches = all.stream().filter(r -> id.equals(r.resourceId())).toList();
        }
        long statesMatched = matches.stream().map(StateResourceView::stateId).distinct().count();
        if (matches.isEmpty()) {
            throw ApiException.notFound("Resource " + id + " not found" + (stateId == null ? "" : " in state " + stateId));
        }
        if (statesMatched > 1) {
            throw ApiException.field("state_id", "Resource " + id + " is in " + statesMatched
                    + " state files; say which with ?state_id=.");
        }
        if (matches.stream().map(StateController::resourceAddress).distinct().count() > 1) {
            throw ApiException.field("id", "More than one resource has id " + id + "; use its address.");
        }
        return matches.get(0);
    }

    /** The whole resource's address (without an instance key). */
    private static String resourceAddress(StateResourceView r) {
        String local = ("data".equals(r.mode()) ? "data." : "") + r.type() + "." + r.name();
        return r.module() == null ? local : r.module() + "." + local;
    }

    // ---- JSON

    private static Map<String, Object> item(StateFileView s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("backend_id", s.backendId());
        out.put("path", s.path());
        out.put("size", s.size());
        out.put("last_modified", s.lastModified());
        out.put("locked", s.locked());
        out.put("serial", s.state() == null ? null : s.state().serial());
        out.put("terraform_version", s.state() == null ? null : s.state().terraformVersion());
        out.put("resource_count", s.state() == null ? 0 : s.state().resources().size());
        return out;
    }

    private static Map<String, Object> details(StateFileView s) {
        TerraformState state = s.state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("backend_id", s.backendId());
        out.put("path", s.path());
        List<Map<String, Object>> resources = new ArrayList<>();
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (state != null) {
            for (StateResource r : state.resources()) {
                resources.add(resource(r));
            }
            for (Map.Entry<String, StateOutput> o : state.outputs().entrySet()) {
                outputs.put(o.getKey(), SensitiveValues.shown(o.getValue()));
            }
        }
        out.put("resources", resources);
        out.put("outputs", outputs);
        out.put("version", state == null ? null : state.version());
        out.put("serial", state == null ? null : state.serial());
        out.put("lineage", state == null ? null : state.lineage());
        out.put("terraform_version", state == null ? null : state.terraformVersion());
        out.put("size", s.size());
        out.put("last_modified", s.lastModified());
        out.put("locked", s.locked());
        out.put("lock", s.holder() == null ? null : DriftMgrWeb.lockJson(s.holder()));
        if (s.parseError() != null) {
            out.put("error", s.parseError());
        }
        return out;
    }

    private static Map<String, Object> resource(StateResource r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("address", r.address());
        out.put("mode", r.mode());
        out.put("type", r.type());
        out.put("name", r.name());
        out.put("module", r.module());
        out.put("provider", r.provider());
        ResourceInstance first = r.instances().isEmpty() ? null : r.instances().get(0);
        out.put("id", first == null ? null : first.resourceId());
        out.put("attributes", first == null ? Map.of() : SensitiveValues.masked(first));
        List<Map<String, Object>> instances = new ArrayList<>();
        for (ResourceInstance i : r.instances()) {
            Map<String, Object> instance = new LinkedHashMap<>();
            instance.put("address", r.address(i));
            instance.put("index_key", i.indexKey());
            instance.put("id", i.resourceId());
            instance.put("schema_version", i.schemaVersion());
            instance.put("attributes", SensitiveValues.masked(i));
            instances.add(instance);
        }
        out.put("instances", instances);
        return out;
    }

    private static Map<String, Object> edited(StateFileView s, String message, String address) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", message);
        out.put("state_id", s.id());
        out.put("address", address);
        out.put("serial", s.state() == null ? null : s.state().serial());
        out.put("lineage", s.state() == null ? null : s.state().lineage());
        out.put("resource_count", s.state() == null ? 0 : s.state().resources().size());
        return out;
    }

}
