package io.opsledger.gateway.barman;

/**
 * A PostgreSQL server Barman backs up: where it is, the superuser-or-backup role for
 * {@code conninfo} and the replication role for {@code streaming_conninfo}, with their passwords.
 * WAL always arrives by the streaming archiver through a replication slot. Without {@code ssh}
 * the base backups stream too ({@code backup_method = postgres}); with it they are Barman's rsync
 * over SSH ({@code backup_method = rsync}, {@code reuse_backup = link}) from the data directory on
 * that host.
 */
public record BarmanServer(String name, String host, int port, String database, String user, String password,
                           String replicationUser, String replicationPassword, String postgresBin, SshAccess ssh) {

    /** A streaming-only server. */
    public BarmanServer(String name, String host, int port, String database, String user, String password,
                        String replicationUser, String replicationPassword, String postgresBin) {
        this(name, host, port, database, user, password, replicationUser, replicationPassword, postgresBin, null);
    }

    /** Keeps the passwords and the key out of logs and messages. */
    @Override
    public String toString() {
        return "BarmanServer[name=" + name + ", host=" + host + ", port=" + port + ", database=" + database
                + ", user=" + user + ", replicationUser=" + replicationUser + (ssh == null ? "" : ", ssh=" + ssh) + "]";
    }
}
