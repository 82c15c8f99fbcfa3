package io.opsledger.backup;

import io.opsledger.backup.api.BackupMessages.*;
import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A PostgreSQL server a user backs up with Barman. Configuring it again replaces its connection;
 * one backup runs at a time (Barman would refuse a second), each one's start and end an event; at
 * most one schedule of backups, whose retention deletes obsolete backups, each deletion an event.
 */
@Aggregate(cache = AggregateCache.NAME)
public class BackupServer {

    @AggregateIdentifier
    private String id;
    private String name;
    private String runningJob;
    private boolean scheduled;

    protected BackupServer() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfigureBackupServer command) {
        apply(new BackupServerConfigured(command.id(), command.ownerId(), command.storage(), command.name(),
                command.connection(), command.clusterId()));
    }

    @CommandHandler
    public void handle(StartBackup command) {
        if (runningJob != null) {
            throw RuleViolation.conflict(null, "A backup of this server is already running.");
        }
        apply(new BackupStarted(id, command.jobId(), command.backupName(), command.retentionPolicy()));
    }

    @CommandHandler
    public void handle(CompleteBackup command) {
        if (command.jobId().equals(runningJob)) {
            apply(new BackupCompleted(id, command.jobId(), command.backupId(), command.sizeBytes(), command.beginWal(),
                    command.endWal(), command.durationMillis()));
        }
    }

    @CommandHandler
    public void handle(RecordBackupProgress command) {
        if (command.jobId().equals(runningJob)) {
            apply(new BackupProgressed(id, command.jobId(), command.bytesCopied(), command.percent()));
        }
    }

    @CommandHandler
    public void handle(FailBackup command) {
        if (command.jobId().equals(runningJob)) {
            apply(new BackupFailed(id, command.jobId(), command.message()));
        }
    }

    @CommandHandler
    public void handle(ScheduleBackups command) {
        if (scheduled) {
            throw RuleViolation.conflict(null, "A cron job already exists for server '" + name + "'.");
        }
        apply(new BackupsScheduled(id, command.timetable(), command.retention()));
    }

    @CommandHandler
    public void handle(ChangeBackupSchedule command) {
        requireSchedule();
        apply(new BackupScheduleChanged(id, command.timetable(), command.retention()));
    }

    @CommandHandler
    public void handle(RemoveBackupSchedule command) {
        requireSchedule();
        apply(new BackupScheduleRemoved(id));
    }

    @CommandHandler
    public void handle(RecordObsoleteBackupDeleted command) {
        apply(new ObsoleteBackupDeleted(id, command.backupId(), command.policy()));
    }

    private void requireSchedule() {
        if (!scheduled) {
            throw RuleViolation.notFound("No backup is scheduled for server '" + name + "'.");
        }
    }

    @CommandHandler
    public void handle(RecordWalSwitch command) { apply(new WalSwitched(id, command.output())); }

    @CommandHandler
    public void handle(RecordRecovery command) {
        if (command.recovered()) {
            apply(new BackupRecovered(id, command.backupId(), command.destination(), command.targetServer(),
                    command.targetTime(), command.message()));
        } else {
            apply(new RecoveryFailed(id, command.backupId(), command.destination(), command.targetServer(),
                    command.targetTime(), command.message()));
        }
    }

    @CommandHandler
    public void handle(RecordRestoreCheck command) {
        if (command.verified()) {
            apply(new RestoreVerified(id, command.backupId(), command.destination(), command.serverVersion(),
                    command.databaseSizes()));
        } else {
            apply(new RestoreVerificationFailed(id, command.backupId(), command.destination(), command.message()));
        }
    }

    @EventSourcingHandler
    void on(BackupServerConfigured event) {
        id = event.id();
        name = event.name();
    }

    @EventSourcingHandler
    void on(BackupsScheduled event) { scheduled = true; }

    @EventSourcingHandler
    void on(BackupScheduleRemoved event) { scheduled = false; }

    @EventSourcingHandler
    void on(BackupStarted event) { runningJob = event.jobId(); }

    @EventSourcingHandler
    void on(BackupCompleted event) { runningJob = null; }

    @EventSourcingHandler
    void on(BackupFailed event) { runningJob = null; }
}
