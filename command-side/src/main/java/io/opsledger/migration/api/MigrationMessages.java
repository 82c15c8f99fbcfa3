package io.opsledger.migration.api;

import io.opsledger.common.EncryptedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * The migration context (api_migration): credentials, mount points, workloads, migration targets
 * and migrations, each owned by the user who made it ({@code ownerId}), and the runs of
 * migrations. {@code id} is the aggregate id ({@link MigrationIds#aggregateId}), {@code number}
 * the integer id clients see; references to other objects are by their numbers. In an update, a
 * null field keeps its value; events carry the whole object after the change.
 */
public final class MigrationMessages {
    private MigrationMessages() {}

    public enum CloudType { aws, azure, vsphere, vcloud }

    public enum MigrationState { not_started, running, success, error }

    // ---- credentials: username, password (write-only, encrypted), domain

    public record CreateCredential(@TargetAggregateIdentifier String id, long number, String ownerId, String username,
                                   EncryptedSecret password, String domain) {}
    public record CredentialCreated(String id, long number, String ownerId, String username, EncryptedSecret password,
                                    String domain) {}
    public record UpdateCredential(@TargetAggregateIdentifier String id, String username, EncryptedSecret password,
                                   String domain) {}
    public record CredentialUpdated(String id, long number, String username, EncryptedSecret password, String domain) {}
    public record DeleteCredential(@TargetAggregateIdentifier String id) {}
    public record CredentialDeleted(String id, long number, String ownerId) {}

    // ---- mount points: a name and the volume's total size (a positive integer)

    public record CreateMountPoint(@TargetAggregateIdentifier String id, long number, String ownerId, String name,
                                   long totalSize) {}
    public record MountPointCreated(String id, long number, String ownerId, String name, long totalSize) {}
    public record UpdateMountPoint(@TargetAggregateIdentifier String id, String name, Long totalSize) {}
    public record MountPointUpdated(String id, long number, String name, long totalSize) {}
    public record DeleteMountPoint(@TargetAggregateIdentifier String id) {}
    public record MountPointDeleted(String id, long number, String ownerId) {}

    // ---- workloads: an ip (unique per owner among sources; never changed), credentials, mount points (storage)

    /** {@code copiedFrom}: the source workload's number when a migration run made this copy, else null. */
    public record CreateWorkLoad(@TargetAggregateIdentifier String id, long number, String ownerId, String ip,
                                 long credentials, List<Long> storage, Long copiedFrom, String migrationRunId) {}
    public record WorkLoadCreated(String id, long number, String ownerId, String ip, long credentials, List<Long> storage,
                                  Long copiedFrom, String migrationRunId) {}
    public record UpdateWorkLoad(@TargetAggregateIdentifier String id, String ip, Long credentials, List<Long> storage) {}
    public record WorkLoadUpdated(String id, long number, String ip, long credentials, List<Long> storage) {}
    public record DeleteWorkLoad(@TargetAggregateIdentifier String id) {}
    public record WorkLoadDeleted(String id, long number, String ownerId) {}

    // ---- migration targets: a cloud type, its credentials, and the VM (a workload) a run put there

    public record CreateMigrationTarget(@TargetAggregateIdentifier String id, long number, String ownerId,
                                        CloudType cloudType, long cloudCredentials, Long targetVm) {}
    public record MigrationTargetCreated(String id, long number, String ownerId, CloudType cloudType,
                                         long cloudCredentials, Long targetVm) {}
    /** {@code clearTargetVm}: set target_vm to null (a null {@code targetVm} alone keeps it). */
    public record UpdateMigrationTarget(@TargetAggregateIdentifier String id, CloudType cloudType, Long cloudCredentials,
                                        Long targetVm, boolean clearTargetVm) {}
    public record MigrationTargetUpdated(String id, long number, CloudType cloudType, long cloudCredentials,
                                         Long targetVm) {}
    public record DeleteMigrationTarget(@TargetAggregateIdentifier String id) {}
    public record MigrationTargetDeleted(String id, long number, String ownerId) {}
    /** A run's step: the copy of the source becomes the target's VM. */
    public record PlaceTargetVm(@TargetAggregateIdentifier String id, long workLoad, String migrationRunId) {}
    public record TargetVmPlaced(String id, long number, long workLoad, String migrationRunId) {}

    // ---- migrations: the mount points to take, a source workload and a target; their runs

    public record CreateMigration(@TargetAggregateIdentifier String id, long number, String ownerId,
                                  List<Long> selectedMountPoints, long source, long target) {}
    public record MigrationCreated(String id, long number, String ownerId, List<Long> selectedMountPoints, long source,
                                   long target, MigrationState state) {}
    public record UpdateMigration(@TargetAggregateIdentifier String id, List<Long> selectedMountPoints, Long source,
                                  Long target) {}
    public record MigrationUpdated(String id, long number, List<Long> selectedMountPoints, long source, long target) {}
    public record DeleteMigration(@TargetAggregateIdentifier String id) {}
    public record MigrationDeleted(String id, long number, String ownerId) {}

    /** Refused with "migration can't run" unless the state is not_started or error: one run at a time. */
    public record StartMigrationRun(@TargetAggregateIdentifier String id, String runId) {}
    /** The run's inputs as they were when it started. */
    public record MigrationRunStarted(String id, long number, String ownerId, String runId, long source, long target,
                                      List<Long> selectedMountPoints) {}
    /** The source's mount points that were selected: what the copy takes. */
    public record RecordMigrationCopy(@TargetAggregateIdentifier String id, String runId, long copy,
                                      List<Long> copiedMountPoints) {}
    public record MigrationCopyMade(String id, long number, String runId, long copy, List<Long> copiedMountPoints) {}
    public record CompleteMigrationRun(@TargetAggregateIdentifier String id, String runId) {}
    public record MigrationRunSucceeded(String id, long number, String runId, long copy) {}
    public record FailMigrationRun(@TargetAggregateIdentifier String id, String runId, String reason) {}
    public record MigrationRunFailed(String id, long number, String runId, String reason) {}

    /** The reason a run fails when no selected mount point is on the source (the original's words). */
    public static final String NOT_IN_SOURCE = "selected_mount_points not in source";
    public static final String CANNOT_RUN = "migration can't run";
}
