package io.opsledger.backup;

import io.opsledger.backup.api.BackupMessages;
import io.opsledger.backup.api.BackupMessages.*;
import io.opsledger.backup.api.BackupQueries.BackupJob;
import io.opsledger.backup.api.BackupQueries.BackupServerView;
import io.opsledger.backup.api.BackupQueries.FindBackupServer;
import io.opsledger.backup.api.BackupTimetable;
import io.opsledger.backup.api.RetentionPolicy;
import io.opsledger.common.RuleViolation;
import io.opsledger.backup.api.BackupQueries.ListBackupServers;
import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.dbaas.api.ClusterMessages.Connection;
import io.opsledger.dbaas.api.DbaasQueries.ClusterView;
import io.opsledger.dbaas.api.DbaasQueries.FindClustersNamed;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.barman.BarmanGateway;
import io.opsledger.gateway.barman.BarmanGateway.Backup;
import io.opsledger.gateway.barman.BarmanGateway.Check;
import io.opsledger.gateway.barman.BarmanGateway.RestoreCheck;
import io.opsledger.gateway.barman.BarmanServer;
import io.opsledger.gateway.barman.BarmanSite;
import io.opsledger.gateway.barman.SshAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a DBA does with Barman, each write an event: a server is configured in the user's Barman
 * site of that storage (nfs or s3) with Barman's streaming method or rsync over SSH (WAL streamed
 * either way), its WAL receiver started; a backup runs as a background job (started, then
 * completed with its id, size and WAL, or failed with Barman's message; one at a time), after
 * which a retention policy deletes what Barman marks obsolete; schedules are kept (and run by
 * {@link BackupScheduleSaga}); WAL switches and restores are recorded with their outcome.
 * Barman connects as role {@value #BARMAN_ROLE} for backups and {@value #STREAMING_ROLE} for
 * streaming, both with the server's db_pass (Barman's documented setup).
 */
public class BarmanOperations {

    public static final String BARMAN_ROLE = "barman";
    public static final String STREAMING_ROLE = "streaming_barman";
    public static final String SCHEDULER = "scheduler";
    public static final String CLUSTER_NOT_FOUND = "Cluster not found.";
    public static final String CLOUD_NATIVE_PG_BACKS_UP =
            "Clusters on Kubernetes and OpenShift are backed up by CloudNativePG's own Barman (backup_method s3).";
    private static final String WAL_ARCHIVE_CHECK = "wal_archive";
    private static final Logger log = LoggerFactory.getLogger(BarmanOperations.class);

    private final BarmanGateway barman;
    private final Commands commands;
    private final Queries queries;
    private final SecretCipher cipher;
    private final Path root;
    private final String postgresBin;
    private final Clock clock;
    private final Duration progressInterval;
    private final ScheduledExecutorService progressTicker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "backup-progress");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param root where the users' Barman sites live
     * @param postgresBin PostgreSQL's client programs for Barman, or null
     * @param progressInterval how often a running backup's progress is measured and recorded
     */
    public BarmanOperations(BarmanGateway barman, Commands commands, Queries queries, SecretCipher cipher, Path root,
                            String postgresBin, Clock clock, Duration progressInterval) {
        this.barman = barman;
        this.commands = commands;
        this.queries = queries;
        this.cipher = cipher;
        this.root = root;
        this.postgresBin = postgresBin;
        this.clock = clock;
        this.progressInterval = progressInterval;
    }

    /** The user's Barman site for that storage. */
    public BarmanSite site(String ownerId, String storage) {
        return new BarmanSite(root.resolve(ownerId.replaceAll("[^A-Za-z0-9_-]", "_")).resolve(storage));
    }

    public void configure(Actor actor, String ownerId, String storage, String name, String host, int port, String database,
                          String password, String sshKey) {
        configure(actor, ownerId, storage, name, host, port, database, password, sshKey, ServerConnection.STREAMING, null, 0);
    }

    /**
     * @param backupMethod {@link ServerConnection#STREAMING} or {@link ServerConnection#RSYNC}: base
     *     backups by rsync over SSH as {@code sshUser} on {@code host:sshPort} with {@code sshKey}
     *     (a private key); sshUser and sshPort are ignored for streaming
     */
    public void configure(Actor actor, String ownerId, String storage, String name, String host, int port, String database,
                          String password, String sshKey, String backupMethod, String sshUser, int sshPort) {
        configure(actor, ownerId, storage, name, host, port, database, password, sshKey, backupMethod, sshUser, sshPort, null);
    }

    private void configure(Actor actor, String ownerId, String storage, String name, String host, int port, String database,
                           String password, String sshKey, String backupMethod, String sshUser, int sshPort, String clusterId) {
        BarmanSite site = site(ownerId, storage);
        boolean rsync = ServerConnection.RSYNC.equals(backupMethod);
        barman.configure(site, new BarmanServer(name, host, port, database, BARMAN_ROLE, password, STREAMING_ROLE, password,
                postgresBin, rsync ? new SshAccess(sshUser, host, sshPort, sshKey) : null));
        commands.send(new ConfigureBackupServer(BackupMessages.serverId(ownerId, storage, name), ownerId, storage, name,
                new ServerConnection(host, port, database, cipher.encrypt(password), cipher.encrypt(sshKey),
                        rsync ? ServerConnection.RSYNC : ServerConnection.STREAMING, rsync ? sshUser : null,
                        rsync ? sshPort : 0), clusterId), actor);
        barman.startWalReceiver(site, name);
    }

    /**
     * A cluster of the dbaas context, found by its owner's name for it ({@code projectNumber}, when
     * not null, picks the project), registered as a streaming Barman server: its connection's host,
     * port and database, its db_password for Barman's roles (which the VM clusters' cloud-init makes,
     * {@code PostgresCloudInit}). The server's event names the cluster.
     *
     * @param serverName Barman's name for it; null: the cluster's name
     * @return the server's name
     * @throws RuleViolation not found (none of that name, or not in that project), invalid (several
     *     projects have one of that name and none was given; a cluster on Kubernetes or OpenShift,
     *     which CloudNativePG backs up itself), conflict (not ready)
     */
    public String configureCluster(Actor actor, String ownerId, String storage, String serverName, String clusterName,
                                   Long projectNumber) {
        List<ClusterView> named = queries.list(new FindClustersNamed(ownerId, clusterName), ClusterView.class).stream()
                .filter(c -> projectNumber == null || c.projectNumber() == projectNumber).toList();
        if (named.isEmpty()) {
            throw RuleViolation.notFound(CLUSTER_NOT_FOUND);
        }
        if (named.size() > 1) {
            throw RuleViolation.invalid(null, "Several of your projects have a cluster named " + clusterName
                    + "; give project_id.");
        }
        ClusterView cluster = named.get(0);
        if (cluster.platform() == Platform.KUBERNETES || cluster.platform() == Platform.OPENSHIFT) {
            throw RuleViolation.invalid(null, CLOUD_NATIVE_PG_BACKS_UP);
        }
        if (!cluster.ready() || cluster.connection() == null) {
            throw RuleViolation.conflict(null, "Cluster " + cluster.name() + " is not ready (" + cluster.status()
                    + "); add it once its provisioning has succeeded.");
        }
        if (cluster.dbPassword() == null) {
            throw RuleViolation.conflict(null, "The password of cluster " + cluster.name()
                    + " is not in the clusters read model yet (it was projected before it kept it); replay the projection.");
        }
        String name = serverName == null ? cluster.name() : serverName;
        Connection c = cluster.connection();
        configure(actor, ownerId, storage, name, c.host(), c.port(), c.database(), cipher.decrypt(cluster.dbPassword()), null,
                ServerConnection.STREAMING, null, 0, cluster.id());
        return name;
    }

    /** Barman's own list of the site's servers. */
    public List<String> servers(String ownerId, String storage) { return barman.servers(site(ownerId, storage)); }

    public Map<String, Check> check(BackupServerView server) { return barman.check(site(server), server.name()); }

    public String switchWal(Actor actor, BackupServerView server) {
        String output = barman.switchWal(site(server), server.name());
        commands.send(new RecordWalSwitch(server.id(), output), actor);
        return output;
    }

    /**
     * Starts a backup job (run in the background by {@link #run}); a second one while one runs is
     * refused by the server's aggregate (409).
     *
     * @param retentionPolicy Barman's policy to apply once the backup is done, or null
     * @return the job's id
     */
    public String startBackup(Actor actor, BackupServerView server, String backupName, String retentionPolicy) {
        String job = UUID.randomUUID().toString();
        commands.send(new StartBackup(server.id(), job, backupName, retentionPolicy), actor);
        return job;
    }

    /**
     * The server's job {@code jobId} as soon as it finished, or as it stands after {@code patience}
     * (a backup's request answers when it is done, as the original's did, unless it takes long).
     */
    public BackupJob awaitJob(String serverId, String jobId, Duration patience) {
        long until = clock.millis() + patience.toMillis();
        while (true) {
            BackupServerView server = queries.one(new FindBackupServer(serverId), BackupServerView.class);
            BackupJob job = server == null ? null : server.lastJob();
            boolean ours = job != null && jobId.equals(job.jobId());
            if ((ours && job.finished()) || clock.millis() >= until) {
                return ours ? job : null;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ours ? job : null;
            }
        }
    }

    /**
     * A backup job's run: Barman's backup to its end, then the retention policy it was given (if
     * any) deletes what Barman marks obsolete, then the job completes with the backup's id, size and
     * WAL; or it fails with Barman's message. A job is finished only once its retention is applied.
     */
    public void run(BackupStarted job) {
        BackupServerView server = queries.one(new FindBackupServer(job.id()), BackupServerView.class);
        Actor actor = Actor.system("backup-job");
        if (server == null) {
            commands.send(new FailBackup(job.id(), job.jobId(), "The server is no longer configured."), actor);
            return;
        }
        long started = clock.millis();
        Backup backup;
        ScheduledFuture<?> progress = followProgress(server, job.jobId(), actor);
        try {
            backup = backupOnceTheArchiveHasAWal(server, actor);
        } catch (RuntimeException e) {
            progress.cancel(false);
            commands.send(new FailBackup(server.id(), job.jobId(), e.getMessage()), actor);
            return;
        }
        progress.cancel(false);
        if (job.retentionPolicy() != null) {
            try {
                applyRetention(server, job.retentionPolicy(), actor);
            } catch (RuntimeException e) {
                // the backup itself is good; the next run applies the policy again
                log.warn("retention policy {} of Barman server {} not applied: {}", job.retentionPolicy(), server.name(),
                        e.getMessage());
            }
        }
        commands.send(new CompleteBackup(server.id(), job.jobId(), backup.id(), backup.sizeBytes(), backup.beginWal(),
                backup.endWal(), clock.millis() - started), actor);
    }

    /**
     * Every {@code progressInterval} while the job runs: the bytes its backup wrote so far (what the
     * server's base backups take beyond what they took at its start) and, when the server's last
     * backup completed, that over its size as a percentage (at most 99 until done), recorded when
     * they changed. Barman's {@code backup --wait} tells nothing while it runs.
     */
    private ScheduledFuture<?> followProgress(BackupServerView server, String jobId, Actor actor) {
        BarmanSite site = site(server);
        long before = barman.storedBytes(site, server.name());
        BackupJob last = server.lastJob();
        Long expected = last != null && "completed".equals(last.status()) && last.sizeBytes() != null && last.sizeBytes() > 0
                ? last.sizeBytes() : null;
        long[] recorded = {0};
        return progressTicker.scheduleWithFixedDelay(() -> {
            try {
                long copied = Math.max(0, barman.storedBytes(site, server.name()) - before);
                if (copied != recorded[0]) {
                    recorded[0] = copied;
                    Integer percent = expected == null ? null : (int) Math.min(99, copied * 100 / expected);
                    commands.send(new RecordBackupProgress(server.id(), jobId, copied, percent), actor);
                }
            } catch (RuntimeException e) {
                log.debug("progress of backup job {} not recorded: {}", jobId, e.getMessage());
            }
        }, progressInterval.toMillis(), progressInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Barman's backup; a new server's WAL archive stays empty until its first WAL switch, and Barman
     * refuses to back up before it: then the WAL is switched (an event) and the backup tried again.
     * Checked only after a refusal, so a backup costs nothing more than Barman's own.
     */
    private Backup backupOnceTheArchiveHasAWal(BackupServerView server, Actor actor) {
        BarmanSite site = site(server);
        try {
            return barman.backup(site, server.name());
        } catch (PlatformCallFailed refused) {
            Check archive = barman.check(site, server.name()).get(WAL_ARCHIVE_CHECK);
            if (archive == null || archive.ok()) {
                throw refused;
            }
            commands.send(new RecordWalSwitch(server.id(), barman.switchWal(site, server.name())), actor);
            return barman.backup(site, server.name());
        }
    }

    /** Sets the server's policy in Barman and deletes each backup Barman then marks obsolete (each an event). */
    public List<String> applyRetention(BackupServerView server, String policy, Actor actor) {
        BarmanSite site = site(server);
        barman.retentionPolicy(site, server.name(), policy);
        List<String> deleted = new java.util.ArrayList<>();
        for (Backup backup : barman.backups(site, server.name())) {
            if (backup.obsolete()) {
                barman.delete(site, server.name(), backup.id());
                commands.send(new RecordObsoleteBackupDeleted(server.id(), backup.id(), policy), actor);
                deleted.add(backup.id());
            }
        }
        return deleted;
    }

    /** One schedule per server (a second is a 409); Barman learns the retention policy at once. */
    public void schedule(Actor actor, BackupServerView server, BackupTimetable timetable, RetentionPolicy retention) {
        commands.send(new ScheduleBackups(server.id(), timetable, retention), actor);
        barman.retentionPolicy(site(server), server.name(), retention.barmanPolicy());
    }

    public void changeSchedule(Actor actor, BackupServerView server, BackupTimetable timetable, RetentionPolicy retention) {
        commands.send(new ChangeBackupSchedule(server.id(), timetable, retention), actor);
        barman.retentionPolicy(site(server), server.name(), retention.barmanPolicy());
    }

    /** Ends the schedule; Barman forgets the policy (nothing more is deleted). */
    public void removeSchedule(Actor actor, BackupServerView server) {
        commands.send(new RemoveBackupSchedule(server.id()), actor);
        barman.retentionPolicy(site(server), server.name(), null);
    }

    /**
     * A scheduled backup of the server as user {@value #SCHEDULER}, with the schedule's retention
     * policy; empty when the server is gone or a backup of it is running.
     */
    public Optional<String> startScheduledBackup(String serverId, String retentionPolicy) {
        BackupServerView server = queries.one(new FindBackupServer(serverId), BackupServerView.class);
        if (server == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(startBackup(Actor.system(SCHEDULER), server, null, retentionPolicy));
        } catch (RuleViolation e) {
            log.info("scheduled backup of {} skipped: {}", server.name(), e.getMessage());
            return Optional.empty();
        }
    }

    public List<Backup> backups(BackupServerView server) { return barman.backups(site(server), server.name()); }

    /** Restores on this host; the outcome is recorded either way. */
    public String recover(Actor actor, BackupServerView server, String backupId, String destination, String targetServer,
                          Instant targetTime) {
        return recover(actor, server, backupId, destination, targetServer, targetTime, null);
    }

    /** A host to restore onto over SSH; a null user or port is the server's SSH user and port (else postgres, 22). */
    public record RemoteHost(String user, String host, Integer port) {}

    /** Whether the server's ssh_key is a private key, which a recovery onto another host logs in with. */
    public boolean hasPrivateKey(BackupServerView server) {
        return server.connection().sshKey() != null && SshAccess.isPrivateKey(cipher.decrypt(server.connection().sshKey()));
    }

    /**
     * Restores on this host when {@code remote} is null, else onto that host over SSH with the
     * server's ssh_key; the outcome is recorded either way.
     */
    public String recover(Actor actor, BackupServerView server, String backupId, String destination, String targetServer,
                          Instant targetTime, RemoteHost remote) {
        try {
            SshAccess access = remote == null ? null : access(server, remote);
            String output = barman.recover(site(server), server.name(), backupId, destination, targetTime, access);
            commands.send(new RecordRecovery(server.id(), backupId, destination, targetServer, targetTime, true, output), actor);
            return output;
        } catch (PlatformCallFailed e) {
            commands.send(new RecordRecovery(server.id(), backupId, destination, targetServer, targetTime, false,
                    e.getMessage()), actor);
            throw e;
        }
    }

    /**
     * Proves a restore on this host by starting it (see {@link BarmanGateway#verifyRestore}); the
     * outcome is an event either way.
     */
    public RestoreCheck verifyRestore(Actor actor, BackupServerView server, String backupId, String destination) {
        try {
            RestoreCheck check = barman.verifyRestore(Path.of(destination), postgresBin, BARMAN_ROLE);
            commands.send(new RecordRestoreCheck(server.id(), backupId, destination, true, check.serverVersion(),
                    check.databaseSizes(), null), actor);
            return check;
        } catch (PlatformCallFailed e) {
            commands.send(new RecordRestoreCheck(server.id(), backupId, destination, false, null, null, e.getMessage()), actor);
            throw e;
        }
    }

    /** At start: every configured server's WAL receiver runs again (a failure is logged, the others go on). */
    public void restartWalReceivers() {
        for (BackupServerView server : queries.list(new ListBackupServers(null, null), BackupServerView.class)) {
            try {
                barman.startWalReceiver(site(server), server.name());
            } catch (RuntimeException e) {
                log.warn("WAL receiver of Barman server {} not started: {}", server.name(), e.getMessage());
            }
        }
    }

    /** Stops the WAL receivers of the user's servers of that storage (before the storage is unmounted under them). */
    public void stopWalReceivers(String ownerId, String storage) {
        for (BackupServerView server : queries.list(new ListBackupServers(ownerId, storage), BackupServerView.class)) {
            barman.stopWalReceiver(site(ownerId, storage), server.name());
        }
    }

    private BarmanSite site(BackupServerView server) { return site(server.ownerId(), server.storage()); }

    private SshAccess access(BackupServerView server, RemoteHost remote) {
        ServerConnection c = server.connection();
        String user = remote.user() != null ? remote.user() : c.sshUser() != null ? c.sshUser() : "postgres";
        int port = remote.port() != null ? remote.port() : c.sshPort() > 0 ? c.sshPort() : SshAccess.DEFAULT_PORT;
        return new SshAccess(user, remote.host(), port, c.sshKey() == null ? null : cipher.decrypt(c.sshKey()));
    }
}
