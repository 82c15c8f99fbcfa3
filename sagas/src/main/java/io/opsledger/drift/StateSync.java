package io.opsledger.drift;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.drift.StateFileStore.Content;
import io.opsledger.drift.api.DriftQueries.*;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.ResourceMessages;
import io.opsledger.drift.api.StateMessages;
import io.opsledger.drift.api.StateMessages.RecordExternalLock;
import io.opsledger.drift.api.StateMessages.RecordStateFileMissing;
import io.opsledger.drift.api.StateMessages.SyncStateFile;
import io.opsledger.drift.tfstate.SensitiveValues;
import io.opsledger.gateway.tfstate.StateStorage;
import io.opsledger.gateway.tfstate.StateStorage.StoredState;
import io.opsledger.gateway.tfstate.StateStorageException;
import io.opsledger.gateway.tfstate.StateStorages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads what the backends hold into the event log: every state file of a backend (files gone are
 * recorded missing), one file's content (sealed by {@link StateFileStore}) when its checksum
 * changed, and the lock Terraform holds on it. Also finds backends, state files and their resources
 * (404 in DriftMgr's words).
 */
public class StateSync {

    private static final Logger log = LoggerFactory.getLogger(StateSync.class);

    private final Commands commands;
    private final Queries queries;
    private final StateStorages storages;
    private final StateFileStore files;

    public StateSync(Commands commands, Queries queries, StateStorages storages, StateFileStore files) {
        this.commands = commands;
        this.queries = queries;
        this.storages = storages;
        this.files = files;
    }

    // ---- lookups

    public BackendView backend(String id) {
        BackendView backend = uuid(id) ? queries.one(new FindBackend(id), BackendView.class) : null;
        if (backend == null) {
            throw RuleViolation.notFound("Backend not found");
        }
        return backend;
    }

    public StateFileView state(String id) {
        StateFileView state = uuid(id) ? queries.one(new FindStateFile(id), StateFileView.class) : null;
        if (state == null) {
            throw RuleViolation.notFound("State file not found");
        }
        return state;
    }

    /**
     * A state's resource named by {@code id}: its address (type.name, with module and data. as
     * Terraform writes them), else the id /resources gives out, else its cloud id; in the state
     * {@code stateId} or, when null, in the one state that holds it.
     */
    public StateResourceView resource(String id, String stateId) {
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
            throw RuleViolation.notFound("Resource " + id + " not found" + (stateId == null ? "" : " in state " + stateId));
        }
        if (statesMatched > 1) {
            throw RuleViolation.invalid("state_id", "Resource " + id + " is in " + statesMatched
                    + " state files; say which with ?state_id=.");
        }
        if (matches.stream().map(StateSync::resourceAddress).distinct().count() > 1) {
            throw RuleViolation.invalid("id", "More than one resource has id " + id + "; use its address.");
        }
        return matches.get(0);
    }

    /** The whole resource's address (without an instance key). */
    public static String resourceAddress(StateResourceView r) {
        String local = ("data".equals(r.mode()) ? "data." : "") + r.type() + "." + r.name();
        return r.module() == null ? local : r.module() + "." + local;
    }

    StateStorage storage(BackendView backend) { return storages.forType(backend.type()); }

    // ---- sync

    /** Reads every state file of the backend; answers how many there are. Unreachable: BACKEND_UNAVAILABLE. */
    public int syncBackend(Actor actor, BackendView backend) {
        StateStorage storage = storage(backend);
        List<StoredState> stored = unavailableIfFailing(() -> storage.list(backend.config()));
        Set<String> paths = new HashSet<>();
        for (StoredState file : stored) {
            syncFile(actor, backend, file.path());
            paths.add(file.path());
        }
        for (StateFileView known : queries.one(new ListStateFiles(backend.id(), 0, Integer.MAX_VALUE), StateFilePage.class).stateFiles()) {
            if (!paths.contains(known.path())) {
                commands.send(new RecordStateFileMissing(known.id()), actor);
            }
        }
        return stored.size();
    }

    /** {@link #syncBackend}, but a backend that cannot be read keeps what is known of it. */
    public void trySyncBackend(Actor actor, BackendView backend) {
        try {
            syncBackend(actor, backend);
        } catch (DriftStateException | RuleViolation | StateStorageException e) {
            log.info("backend {} not read: {}", backend.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("backend {} not synced; answering from what is known", backend.id(), e);
        }
    }

    /** Every backend, each as {@link #trySyncBackend}. */
    public void trySyncAll(Actor actor) {
        queries.one(new ListBackends(), BackendList.class).backends().forEach(b -> trySyncBackend(actor, b));
    }

    /** Re-reads one state file (best effort: an unreachable backend keeps the last known content). */
    public StateFileView trySync(Actor actor, StateFileView state) {
        try {
            syncFile(actor, backend(state.backendId()), state.path());
        } catch (DriftStateException | RuleViolation | StateStorageException e) {
            log.info("state file {} not read: {}", state.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("state file {} not synced; answering from what is known", state.id(), e);
        }
        return state(state.id());
    }

    void syncFile(Actor actor, BackendView backend, String path) {
        StateStorage storage = storage(backend);
        String stateId = StateMessages.stateId(backend.id(), path);
        Optional<Content> read = unavailableIfFailing(() -> files.read(backend.type(), backend.config(), path));
        if (read.isEmpty()) {
            if (queries.one(new FindStateFile(stateId), StateFileView.class) != null) {
                commands.send(new RecordStateFileMissing(stateId), actor);
            }
            return;
        }
        Content content = read.get();
        StateFileView known = queries.one(new FindStateFile(stateId), StateFileView.class);
        if (known == null || !content.checksum().equals(known.checksum())
                || known.state() != null && SensitiveValues.exposes(known.state())) {
            commands.send(new SyncStateFile(stateId, backend.id(), path, content.size(), content.lastModified(),
                    content.checksum(), content.state(), content.parseError()), actor);
            known = queries.one(new FindStateFile(stateId), StateFileView.class);
        }
        LockInfo seen = unavailableIfFailing(() -> storage.readLock(backend.config(), path)).orElse(null);
        if (seen != null && known != null && known.lock() != null && Objects.equals(seen.id(), known.lock().id())) {
            seen = null; // our own lock file
        }
        if (known != null && !sameLock(seen, known.externalLock())) {
            commands.send(new RecordExternalLock(stateId, seen), actor);
        }
    }

    static <T> T unavailableIfFailing(Supplier<T> call) {
        try {
            return call.get();
        } catch (StateStorageException e) {
            throw DriftStateException.unavailable(e);
        }
    }

    static boolean sameLock(LockInfo a, LockInfo b) {
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
