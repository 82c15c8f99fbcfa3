package io.opsledger.backup;

import io.opsledger.backup.api.BackupMessages.BackupStarted;

/** Hands a started backup job to its background run. */
@FunctionalInterface
public interface BackgroundBackups {

    void start(BackupStarted job);
}
