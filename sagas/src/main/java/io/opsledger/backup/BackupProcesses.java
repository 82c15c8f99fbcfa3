package io.opsledger.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.opsledger.backup.api.BackupMessages.BackupStarted;
import io.opsledger.common.Commands;
import io.opsledger.platform.BackgroundRuns;
import org.axonframework.config.ConfigurerModule;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.barman.BarmanGateway;
import io.opsledger.gateway.mount.MountGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;

/** The backup context's work with Barman: its operations, backup jobs in the background, and schedules. */
@Configuration
public class BackupProcesses {

    static final String BACKUP_RUN_TASK = "backup-run";

    @Bean
    public BarmanOperations barmanOperations(BarmanGateway barman, Commands commands, Queries queries, SecretCipher cipher,
            @Value("${opsledger.backup.root}") String root, @Value("${opsledger.backup.postgres-bin}") String postgresBin,
            @Value("${opsledger.backup.progress-interval}") java.time.Duration progressInterval) {
        return new BarmanOperations(barman, commands, queries, cipher, Path.of(root), postgresBin.isBlank() ? null : postgresBin.strip(),
                Clock.systemUTC(), progressInterval);
    }

    @Bean
    public OneTimeTask<String> backupRunTask(BarmanOperations operations, ObjectMapper json) {
        return BackgroundRuns.task(BACKUP_RUN_TASK, BackupStarted.class, "backup job", json, operations::run);
    }

    /** Hands a job to {@link #backupRunTask}; a redelivered start event finds its run already there. */
    @Bean
    public BackgroundBackups backgroundBackups(SchedulerClient scheduler, OneTimeTask<String> backupRunTask, ObjectMapper json) {
        return job -> BackgroundRuns.start(scheduler, backupRunTask, job.jobId(), job, json);
    }

    @Bean
    public ConfigurerModule backupJobSaga() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSaga(BackupJobSaga.class));
    }

    /** Scheduled backups, through the persistent deadline manager. */
    @Bean
    public ConfigurerModule backupScheduleSaga() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSaga(BackupScheduleSaga.class));
    }

    /** The schedule's trigger, outside the deadline's unit of work (its command commits on its own). */
    @Bean
    public ScheduledBackupTrigger scheduledBackupTrigger(BarmanOperations operations) {
        return (serverId, policy) -> BackgroundRuns.onOwnThread("scheduled-backup",
                () -> operations.startScheduledBackup(serverId, policy));
    }

    @Bean
    public MountOperations mountOperations(MountGateway mounts, BarmanOperations barman, Commands commands, Queries queries,
                                           SecretCipher cipher) {
        return new MountOperations(mounts, barman, commands, queries, cipher);
    }

    /**
     * Storage mounts and Barman's WAL receivers belong to this node: they come back with it, on a
     * thread of their own (each WAL receiver waits until it streams, which a PostgreSQL that is
     * down would hold up), mounts first, since the receivers write into them.
     */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> walReceiversAtStart(MountOperations mounts, BarmanOperations operations) {
        return event -> {
            Thread starter = new Thread(() -> {
                mounts.remountAtStart();
                operations.restartWalReceivers();
            }, "barman-mounts-and-wal-receivers");
            starter.setDaemon(true);
            starter.start();
        };
    }
}
