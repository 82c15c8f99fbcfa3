package io.opsledger.backup;

import java.util.Optional;

/** Starts a scheduled backup job of a server; empty when it was skipped (one is running, or the server is gone). */
@FunctionalInterface
public interface ScheduledBackupTrigger {

    Optional<String> start(String serverId, String retentionPolicy);
}
