package io.opsledger.backup.api;

import java.time.Instant;

/** Queries and views of the backup context's read model. */
public final class BackupQueries {
    private BackupQueries() {}

    /** A server by its aggregate id, or null. */
    public record FindBackupServer(String id) {}
    /** Servers by name, narrowed to an owner and a storage when those are not null. */
    public record ListBackupServers(String ownerId, String storage) {}
    /** Servers with a schedule, narrowed like {@link ListBackupServers}. */
    public record ListBackupSchedules(String ownerId, String storage) {}

    /** A server, its connection (secrets still encrypted), its schedule (or null) and its latest backup job (or null). */
    public record BackupServerView(String id, String ownerId, String storage, String name,
                                   BackupMessages.ServerConnection connection, BackupSchedule schedule, BackupJob lastJob,
                                   Instant updatedAt) {}

    public record BackupSchedule(BackupTimetable timetable, RetentionPolicy retention) {}

    /**
     * A backup job: running (with the bytes written so far and, estimated from the last backup's
     * size, a percentage), completed (with Barman's backup id and size; 100 %) or failed (with
     * Barman's message); {@code finishedAt} is null while it runs.
     */
    public record BackupJob(String jobId, String status, String backupId, Long sizeBytes, String beginWal, String endWal,
                            String message, Instant startedAt, Instant finishedAt, long bytesCopied, Integer percent) {
        public boolean finished() { return finishedAt != null; }
    }
}
