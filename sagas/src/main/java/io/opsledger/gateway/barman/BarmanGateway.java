package io.opsledger.gateway.barman;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Port to Barman on this host: one Barman site (its own configuration file, home and server
 * configurations) per user and storage, servers configured for streaming backups or rsync backups
 * over SSH (WAL streamed either way), and the commands a DBA runs. Every method throws {@link io.opsledger.gateway.PlatformCallFailed} with
 * Barman's own message when Barman refuses, fails or does not finish in time.
 */
public interface BarmanGateway {

    /**
     * Writes (or rewrites) the server's configuration and its passfile (mode 0600) under the site;
     * for rsync over SSH also its private key file (mode 0600, the Barman user's).
     */
    void configure(BarmanSite site, BarmanServer server);

    /** Removes the server's configuration, passfile and key file (its backups stay under the site's home). */
    void remove(BarmanSite site, String server);

    /**
     * Sets Barman's {@code retention_policy} of the server ("RECOVERY WINDOW OF 7 DAYS",
     * "REDUNDANCY 2"), or removes it when {@code policy} is null; {@link #backups} then marks the
     * backups it no longer needs OBSOLETE.
     */
    void retentionPolicy(BarmanSite site, String server, String policy);

    /** The names of the site's configured servers. */
    List<String> servers(BarmanSite site);

    /** {@code barman check}: every check by name with OK or FAILED and Barman's hint. */
    Map<String, Check> check(BarmanSite site, String server);

    /** Creates the replication slot if missing and starts the site's WAL receiver for the server (kept running). */
    void startWalReceiver(BarmanSite site, String server);

    /** Stops the server's WAL receiver, if it runs. */
    void stopWalReceiver(BarmanSite site, String server);

    /** {@code barman switch-wal --force --archive}: closes the current WAL segment and waits for it to be archived. */
    String switchWal(BarmanSite site, String server);

    /** {@code barman backup --wait}: a full backup; answers it as Barman lists it. */
    Backup backup(BarmanSite site, String server);

    /** The bytes the server's base backups take under the site's home (a backup running grows it). */
    long storedBytes(BarmanSite site, String server);

    /** {@code barman list-backups}, newest first. */
    List<Backup> backups(BarmanSite site, String server);

    /** {@code barman delete}: removes one backup. */
    void delete(BarmanSite site, String server, String backupId);

    /**
     * {@code barman recover}: restores {@code backupId} (or {@code latest}) into {@code destination}
     * on this host, up to {@code targetTime} when it is not null (point-in-time recovery).
     */
    default String recover(BarmanSite site, String server, String backupId, String destination, Instant targetTime) {
        return recover(site, server, backupId, destination, targetTime, null);
    }

    /**
     * {@code barman recover}: as above, onto {@code remote} over SSH ({@code --remote-ssh-command})
     * when it is not null, where {@code destination} is a folder on that host that must be absent
     * or empty; on this host when it is null.
     */
    String recover(BarmanSite site, String server, String backupId, String destination, Instant targetTime, SshAccess remote);

    /**
     * Proves a restore on this host: starts a PostgreSQL ({@code postgresBin}'s, null: the PATH's)
     * on {@code dataDirectory} as the Barman user, on a private socket without TCP and with a
     * minimal configuration of its own (so only the restored data decides), lets it replay its WAL
     * and open, lists its databases as {@code role}, and stops it again.
     */
    RestoreCheck verifyRestore(Path dataDirectory, String postgresBin, String role);

    /** One check's result. */
    record Check(boolean ok, String hint) {}

    /** A restored server that started: its version, its databases' sizes in bytes, and how long it took to open. */
    record RestoreCheck(String serverVersion, java.util.Map<String, Long> databaseSizes, java.time.Duration startTime) {}

    /**
     * One backup: id, status (DONE, FAILED, ...), size in bytes, begin and end WAL, end time, and
     * what the retention policy makes of it (VALID, OBSOLETE, ...; null when not listed).
     */
    record Backup(String id, String status, long sizeBytes, String beginWal, String endWal, Instant endTime,
                  String retentionStatus) {
        public boolean obsolete() { return "OBSOLETE".equals(retentionStatus); }
    }
}
