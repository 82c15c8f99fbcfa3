package io.opsledger.backup.api;

import io.opsledger.common.EncryptedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Commands and events of a Barman server: a PostgreSQL a user backs up into one of their storages
 * (nfs or s3), its backups as jobs, and its restores. One per (user, storage, server name).
 */
public final class BackupMessages {
    private BackupMessages() {}

    /** The server's aggregate id: its owner, storage and name (a Barman name: letters, digits, - and _). */
    public static String serverId(String ownerId, String storage, String name) {
        return "barman-server:" + ownerId + ":" + storage + ":" + name;
    }

    /**
     * Where the server is, and the Barman role's password and the SSH key, encrypted; how Barman
     * takes base backups ({@value #STREAMING}, or {@value #RSYNC} over SSH as {@code sshUser} on
     * {@code sshPort} of the host); WAL is streamed either way. Events written before rsync existed
     * have no backupMethod: streaming.
     */
    public record ServerConnection(String host, int port, String database, EncryptedSecret password, EncryptedSecret sshKey,
                                   String backupMethod, String sshUser, int sshPort) {

        public static final String STREAMING = "postgres";
        public static final String RSYNC = "rsync";

        /** A streaming server. */
        public ServerConnection(String host, int port, String database, EncryptedSecret password, EncryptedSecret sshKey) {
            this(host, port, database, password, sshKey, STREAMING, null, 0);
        }

        public boolean rsync() { return RSYNC.equals(backupMethod); }
    }

    /** @param clusterId the dbaas cluster the server was registered from (add-server with cluster_name), or null */
    public record ConfigureBackupServer(@TargetAggregateIdentifier String id, String ownerId, String storage, String name,
                                        ServerConnection connection, String clusterId) {
        /** A server given by its address, not a dbaas cluster. */
        public ConfigureBackupServer(String id, String ownerId, String storage, String name, ServerConnection connection) {
            this(id, ownerId, storage, name, connection, null);
        }
    }
    /** @param retentionPolicy Barman's policy to apply once the backup is done (obsolete backups deleted), or null */
    public record StartBackup(@TargetAggregateIdentifier String id, String jobId, String backupName, String retentionPolicy) {}
    public record CompleteBackup(@TargetAggregateIdentifier String id, String jobId, String backupId, long sizeBytes,
                                 String beginWal, String endWal, long durationMillis) {}
    /** How far a running job is: bytes written so far and, when the last backup's size gives an estimate, a percentage. */
    public record RecordBackupProgress(@TargetAggregateIdentifier String id, String jobId, long bytesCopied, Integer percent) {}
    public record FailBackup(@TargetAggregateIdentifier String id, String jobId, String message) {}
    public record RecordWalSwitch(@TargetAggregateIdentifier String id, String output) {}
    public record RecordRecovery(@TargetAggregateIdentifier String id, String backupId, String destination,
                                 String targetServer, Instant targetTime, boolean recovered, String message) {}

    /** One schedule per server: a second is refused (409). */
    public record ScheduleBackups(@TargetAggregateIdentifier String id, BackupTimetable timetable, RetentionPolicy retention) {}
    public record ChangeBackupSchedule(@TargetAggregateIdentifier String id, BackupTimetable timetable, RetentionPolicy retention) {}
    public record RemoveBackupSchedule(@TargetAggregateIdentifier String id) {}
    /** A backup Barman marked obsolete under {@code policy} was deleted. */
    public record RecordObsoleteBackupDeleted(@TargetAggregateIdentifier String id, String backupId, String policy) {}

    /** {@code clusterId}: the dbaas cluster it was registered from, or null (a server given by address; events before clusters). */
    public record BackupServerConfigured(String id, String ownerId, String storage, String name, ServerConnection connection,
                                         String clusterId) {
        public BackupServerConfigured(String id, String ownerId, String storage, String name, ServerConnection connection) {
            this(id, ownerId, storage, name, connection, null);
        }
    }
    public record BackupStarted(String id, String jobId, String backupName, String retentionPolicy) {}
    public record BackupCompleted(String id, String jobId, String backupId, long sizeBytes, String beginWal, String endWal,
                                  long durationMillis) {}
    public record BackupProgressed(String id, String jobId, long bytesCopied, Integer percent) {}
    public record BackupFailed(String id, String jobId, String message) {}
    public record BackupsScheduled(String id, BackupTimetable timetable, RetentionPolicy retention) {}
    public record BackupScheduleChanged(String id, BackupTimetable timetable, RetentionPolicy retention) {}
    public record BackupScheduleRemoved(String id) {}
    public record ObsoleteBackupDeleted(String id, String backupId, String policy) {}
    public record WalSwitched(String id, String output) {}
    /**
     * A restore on this host started as a PostgreSQL: its version and its databases' sizes, or why
     * it did not ({@code verified} false, {@code message}).
     */
    public record RecordRestoreCheck(@TargetAggregateIdentifier String id, String backupId, String destination, boolean verified,
                                     String serverVersion, java.util.Map<String, Long> databaseSizes, String message) {}
    public record RestoreVerified(String id, String backupId, String destination, String serverVersion,
                                  java.util.Map<String, Long> databaseSizes) {}
    public record RestoreVerificationFailed(String id, String backupId, String destination, String message) {}
    public record BackupRecovered(String id, String backupId, String destination, String targetServer, Instant targetTime,
                                  String message) {}
    public record RecoveryFailed(String id, String backupId, String destination, String targetServer, Instant targetTime,
                                 String message) {}
}
