package io.opsledger.drift;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.opsledger.common.AggregateCache;
import io.opsledger.common.AggregateSnapshots;
import io.opsledger.common.RuleViolation;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.StateLockedException;
import io.opsledger.drift.api.StateMessages.*;
import io.opsledger.drift.tfstate.SensitiveValues;
import io.opsledger.drift.tfstate.StateEditException;
import io.opsledger.drift.tfstate.TerraformState;
import io.opsledger.drift.tfstate.TerraformStates;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;
import java.util.function.UnaryOperator;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One Terraform state file in a backend. It knows the content as last read from (or written to)
 * the backend, and our lock. Commands for one aggregate run one at a time, so of many lock
 * requests exactly one wins; edits need the holder's lock id and answer the new state (serial + 1,
 * same lineage) for the edge to write back. The state it is given must have its sensitive values
 * sealed ({@link SensitiveValues}): no event carries them in plaintext.
 */
@Aggregate(snapshotTriggerDefinition = AggregateSnapshots.TRIGGER, cache = AggregateCache.NAME)
// every Terraform run locks, writes and unlocks: without snapshots a command on a state used for a year
// (or any command where no aggregate cache can be trusted: PostgreSQL, Axon Server) read it all again
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
@Revision("1")
public class StateFile {

    @AggregateIdentifier
    private String stateId;
    private String backendId;
    private String path;
    private String checksum;
    private String parseError;
    private TerraformState state;
    private LockInfo lock;
    private LockInfo externalLock;

