package io.opsledger.gateway.barman;

/**
 * A PostgreSQL server backed up by streaming (Barman's {@code backup_method = postgres} with the
 * streaming archiver and a replication slot): where it is, the superuser-or-backup role for
 * {@code conninfo} and the replication role for {@code streaming_conninfo}, with their passwords.
 */
public record BarmanServer(String name, String host, int port, String database, String user, String password,
                           String replicationUser, String replicationPassword, String postgresBin) {

    /** Keeps the passwords out of logs and messages. */
    @Override
    public String toString() {
        return "BarmanServer[name=" + name + ", host=" + host + ", port=" + port + ", database=" + database
                + ", user=" + user + ", replicationUser=" + replicationUser + "]";
    }
}
