package io.opsledger.dbaas;

import io.opsledger.backup.BarmanOperations;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The cloud-init user-data that turns a fresh Debian or Ubuntu virtual machine into a PostgreSQL
 * server of the asked major version (from the PostgreSQL project's own apt repository), with its
 * data on the attached volume, listening on port 5432 for the allowed network: a primary with the
 * cluster's user and database, or a streaming replica of a primary. The primary also has the roles
 * Barman connects as ({@link BarmanOperations#BARMAN_ROLE}, a superuser, and
 * {@link BarmanOperations#STREAMING_ROLE}, for replication), with the cluster's password, so that
 * BitBlast's add-server can register the cluster by name and back it up by streaming. The SQL and the replica's
 * password file travel base64-encoded, so no password has to survive YAML or shell quoting; the
 * user-data still holds the password, as any cloud-init bootstrap does, so it is readable only
 * through the project's metadata service.
 */
final class PostgresCloudInit {

    static final String DATA_DEVICE = "/dev/vdb";
    static final String REPLICATION_USER = "replicator";
    static final String BARMAN_USER = BarmanOperations.BARMAN_ROLE;
    static final String BARMAN_STREAMING_USER = BarmanOperations.STREAMING_ROLE;

    private PostgresCloudInit() {}

    /** A primary: {@code user} owns database {@code database} (for {@code postgres}: its password is set). */
    static String primary(String version, String user, String password, String database, String allowedCidr) {
        String major = major(version);
        StringBuilder sql = new StringBuilder();
        if ("postgres".equals(user)) {
            sql.append("ALTER ROLE postgres WITH PASSWORD ").append(literal(password)).append(";\n");
        } else {
            sql.append("CREATE ROLE ").append(user).append(" WITH LOGIN PASSWORD ").append(literal(password)).append(";\n");
            sql.append("CREATE DATABASE ").append(database).append(" OWNER ").append(user).append(";\n");
        }
        sql.append("CREATE ROLE ").append(REPLICATION_USER).append(" WITH REPLICATION LOGIN PASSWORD ")
                .append(literal(password)).append(";\n");
        sql.append("CREATE ROLE ").append(BARMAN_USER).append(" WITH SUPERUSER LOGIN PASSWORD ")
                .append(literal(password)).append(";\n");
        sql.append("CREATE ROLE ").append(BARMAN_STREAMING_USER).append(" WITH REPLICATION LOGIN PASSWORD ")
                .append(literal(password)).append(";\n");
        return document(major, allowedCidr, """
                  - path: /root/opsledger-init.sql
                    permissions: '0600'
                    encoding: b64
                    content: %s
                """.formatted(base64(sql.toString())), """
                  - [sh, -c, 'su postgres -c "psql -v ON_ERROR_STOP=1 -f /root/opsledger-init.sql" && rm -f /root/opsledger-init.sql']
                """);
    }

    /** A streaming replica of the primary at {@code primaryAddress}, cloned with pg_basebackup. */
    static String replica(String version, String password, String primaryAddress, String allowedCidr) {
        String major = major(version);
        String passfile = primaryAddress + ":5432:*:" + REPLICATION_USER + ":" + password.replace("\\", "\\\\").replace(":", "\\:") + "\n";
        String data = "/var/lib/postgresql/" + major + "/main";
        return document(major, allowedCidr, """
                  - path: /var/lib/postgresql/.pgpass
                    permissions: '0600'
                    encoding: b64
                    content: %s
                """.formatted(base64(passfile)), """
                  - [chown, 'postgres:postgres', /var/lib/postgresql/.pgpass]
                  - [systemctl, stop, postgresql]
                  - [sh, -c, 'rm -rf %1$s && su postgres -c "pg_basebackup -h %2$s -U %3$s -D %1$s -R -X stream -C -S $(hostname | tr -c a-z0-9_ _)"']
                  - [systemctl, start, postgresql]
                """.formatted(data, primaryAddress, REPLICATION_USER));
    }

    private static String document(String major, String allowedCidr, String files, String commands) {
        return """
                #cloud-config
                package_update: true
                packages: [postgresql-common, e2fsprogs]
                write_files:
                %6$s  - path: /etc/postgresql-common/createcluster.d/opsledger.conf
                    content: |
                      listen_addresses = '*'
                bootcmd:
                  - [sh, -c, 'blkid %2$s || mkfs.ext4 -L pgdata %2$s']
                mounts:
                  - [LABEL=pgdata, /var/lib/postgresql, ext4, 'defaults,nofail', '0', '2']
                runcmd:
                  - [sh, -c, '/usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y && apt-get install -y postgresql-%1$s']
                  - [sh, -c, 'echo "host all all %3$s scram-sha-256" >> /etc/postgresql/%1$s/main/pg_hba.conf && echo "host replication %4$s %3$s scram-sha-256" >> /etc/postgresql/%1$s/main/pg_hba.conf && echo "host replication %7$s %3$s scram-sha-256" >> /etc/postgresql/%1$s/main/pg_hba.conf']
                  - [systemctl, restart, postgresql]
                %5$s  - [touch, /var/lib/cloud/instance/opsledger-postgres-ready]
                """.formatted(major, DATA_DEVICE, allowedCidr, REPLICATION_USER, commands, files, BARMAN_STREAMING_USER);
    }

    /** "16.4" → "16". */
    static String major(String version) {
        return version.contains(".") ? version.substring(0, version.indexOf('.')) : version;
    }

    /** An SQL string literal. */
    static String literal(String value) { return "'" + value.replace("'", "''") + "'"; }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
