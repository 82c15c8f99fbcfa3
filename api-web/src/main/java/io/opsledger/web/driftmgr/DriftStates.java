package io.opsledger.web.driftmgr;

import io.opsledger.common.RuleViolation;
import io.opsledger.drift.DriftQueries.*;
import io.opsledger.drift.StateFile;
import io.opsledger.drift.StateFileStore;
import io.opsledger.drift.StateFileStore.Content;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.StateLockedException;
import io.opsledger.drift.api.StateMessages;
import io.opsledger.drift.api.StateMessages.*;
import io.opsledger.drift.tfstate.SensitiveValues;
import io.opsledger.drift.tfstate.TerraformState;
import io.opsledger.gateway.tfstate.StateStorage;
import io.opsledger.gateway.tfstate.StateStorage.StoredState;
import io.opsledger.gateway.tfstate.StateStorageException;
import io.opsledger.gateway.tfstate.StateStorages;
import io.opsledger.identity.api.Role;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.RequestContext;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * How DriftMgr's state endpoints reach the StateFile aggregates and the backends: reading state
 * files into the event log (sync), and the lock protocol. A lock is decided by the aggregate
 * (exactly one of many requests wins) and then written where Terraform looks (S3 {@code .tflock},
 * local {@code .lock.info}) with a create-if-absent; if Terraform holds that file, our lock is
 * given back and the caller gets Terraform's lock in a 409.
 */
@Component
public class DriftStates {

    private static final Logger log = LoggerFactory.getLogger(DriftStates.class);
    public static final String STATE_LOCKED = "STATE_LOCKED";
    public static final String STATE_NOT_LOCKED = "STATE_NOT_LOCKED";
    public static final String BACKEND_UNAVAILABLE = "BACKEND_UNAVAILABLE";

    private final Commands commands;
    private final Queries queries;
    private final StateStorages storages;
    private final StateFileStore files;

    public DriftStates(Commands commands, Queries queries, StateStorages storages, StateFileStore files) {
        this.commands = commands;
        this.queries = queries;
        this.storages = storages;
        this.files = files;
    }

    // ---- lookups (404 in DriftMgr's words)

    public BackendView backend(String id) {
        BackendView backend = uuid(id) ? queries.one(new FindBackend(id), BackendView.class) : null;
        if (backend == null) {
            throw ApiException.notFound("Backend not found");
        }
        return backend;
    }

    public StateFileView state(String id) {
        StateFileView state = uuid(id) ? queries.one(new FindStateFile(id), StateFileView.class) : null;
        if (state == null) {
            throw ApiException.notFound("State file not found");
        }
        return state;
    }

    public StateStorage storage(BackendView backend) { return storages.forType(backend.type()); }

    // ---- sync: what the backend holds, into the event log

    /** Reads every state file of the backend; answers how many there are. Unreachable: a 503. */
    public int syncBackend(RequestContext ctx, BackendView backend) {
        StateStorage storage = storage(backend);
        List<StoredState> stored = unavailableAs503(() -> storage.list(backend.config()));
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (StoredState file : stored) {
            syncFile(ctx, backend, file.path());
            paths.add(file.path());
        }
        for (StateFileView known : queries.one(new ListStateFiles(backend.id(), 0, Integer.MAX_VALUE), StateFilePage.class).stateFiles()) {
            if (!paths.contains(known.path())) {
                commands.send(new RecordStateFileMissing(known.id()), ctx);
            }
        }
        return stored.size();
    }

