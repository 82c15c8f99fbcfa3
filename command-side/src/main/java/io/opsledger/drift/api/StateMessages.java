package io.opsledger.drift.api;

import io.opsledger.drift.tfstate.TerraformState;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/**
 * Commands and events of the StateFile aggregate: one {@code *.tfstate} in a backend. Its id is a
 * name-based UUID of (backend id, path), see {@link #stateId}. The aggregate holds the state as last
 * read from (or written to) the backend and our lock on it; it decides that exactly one lock wins
 * and that edits happen only under the lock.
 *
 * <p>Every event that changes the content carries the whole state after the change ({@code state}),
 * so a read model never needs the backend.
 */
public final class StateMessages {
    private StateMessages() {}

    /** The stable id of the state file at {@code path} in backend {@code backendId}. */
    public static String stateId(String backendId, String path) {
        return UUID.nameUUIDFromBytes(("tfstate|" + backendId + "|" + path).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    // ---- commands

    /**
     * What the backend holds now (creates the aggregate on first sight). {@code state} is null when
     * the file could not be parsed ({@code parseError} says why). Changes nothing if the checksum is unchanged.
     */
    public record SyncStateFile(@TargetAggregateIdentifier String stateId, String backendId, String path, long size,
                                Instant lastModified, String checksum, TerraformState state, String parseError) {}

    /** The backend no longer holds the file (it was deleted or moved away); a later sync brings it back. */
    public record RecordStateFileMissing(@TargetAggregateIdentifier String stateId) {}

    /** The lock Terraform (or anyone but us) holds according to the backend's lock file; null = none. */
    public record RecordExternalLock(@TargetAggregateIdentifier String stateId, LockInfo lock) {}

    public record LockState(@TargetAggregateIdentifier String stateId, LockInfo lock) {}

    /** Without {@code force}, {@code lockId} must be the holder's. */
    public record UnlockState(@TargetAggregateIdentifier String stateId, String lockId, boolean force) {}

    /** Edits answer the new state (serial + 1, same lineage), which the edge then writes to the backend. */
    public record ImportStateResource(@TargetAggregateIdentifier String stateId, String lockId, String resourceType,
                                      String resourceName, String resourceId) {}

    public record MoveStateResource(@TargetAggregateIdentifier String stateId, String lockId, String fromAddress,
                                    String toAddress) {}

    public record RemoveStateResource(@TargetAggregateIdentifier String stateId, String lockId, String address) {}

    // ---- events

    public record StateFileSynced(String stateId, String backendId, String path, long size, Instant lastModified,
                                  String checksum, TerraformState state, String parseError, Instant syncedAt) {}

    public record StateFileMissing(String stateId, String backendId, String path, Instant at) {}

    public record ExternalLockObserved(String stateId, LockInfo lock, Instant at) {}

    public record ExternalLockCleared(String stateId, String lockId, Instant at) {}

    public record StateLocked(String stateId, LockInfo lock) {}

    public record StateUnlocked(String stateId, String lockId, boolean forced, Instant at) {}

    /** Content events: {@code checksum} and {@code size} are those of {@code TerraformStates.write(state)}. */
    public record StateResourceImported(String stateId, String lockId, String address, String resourceType,
                                        String resourceName, String resourceId, TerraformState state, String checksum,
                                        long size, Instant at) {}

    public record StateResourceMoved(String stateId, String lockId, String fromAddress, String toAddress,
                                     TerraformState state, String checksum, long size, Instant at) {}

    public record StateResourceRemoved(String stateId, String lockId, String address, TerraformState state,
                                       String checksum, long size, Instant at) {}
}
