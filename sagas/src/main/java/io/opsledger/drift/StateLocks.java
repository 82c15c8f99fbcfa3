package io.opsledger.drift;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.drift.api.DriftQueries.BackendView;
import io.opsledger.drift.api.DriftQueries.FindStateFile;
import io.opsledger.drift.api.DriftQueries.StateFileView;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.StateLockedException;
import io.opsledger.drift.api.StateMessages.*;
import io.opsledger.drift.tfstate.SensitiveValues;
import io.opsledger.drift.tfstate.TerraformState;
import io.opsledger.gateway.tfstate.StateStorage;
import io.opsledger.gateway.tfstate.StateStorageException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static io.opsledger.drift.StateSync.sameLock;
import static io.opsledger.drift.StateSync.unavailableIfFailing;

/**
 * The Terraform lock protocol, and edits under it. A lock is decided by the StateFile aggregate
 * (exactly one of many requests wins) and then written where Terraform looks (S3 {@code .tflock},
 * local {@code .lock.info}) with a create-if-absent; if Terraform holds that file, our lock is
 * given back and the caller is refused with Terraform's lock ({@link DriftStateException}).
 */
public class StateLocks {

    private static final Logger log = LoggerFactory.getLogger(StateLocks.class);

    private final Commands commands;
    private final Queries queries;
    private final StateSync sync;
    private final StateFileStore files;

    public StateLocks(Commands commands, Queries queries, StateSync sync, StateFileStore files) {
        this.commands = commands;
        this.queries = queries;
        this.sync = sync;
        this.files = files;
    }

    /** Locks the state for the actor: our aggregate first, then Terraform's lock file. */
    public LockInfo lock(Actor actor, StateFileView state, String reason, String operation) {
        BackendView backend = sync.backend(state.backendId());
        StateStorage storage = sync.storage(backend);
        LockInfo wanted = new LockInfo(UUID.randomUUID().toString(), storage.lockPath(backend.config(), state.path()),
                operation == null || operation.isBlank() ? "OperationTypeInvalid" : operation,
                actor.metadata().get("username") + "@opsledger",
                state.state() == null || state.state().terraformVersion() == null ? "" : state.state().terraformVersion(),
                Instant.now(), reason == null ? "" : reason);
        LockInfo granted = send(actor, new LockState(state.id(), wanted));
        Optional<LockInfo> terraform;
        try {
            terraform = storage.writeLock(backend.config(), state.path(), granted);
        } catch (StateStorageException e) {
            giveBack(actor, state.id(), granted.id());
            throw DriftStateException.unavailable(e);
        }
        if (terraform.isPresent() && !Objects.equals(terraform.get().id(), granted.id())) {
            giveBack(actor, state.id(), granted.id());
            commands.send(new RecordExternalLock(state.id(), terraform.get()), actor);
            throw DriftStateException.locked(terraform.get());
        }
        if (state.externalLock() != null) {
            commands.send(new RecordExternalLock(state.id(), null), actor);
        }
        return granted;
    }

    /** Releases the lock; forced, any lock, Terraform's included (who may force is the caller's question). */
    public LockInfo unlock(Actor actor, StateFileView state, String lockId, boolean force) {
        BackendView backend = sync.backend(state.backendId());
        StateStorage storage = sync.storage(backend);
        if (force) {
            // a lock Terraform took since we last looked is what a force-unlock is usually for
            LockInfo seen = unavailableIfFailing(() -> storage.readLock(backend.config(), state.path())).orElse(null);
            if (seen != null && (state.lock() == null || !Objects.equals(seen.id(), state.lock().id()))
                    && !sameLock(seen, state.externalLock())) {
                commands.send(new RecordExternalLock(state.id(), seen), actor);
            }
        }
        LockInfo released = send(actor, new UnlockState(state.id(), lockId, force));
        unavailableIfFailing(() -> storage.deleteLock(backend.config(), state.path(), force ? null : released.id()));
        return released;
    }

