package io.opsledger.backup;

import io.opsledger.backup.api.BackupMessages;
import io.opsledger.backup.api.BackupMessages.*;
import io.opsledger.backup.api.BackupQueries.BackupServerView;
import io.opsledger.backup.api.BackupQueries.ListBackupServers;
import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.barman.BarmanGateway;
import io.opsledger.gateway.barman.BarmanGateway.Backup;
import io.opsledger.gateway.barman.BarmanGateway.Check;
import io.opsledger.gateway.barman.BarmanServer;
import io.opsledger.gateway.barman.BarmanSite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a DBA does with Barman, each write an event: a server is configured in the user's Barman
 * site of that storage (nfs or s3) with Barman's streaming method, its WAL receiver started; a
 * backup runs as a job (started, then completed with its id, size and WAL, or failed with
 * Barman's message; one at a time); WAL switches and restores are recorded with their outcome.
 * Barman connects as role {@value #BARMAN_ROLE} for backups and {@value #STREAMING_ROLE} for
 * streaming, both with the server's db_pass (Barman's documented setup).
 */
public class BarmanOperations {

    public static final String BARMAN_ROLE = "barman";
    public static final String STREAMING_ROLE = "streaming_barman";
    private static final Logger log = LoggerFactory.getLogger(BarmanOperations.class);

    private final BarmanGateway barman;
    private final Commands commands;
    private final Queries queries;
    private final SecretCipher cipher;
    private final Path root;
    private final String postgresBin;
    private final Clock clock;

    /** @param root where the users' Barman sites live; @param postgresBin PostgreSQL's client programs for Barman, or null */
    public BarmanOperations(BarmanGateway barman, Commands commands, Queries queries, SecretCipher cipher, Path root,
                            String postgresBin, Clock clock) {
        this.barman = barman;
        this.commands = commands;
        this.queries = queries;
        this.cipher = cipher;
        this.root = root;
        this.postgresBin = postgresBin;
        this.clock = clock;
    }

    /** The user's Barman site for that storage. */
    public BarmanSite site(String ownerId, String storage) {
        return new BarmanSite(root.resolve(ownerId.replaceAll("[^A-Za-z0-9_-]", "_")).resolve(storage));
    }

    public void configure(Actor actor, String ownerId, String storage, String name, String host, int port, String database,
                          String password, String sshKey) {
        BarmanSite site = site(ownerId, storage);
        barman.configure(site, new BarmanServer(name, host, port, database, BARMAN_ROLE, password, STREAMING_ROLE, password,
                postgresBin));
        commands.send(new ConfigureBackupServer(BackupMessages.serverId(ownerId, storage, name), ownerId, storage, name,
                new ServerConnection(host, port, database, cipher.encrypt(password), cipher.encrypt(sshKey))), actor);
        barman.startWalReceiver(site, name);
    }

    /** Barman's own list of the site's servers. */
    public List<String> servers(String ownerId, String storage) { return barman.servers(site(ownerId, storage)); }

    public Map<String, Check> check(BackupServerView server) { return barman.check(site(server), server.name()); }

    public String switchWal(Actor actor, BackupServerView server) {
        String output = barman.switchWal(site(server), server.name());
        commands.send(new RecordWalSwitch(server.id(), output), actor);
        return output;
    }

    /** Runs a backup to its end; a second one while this runs is refused by the server's aggregate (409). */
    public Backup backup(Actor actor, BackupServerView server, String backupName) {
        String job = UUID.randomUUID().toString();
        commands.send(new StartBackup(server.id(), job, backupName), actor);
        long started = clock.millis();
        try {
            Backup backup = barman.backup(site(server), server.name());
            commands.send(new CompleteBackup(server.id(), job, backup.id(), backup.sizeBytes(), backup.beginWal(),
                    backup.endWal(), clock.millis() - started), actor);
            return backup;
        } catch (RuntimeException e) {
            commands.send(new FailBackup(server.id(), job, e.getMessage()), actor);
            throw e;
        }
    }

    public List<Backup> backups(BackupServerView server) { return barman.backups(site(server), server.name()); }

    /** Restores on this host; the outcome is recorded either way. */
    public String recover(Actor actor, BackupServerView server, String backupId, String destination, String targetServer,
                          Instant targetTime) {
        try {
            String output = barman.recover(site(server), server.name(), backupId, destination, targetTime);
            commands.send(new RecordRecovery(server.id(), backupId, destination, targetServer, targetTime, true, output), actor);
            return output;
        } catch (PlatformCallFailed e) {
            commands.send(new RecordRecovery(server.id(), backupId, destination, targetServer, targetTime, false,
                    e.getMessage()), actor);
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
}
