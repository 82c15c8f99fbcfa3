package io.opsledger.backup;

import io.opsledger.backup.api.BackupMessages.BackupStarted;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Runs a backup job ({@link BarmanOperations#run}) as a persistent background task, claimed by one
 * node and revived elsewhere if that node dies, so a backup of many minutes holds no event processor.
 */
public class BackupJobSaga {

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    public void on(BackupStarted event, BackgroundBackups backups) {
        backups.start(event);
        SagaLifecycle.end();
    }
}