    private void giveBack(Actor actor, String stateId, String lockId) {
        try {
            commands.send(new UnlockState(stateId, lockId, false), actor);
        } catch (RuntimeException e) {
            log.warn("could not give back lock {} of state {}", lockId, stateId, e);
        }
    }

    /**
     * Runs an edit under the state's lock: the caller's ({@code lockId}) or one taken for the edit
     * and released after it. The state is re-read under the lock, the aggregate answers the new
     * state, and that is written back to the backend.
     */
    public StateFileView edit(Actor actor, StateFileView state, String lockId, String operation, String reason,
                              Function<String, Object> command) {
        boolean own = lockId == null || lockId.isBlank();
        String held = own ? lock(actor, state, reason, operation).id() : lockId;
        try {
            BackendView backend = sync.backend(state.backendId());
            if (!own) {
                holdBackendLock(actor, sync.state(state.id()), backend, held);
            }
            sync.syncFile(actor, backend, state.path());
            TerraformState next = send(actor, command.apply(held));
            try {
                files.write(backend.type(), backend.config(), state.path(), next);
            } catch (StateStorageException e) {
                sync.trySync(actor, state); // the backend still holds the old content: say so in the log too
                throw DriftStateException.unavailable(e);
            }
            if (SensitiveValues.hasSealed(next)) {
                sync.syncFile(actor, backend, state.path()); // the file's checksum is that of its real values, not of the masks
            }
        } finally {
            if (own) {
                try {
                    unlock(actor, sync.state(state.id()), held, false);
                } catch (RuntimeException e) {
                    log.warn("could not release edit lock {} of state {}", held, state.id(), e);
                }
            }
        }
        return sync.state(state.id());
    }

    /**
     * An edit under a lock the caller took earlier: that lock must still be ours where Terraform
     * looks. This process may no longer hold it (a restart drops its fcntl lock on a local state;
     * someone may have deleted our lock file) and Terraform may have taken the state since: then
     * the edit is refused with Terraform's lock, else our lock is taken there again.
     */
    private void holdBackendLock(Actor actor, StateFileView state, BackendView backend, String lockId) {
        LockInfo ours = state.lock();
        if (ours == null || !ours.id().equals(lockId)) {
            return; // not the holder's lock: the aggregate refuses the edit
        }
        Optional<LockInfo> other = unavailableIfFailing(() -> sync.storage(backend).writeLock(backend.config(), state.path(), ours));
        if (other.isPresent() && !Objects.equals(other.get().id(), ours.id())) {
            commands.send(new RecordExternalLock(state.id(), other.get()), actor);
            throw DriftStateException.locked(other.get());
        }
    }

    /** Sends a command; a refusal because of a lock becomes STATE_LOCKED / STATE_NOT_LOCKED. */
    private <R> R send(Actor actor, Object command) {
        try {
            return commands.send(command, actor);
        } catch (StateLockedException e) {
            throw DriftStateException.locked(e.holder());
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof StateLockedException locked) {
                throw DriftStateException.locked(locked.holder());
            }
            Object details = e.getDetails().orElse(null);
            String field = e.getCause() instanceof RuleViolation v ? v.field()
                    : details instanceof RuleViolation.Details d ? d.field() : null;
            if (StateLockedException.FIELD.equals(field)) {
                // refused on another node: the read model knows the holder
                String stateId = stateIdOf(command);
                StateFileView view = stateId == null ? null : queries.one(new FindStateFile(stateId), StateFileView.class);
                throw DriftStateException.locked(view == null ? null : view.holder());
            }
            if (StateFile.NOT_LOCKED_FIELD.equals(field)) {
                throw DriftStateException.notLocked(e.getMessage());
            }
            throw e;
        } catch (RuleViolation v) {
            if (StateFile.NOT_LOCKED_FIELD.equals(v.field())) {
                throw DriftStateException.notLocked(v.getMessage());
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
}
