package io.opsledger.migration.api;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.migration.api.MigrationMessages.CloudType;
import io.opsledger.migration.api.MigrationMessages.MigrationState;

import java.time.Instant;
import java.util.List;

/**
 * Questions about the migration context's objects, always within one owner: another user's
 * object is not found. Views hold numbers for references; the web nests them as the contract shows.
 */
public final class MigrationQueries {
    private MigrationQueries() {}

    public record ListCredentials(String ownerId) {}
    public record FindCredential(String ownerId, long number) {}
    public record CredentialView(long number, String ownerId, String username, EncryptedSecret password, String domain) {}

    public record ListMountPoints(String ownerId) {}
    public record FindMountPoint(String ownerId, long number) {}
    public record MountPointView(long number, String ownerId, String name, long totalSize) {}

    public record ListWorkLoads(String ownerId) {}
    public record FindWorkLoad(String ownerId, long number) {}
    public record WorkLoadView(long number, String ownerId, String ip, long credentials, List<Long> storage,
                               Long copiedFrom) {}

    public record ListMigrationTargets(String ownerId) {}
    public record FindMigrationTarget(String ownerId, long number) {}
    public record MigrationTargetView(long number, String ownerId, CloudType cloudType, long cloudCredentials,
                                      Long targetVm) {}

    public record ListMigrations(String ownerId) {}
    public record FindMigration(String ownerId, long number) {}
    /** {@code steps}: the latest run's steps, oldest first (empty before any run). */
    public record MigrationView(long number, String ownerId, List<Long> selectedMountPoints, long source, long target,
                                MigrationState state, String runId, List<RunStep> steps) {}

    /**
     * A subscription query: the migration as {@link FindMigration} answers it, then the whole view
     * again after each change (a run's every step), so a client can stream the run's steps.
     */
    public record WatchMigrationRun(String ownerId, long number) {}

    /** One step of a run, as the events stream and the audit trail show it. */
    public record RunStep(String runId, String step, MigrationState state, String detail, Instant at) {}
}