    /** {@link #syncBackend}, but a backend that cannot be read keeps what is known of it. */
    public void trySyncBackend(RequestContext ctx, BackendView backend) {
        try {
            syncBackend(ctx, backend);
        } catch (ApiException | StateStorageException e) {
            log.info("backend {} not read: {}", backend.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("backend {} not synced; answering from what is known", backend.id(), e);
        }
    }

    /** Re-reads one state file (best effort: an unreachable backend keeps the last known content). */
    public StateFileView trySync(RequestContext ctx, StateFileView state) {
        try {
            syncFile(ctx, backend(state.backendId()), state.path());
        } catch (ApiException | StateStorageException e) {
            log.info("state file {} not read: {}", state.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("state file {} not synced; answering from what is known", state.id(), e);
        }
        return state(state.id());
    }

    private void syncFile(RequestContext ctx, BackendView backend, String path) {
        StateStorage storage = storage(backend);
        String stateId = StateMessages.stateId(backend.id(), path);
        Optional<Content> read = unavailableAs503(() -> files.read(backend.type(), backend.config(), path));
        if (read.isEmpty()) {
            if (queries.one(new FindStateFile(stateId), StateFileView.class) != null) {
                commands.send(new RecordStateFileMissing(stateId), ctx);
            }
            return;
        }
        Content content = read.get();
        StateFileView known = queries.one(new FindStateFile(stateId), StateFileView.class);
        if (known == null || !content.checksum().equals(known.checksum())
                || known.state() != null && SensitiveValues.exposes(known.state())) {
            commands.send(new SyncStateFile(stateId, backend.id(), path, content.size(), content.lastModified(),
                    content.checksum(), content.state(), content.parseError()), ctx);
            known = queries.one(new FindStateFile(stateId), StateFileView.class);
        }
        LockInfo seen = unavailableAs503(() -> storage.readLock(backend.config(), path)).orElse(null);
        if (seen != null && known != null && known.lock() != null && Objects.equals(seen.id(), known.lock().id())) {
            seen = null; // our own lock file
        }
        if (known != null && !sameLock(seen, known.externalLock())) {
            commands.send(new RecordExternalLock(stateId, seen), ctx);
        }
    }

    // ---- locks

    /** Locks the state for the caller: our aggregate first, then Terraform's lock file. */
    public LockInfo lock(RequestContext ctx, StateFileView state, String reason, String operation) {
        BackendView backend = backend(state.backendId());
        StateStorage storage = storage(backend);
        LockInfo wanted = new LockInfo(UUID.randomUUID().toString(), storage.lockPath(backend.config(), state.path()),
                operation == null || operation.isBlank() ? "OperationTypeInvalid" : operation,
                ctx.requireUser().username() + "@opsledger",
                state.state() == null || state.state().terraformVersion() == null ? "" : state.state().terraformVersion(),
                Instant.now(), reason == null ? "" : reason);
        LockInfo granted = send(ctx, new LockState(state.id(), wanted));
        Optional<LockInfo> terraform;
        try {
            terraform = storage.writeLock(backend.config(), state.path(), granted);
        } catch (StateStorageException e) {
            giveBack(ctx, state.id(), granted.id());
            throw unavailable(e);
        }
        if (terraform.isPresent() && !Objects.equals(terraform.get().id(), granted.id())) {
            giveBack(ctx, state.id(), granted.id());
            commands.send(new RecordExternalLock(state.id(), terraform.get()), ctx);
            throw locked(terraform.get());
        }
        if (state.externalLock() != null) {
            commands.send(new RecordExternalLock(state.id(), null), ctx);
        }
        return granted;
    }

    /** Releases the lock (any lock, Terraform's included, when forced: admins only). */
    public LockInfo unlock(RequestContext ctx, StateFileView state, String lockId, boolean force) {
        if (force && !ctx.requireUser().has(Role.ADMIN)) {
            throw ApiException.of(HttpStatus.FORBIDDEN, "Only admins can force-unlock a state.");
        }
        BackendView backend = backend(state.backendId());
        StateStorage storage = storage(backend);
        if (force) {
            // a lock Terraform took since we last looked is what a force-unlock is usually for
            LockInfo seen = unavailableAs503(() -> storage.readLock(backend.config(), state.path())).orElse(null);
            if (seen != null && (state.lock() == null || !Objects.equals(seen.id(), state.lock().id()))
                    && !sameLock(seen, state.externalLock())) {
                commands.send(new RecordExternalLock(state.id(), seen), ctx);
            }
        }
        LockInfo released = send(ctx, new UnlockState(state.id(), lockId, force));
        unavailableAs503(() -> storage.deleteLock(backend.config(), state.path(), force ? null : released.id()));
        return released;
    }

    private void giveBack(RequestContext ctx, String stateId, String lockId) {
        try {
            commands.send(new UnlockState(stateId, lockId, false), ctx);
        } catch (RuntimeException e) {
            log.warn("could not give back lock {} of state {}", lockId, stateId, e);
        }
    }

    // ---- edits

    /**
     * Runs an edit under the state's lock: the caller's ({@code lockId}) or one taken for the edit
     * and released after it. The state is re-read under the lock, the aggregate answers the new
     * state, and that is written back to the backend.
     */
    public StateFileView edit(RequestContext ctx, StateFileView state, String lockId, String operation, String reason,
                              Function<String, Object> command) {
        boolean own = lockId == null || lockId.isBlank();
        String held = own ? lock(ctx, state, reason, operation).id() : lockId;
        try {
            BackendView backend = backend(state.backendId());
            if (!own) {
                holdBackendLock(ctx, state(state.id()), backend, held);
            }
            syncFile(ctx, backend, state.path());
            TerraformState next = send(ctx, command.apply(held));
            try {
                files.write(backend.type(), backend.config(), state.path(), next);
            } catch (StateStorageException e) {
                trySync(ctx, state); // the backend still holds the old content: say so in the log too
                throw unavailable(e);
            }
            if (SensitiveValues.hasSealed(next)) {
                syncFile(ctx, backend, state.path()); // the file's checksum is that of its real values, not of the masks
            }
        } finally {
            if (own) {
                try {
                    unlock(ctx, state(state.id()), held, false);
                } catch (RuntimeException e) {
                    log.warn("could not release edit lock {} of state {}", held, state.id(), e);
                }
            }
        }
        return state(state.id());
    }

    /**
     * An edit under a lock the caller took earlier: that lock must still be ours where Terraform
     * looks. This process may no longer hold it (a restart drops its fcntl lock on a local state;
     * someone may have deleted our lock file) and Terraform may have taken the state since: then
     * the edit is refused with Terraform's lock, else our lock is taken there again.
     */
    private void holdBackendLock(RequestContext ctx, StateFileView state, BackendView backend, String lockId) {
        LockInfo ours = state.lock();
        if (ours == null || !ours.id().equals(lockId)) {
            return; // not the holder's lock: the aggregate refuses the edit
        }
        Optional<LockInfo> other = unavailableAs503(() -> storage(backend).writeLock(backend.config(), state.path(), ours));
        if (other.isPresent() && !Objects.equals(other.get().id(), ours.id())) {
            commands.send(new RecordExternalLock(state.id(), other.get()), ctx);
            throw locked(other.get());
        }
    }

    // ---- errors

    /** Sends a command; a refusal because of a lock becomes 409 STATE_LOCKED / STATE_NOT_LOCKED. */
    private <R> R send(RequestContext ctx, Object command) {
        try {
            return commands.send(command, ctx);
        } catch (StateLockedException e) {
            throw locked(e.holder());
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof StateLockedException locked) {
                throw locked(locked.holder());
            }
            Object details = e.getDetails().orElse(null);
            String field = e.getCause() instanceof RuleViolation v ? v.field()
                    : details instanceof RuleViolation.Details d ? d.field() : null;
            if (StateLockedException.FIELD.equals(field)) {
                // refused on another node: the read model knows the holder
                String stateId = stateIdOf(command);
                StateFileView view = stateId == null ? null : queries.one(new FindStateFile(stateId), StateFileView.class);
                throw locked(view == null ? null : view.holder());
            }
            if (StateFile.NOT_LOCKED_FIELD.equals(field)) {
                throw new ApiException(HttpStatus.CONFLICT, STATE_NOT_LOCKED, e.getMessage(), null, null);
            }
            throw e;
        } catch (RuleViolation v) {
            if (StateFile.NOT_LOCKED_FIELD.equals(v.field())) {
                throw new ApiException(HttpStatus.CONFLICT, STATE_NOT_LOCKED, v.getMessage(), null, null);
            }
            throw v;
        }
    }

    private static String stateIdOf(Object command) {
        if (command instanceof LockState c) return c.stateId();
        if (command instanceof UnlockState c) return c.stateId();
        if (command instanceof ImportStateResource c) return c.stateId();
        if (command instanceof MoveStateResource c) return c.stateId();
        if (command instanceof RemoveStateResource c) return c.stateId();
        return null;
    }

    public static ApiException locked(LockInfo holder) {
        return new ApiException(HttpStatus.CONFLICT, STATE_LOCKED, "State is locked"
                + (holder == null || holder.who() == null || holder.who().isBlank() ? "" : " by " + holder.who()),
                null, holder == null ? null : lockJson(holder));
    }

    static ApiException unavailable(StateStorageException e) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, BACKEND_UNAVAILABLE, "Backend unavailable", null, e.getMessage());
    }

    private static <T> T unavailableAs503(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (StateStorageException e) {
            throw unavailable(e);
        }
    }

    /** Terraform's LockInfo JSON (its field names). */
    public static Map<String, Object> lockJson(LockInfo lock) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ID", lock.id());
        out.put("Path", lock.path());
        out.put("Operation", lock.operation());
        out.put("Who", lock.who());
        out.put("Version", lock.version());
        out.put("Created", lock.created());
        out.put("Info", lock.info());
        return out;
    }

    private static boolean sameLock(LockInfo a, LockInfo b) {
        return a == null ? b == null : b != null && Objects.equals(a.id(), b.id());
    }

    static boolean uuid(String id) {
        if (id == null) {
            return false;
        }
        try {
            return UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
