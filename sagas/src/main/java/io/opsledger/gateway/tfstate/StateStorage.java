package io.opsledger.gateway.tfstate;

import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.api.LockInfo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where Terraform keeps state files: one adapter per backend type (S3, a local directory). Paths
 * are the object key for S3 and the path relative to the directory for local backends. The lock
 * file is the one Terraform itself uses: {@code <key>.tflock} (S3 native locking) or
 * {@code .<name>.lock.info} beside a local state.
 */
public interface StateStorage {

    /** A {@code *.tfstate} in the backend. */
    record StoredState(String path, long size, Instant lastModified) {}

    /** A state file's bytes. */
    record StateObject(String path, byte[] bytes, Instant lastModified) {}

    /** The answer of a connection test. */
    record Check(boolean reachable, String message, long responseTimeMillis) {}

    /** Every {@code *.tfstate} below the backend's prefix or directory, by path. */
    List<StoredState> list(BackendConfig backend);

    Optional<StateObject> read(BackendConfig backend, String path);

    /** Replaces the state file's content. */
    void write(BackendConfig backend, String path, byte[] bytes);

    /**
     * Writes the lock file unless one exists (atomically: a conditional put or an exclusive create).
     * Empty when the lock is now ours; else the holder's lock as the file says.
     */
    Optional<LockInfo> writeLock(BackendConfig backend, String path, LockInfo lock);

    /** The lock file's lock, if there is a lock file. */
    Optional<LockInfo> readLock(BackendConfig backend, String path);

    /**
     * Deletes the lock file if it holds lock {@code lockId} (any lock when {@code lockId} is null,
     * which is a force unlock). True if there is no lock file afterwards.
     */
    boolean deleteLock(BackendConfig backend, String path, String lockId);

    /** The {@link LockInfo#path()} Terraform would write for this state. */
    String lockPath(BackendConfig backend, String path);

    /** Whether the backend answers (and how fast). */
    Check test(BackendConfig backend);
}