    protected StateFile() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SyncStateFile command) {
        if (command.state() != null && SensitiveValues.exposes(command.state())) {
            throw new IllegalArgumentException("a state's sensitive values must be sealed before it enters an event");
        }
        if (stateId != null && Objects.equals(checksum, command.checksum()) && Objects.equals(parseError, command.parseError())
                && (state == null || !SensitiveValues.exposes(state))) {
            return; // unchanged (a state recorded before sensitive values were sealed is recorded again, sealed)
        }
        apply(new StateFileSynced(command.stateId(), command.backendId(), command.path(), command.size(),
                command.lastModified(), command.checksum(), command.state(), command.parseError(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(RecordStateFileMissing command) {
        if (checksum == null && parseError == null && state == null) {
            return; // already missing
        }
        apply(new StateFileMissing(stateId, backendId, path, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(RecordExternalLock command) {
        LockInfo seen = command.lock();
        if (seen != null && lock != null && seen.id() != null && seen.id().equals(lock.id())) {
            seen = null; // our own lock file
        }
        if (Objects.equals(seen, externalLock)) {
            return;
        }
        if (seen == null) {
            apply(new ExternalLockCleared(stateId, externalLock.id(), GenericEventMessage.clock.instant()));
        } else {
            apply(new ExternalLockObserved(stateId, seen, GenericEventMessage.clock.instant()));
        }
    }

    @CommandHandler
    public LockInfo handle(LockState command) {
        LockInfo wanted = command.lock();
        if (wanted == null || wanted.id() == null || wanted.id().isBlank()) {
            throw new IllegalArgumentException("a lock needs an id");
        }
        if (lock != null) {
            if (lock.id().equals(wanted.id())) {
                return lock; // the same request again
            }
            throw new StateLockedException(lock);
        }
        apply(new StateLocked(stateId, wanted));
        return wanted;
    }

    @CommandHandler
    public LockInfo handle(UnlockState command) {
        if (lock == null) {
            if (command.force() && externalLock != null) {
                LockInfo was = externalLock;
                apply(new ExternalLockCleared(stateId, was.id(), GenericEventMessage.clock.instant()));
                return was;
            }
            throw notLocked();
        }
        boolean matches = lock.id().equals(command.lockId());
        if (!matches && !command.force()) {
            throw new StateLockedException(lock);
        }
        LockInfo was = lock;
        apply(new StateUnlocked(stateId, was.id(), !matches, GenericEventMessage.clock.instant()));
        if (command.force() && externalLock != null) {
            apply(new ExternalLockCleared(stateId, externalLock.id(), GenericEventMessage.clock.instant()));
        }
        return was;
    }

    @CommandHandler
    public TerraformState handle(ImportStateResource command) {
        TerraformState next = edit(command.lockId(), s -> s.importResource(command.resourceType(), command.resourceName(),
                command.resourceId()));
        byte[] bytes = TerraformStates.write(next);
        apply(new StateResourceImported(stateId, command.lockId(), command.resourceType() + "." + command.resourceName(),
                command.resourceType(), command.resourceName(), command.resourceId(), next, TerraformStates.checksum(bytes),
                bytes.length, GenericEventMessage.clock.instant()));
        return next;
    }

    @CommandHandler
    public TerraformState handle(MoveStateResource command) {
        TerraformState next = edit(command.lockId(), s -> s.move(command.fromAddress(), command.toAddress()));
        byte[] bytes = TerraformStates.write(next);
        apply(new StateResourceMoved(stateId, command.lockId(), command.fromAddress().trim(), command.toAddress().trim(),
                next, TerraformStates.checksum(bytes), bytes.length, GenericEventMessage.clock.instant()));
        return next;
    }

    @CommandHandler
    public TerraformState handle(RemoveStateResource command) {
        TerraformState next = edit(command.lockId(), s -> s.remove(command.address()));
        byte[] bytes = TerraformStates.write(next);
        apply(new StateResourceRemoved(stateId, command.lockId(), command.address().trim(), next,
                TerraformStates.checksum(bytes), bytes.length, GenericEventMessage.clock.instant()));
        return next;
    }

    /** A conflict saying there is no lock to release (409 STATE_NOT_LOCKED at the edge). */
    public static RuleViolation notLocked() {
        return RuleViolation.conflict(NOT_LOCKED_FIELD, "State is not locked.");
    }

    public static final String NOT_LOCKED_FIELD = "state_lock";

    private TerraformState edit(String lockId, UnaryOperator<TerraformState> change) {
        if (lock == null) {
            if (externalLock != null) {
                throw new StateLockedException(externalLock);
            }
            throw RuleViolation.conflict(NOT_LOCKED_FIELD, "State edits need the state's lock.");
        }
        if (!lock.id().equals(lockId)) {
            throw new StateLockedException(lock);
        }
        if (state == null) {
            throw RuleViolation.invalid("state_id", "The state file cannot be edited: "
                    + (parseError == null ? "it has not been read yet." : parseError));
        }
        try {
            return change.apply(state);
        } catch (StateEditException e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> RuleViolation.notFound(e.getMessage());
                case ALREADY_EXISTS -> RuleViolation.conflict("address", e.getMessage());
                case INVALID -> RuleViolation.invalid("address", e.getMessage());
            };
        }
    }

    @EventSourcingHandler
    void on(StateFileSynced event) {
        stateId = event.stateId();
        backendId = event.backendId();
        path = event.path();
        checksum = event.checksum();
        parseError = event.parseError();
        state = event.state();
    }

    @EventSourcingHandler
    void on(StateFileMissing event) {
        checksum = null;
        parseError = null;
        state = null;
    }

    @EventSourcingHandler
    void on(ExternalLockObserved event) { externalLock = event.lock(); }

    @EventSourcingHandler
    void on(ExternalLockCleared event) { externalLock = null; }

    @EventSourcingHandler
    void on(StateLocked event) { lock = event.lock(); }

    @EventSourcingHandler
    void on(StateUnlocked event) { lock = null; }

    @EventSourcingHandler
    void on(StateResourceImported event) { edited(event.state(), event.checksum()); }

    @EventSourcingHandler
    void on(StateResourceMoved event) { edited(event.state(), event.checksum()); }

    @EventSourcingHandler
    void on(StateResourceRemoved event) { edited(event.state(), event.checksum()); }

    private void edited(TerraformState next, String sum) {
        state = next;
        checksum = sum;
        parseError = null;
    }
}
