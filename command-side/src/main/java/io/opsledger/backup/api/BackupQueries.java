package io.opsledger.backup.api;

import java.time.Instant;

/** Queries and views of the backup context's read model. */
public final class BackupQueries {
    private BackupQueries() {}

    /** A server by its aggregate id, or null. */
    public record FindBackupServer(String id) {}
    /** Servers by name, narrowed to an owner and a storage when those are not null. */
    public record ListBackupServers(String ownerId, String storage) {}

    /** A server, its connection (secrets still encrypted) and its latest backup job. */
    public record BackupServerView(String id, String ownerId, String storage, String name,
                                   BackupMessages.ServerConnection connection, String lastJobStatus, String lastBackupId,
                                   String lastMessage, Instant updatedAt) {}
}
