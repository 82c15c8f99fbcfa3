package io.opsledger.gateway.barman;

import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.barman.BarmanGateway.Backup;
import io.opsledger.testing.PostgresServer;
import io.opsledger.testing.SshServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Barman gateway against Debian's Barman 3.4 and PostgreSQL 15 (ops/peers/barman,
 * ops/peers/postgresql): configure a streaming server, receive its WAL, back it up, and restore
 * it, latest and to a point in time, into data directories a PostgreSQL then starts on; and the
 * same with rsync backups over SSH and recoveries onto a host over SSH, through a real sshd
 * (ops/peers/sshd) on loopback that lets in {@code postgres}, the owner of the data directories.
 */
class BarmanGatewayTest {

    private static final String REPLICATION_PASSWORD = "stream:ing\\pass";

    @Test
    void aBackupRestoresLatestAndToAPointInTime() throws Exception {
        Path work = Files.createTempDirectory("opsledger-barman-");
        // Barman and PostgreSQL run as their own users: they must be able to walk into the folder
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBarmanGateway barman = new ProcessBarmanGateway("barman", "barman", Duration.ofSeconds(30), Duration.ofMinutes(3));
        try (PostgresServer pg = PostgresServer.start(); barman) {
            pg.execute("CREATE ROLE streaming_barman WITH REPLICATION LOGIN PASSWORD '" + REPLICATION_PASSWORD.replace("'", "''") + "'",
                    "CREATE TABLE orders (id int)", "INSERT INTO orders VALUES (1), (2)");
            BarmanSite site = new BarmanSite(work.resolve("site"));
            barman.configure(site, new BarmanServer("orders-db", "127.0.0.1", pg.port(), "postgres", pg.username(),
                    pg.password(), "streaming_barman", REPLICATION_PASSWORD, "/usr/lib/postgresql/15/bin"));
            assertThat(barman.servers(site)).containsExactly("orders-db");
            assertThat(Files.getPosixFilePermissions(site.secretsDirectory().resolve("orders-db.pass")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(site.serversDirectory().resolve("orders-db.conf"))).doesNotContain(pg.password());

            barman.startWalReceiver(site, "orders-db");
            barman.switchWal(site, "orders-db");
            Map<String, BarmanGateway.Check> checks = barman.check(site, "orders-db");
            assertThat(checks).allSatisfy((name, check) -> assertThat(check.ok()).as(name + ": " + check.hint()).isTrue());

            // what a running backup's progress is measured by: the base backups' bytes, grown by the backup's data
            assertThat(barman.storedBytes(site, "orders-db")).isZero();
            Backup backup = barman.backup(site, "orders-db");
            assertThat(backup.status()).isEqualTo("DONE");
            assertThat(backup.sizeBytes()).isPositive();
            assertThat(barman.storedBytes(site, "orders-db")).isBetween(backup.sizeBytes() / 2, backup.sizeBytes() * 2);
            assertThat(backup.beginWal()).matches("[0-9A-F]{24}");
            assertThat(barman.backups(site, "orders-db")).extracting(Backup::id).containsExactly(backup.id());

            pg.execute("INSERT INTO orders VALUES (3)");
            Thread.sleep(1100);
            Instant between = Instant.now();
            Thread.sleep(1100);
            pg.execute("INSERT INTO orders VALUES (4)");
            barman.switchWal(site, "orders-db");

            assertThat(restoredCount(barman, site, work.resolve("latest"), "latest", null, pg.password())).isEqualTo(4);
            assertThat(restoredCount(barman, site, work.resolve("pitr"), backup.id(), between, pg.password())).isEqualTo(3);
            Path occupied = Files.createDirectories(work.resolve("occupied"));
            Files.writeString(occupied.resolve("keep.txt"), "someone's files");
            assertThatThrownBy(() -> barman.recover(site, "orders-db", "latest", occupied.toString(), null))
                    .isInstanceOf(PlatformCallFailed.class).hasMessageContaining("not empty");

            barman.remove(site, "orders-db");
            assertThat(barman.servers(site)).isEmpty();
            assertThat(site.secretsDirectory().resolve("orders-db.pass")).doesNotExist();
        }
    }

    @Test
    void anRsyncBackupOverSshRestoresOverSshLatestAndToAPointInTime() throws Exception {
        Path work = Files.createTempDirectory("opsledger-barman-ssh-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBarmanGateway barman = new ProcessBarmanGateway("barman", "barman", Duration.ofSeconds(30), Duration.ofMinutes(3));
        try (PostgresServer pg = PostgresServer.start(); SshServer ssh = SshServer.start(); barman) {
            pg.execute("CREATE ROLE streaming_barman WITH REPLICATION LOGIN PASSWORD '" + REPLICATION_PASSWORD.replace("'", "''") + "'",
                    "CREATE TABLE orders (id int)", "INSERT INTO orders VALUES (1), (2)");
            BarmanSite site = new BarmanSite(work.resolve("site"));
            SshAccess access = new SshAccess(ssh.user(), ssh.host(), ssh.port(), ssh.privateKey());
            barman.configure(site, new BarmanServer("orders-db", "127.0.0.1", pg.port(), "postgres", pg.username(),
                    pg.password(), "streaming_barman", REPLICATION_PASSWORD, "/usr/lib/postgresql/15/bin", access));
            Path keyFile = site.secretsDirectory().resolve("orders-db.key");
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getOwner(keyFile).getName()).isEqualTo("barman");
            String conf = Files.readString(site.serversDirectory().resolve("orders-db.conf"));
            assertThat(conf).contains("backup_method = rsync", "reuse_backup = link", "streaming_archiver = on",
                    "ssh_command = ssh -i " + keyFile + " -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile="
                            + site.secretsDirectory().resolve("known_hosts") + " -o BatchMode=yes -o ConnectTimeout=10 -o LogLevel=ERROR -p "
                            + ssh.port() + " postgres@127.0.0.1")
                    .doesNotContain(pg.password(), "PRIVATE KEY");

            barman.startWalReceiver(site, "orders-db");
            barman.switchWal(site, "orders-db");
            Map<String, BarmanGateway.Check> checks = barman.check(site, "orders-db");
            assertThat(checks).containsKey("ssh")
                    .allSatisfy((name, check) -> assertThat(check.ok()).as(name + ": " + check.hint()).isTrue());
            // the host key was accepted on first use and pinned for the site
            assertThat(Files.readString(site.secretsDirectory().resolve("known_hosts")))
                    .contains(ssh.hostPublicKey().split(" ")[1]);

            Backup backup = barman.backup(site, "orders-db");
            assertThat(backup.status()).isEqualTo("DONE");
            assertThat(backup.sizeBytes()).isPositive();

            pg.execute("INSERT INTO orders VALUES (3)");
            Thread.sleep(1100);
            Instant between = Instant.now();
            Thread.sleep(1100);
            pg.execute("INSERT INTO orders VALUES (4)");
            barman.switchWal(site, "orders-db");

            assertThat(restoredOverSsh(barman, site, access, work.resolve("latest"), "latest", null, pg.password())).isEqualTo(4);
            assertThat(restoredOverSsh(barman, site, access, work.resolve("pitr"), backup.id(), between, pg.password())).isEqualTo(3);
            // the key written for a recovery is gone after it
            try (Stream<Path> secrets = Files.list(site.secretsDirectory())) {
                assertThat(secrets.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("recover"));
            }

            Path occupied = remoteParent(work.resolve("occupied")).resolve("data");
            Files.createDirectories(occupied);
            Files.writeString(occupied.resolve("keep.txt"), "someone's files");
            assertThatThrownBy(() -> barman.recover(site, "orders-db", "latest", occupied.toString(), null, access))
                    .isInstanceOf(PlatformCallFailed.class).hasMessageContaining("not empty");
            SshAccess nobody = new SshAccess("postgres", "127.0.0.1", pg.port(), ssh.privateKey());
            assertThatThrownBy(() -> barman.recover(site, "orders-db", "latest", "/tmp/nowhere", null, nobody))
                    .isInstanceOf(PlatformCallFailed.class).hasMessageContaining("Could not reach postgres@127.0.0.1");
            assertThatThrownBy(() -> barman.recover(site, "orders-db", "latest", "relative/dir", null, access))
                    .isInstanceOf(PlatformCallFailed.class).hasMessageContaining("is not a destination");
            assertThatThrownBy(() -> barman.recover(site, "orders-db", "latest", "/tmp/x", null,
                    new SshAccess("postgres", "-oProxyCommand=x", 22, ssh.privateKey())))
                    .isInstanceOf(PlatformCallFailed.class).hasMessageContaining("not an SSH host");

            barman.remove(site, "orders-db");
            assertThat(keyFile).doesNotExist();
        }
    }

    @Test
    void namesThatCouldEscapeTheConfigurationAreRefused() throws Exception {
        Path work = Files.createTempDirectory("opsledger-barman-");
        ProcessBarmanGateway barman = new ProcessBarmanGateway("barman", "barman", Duration.ofSeconds(30), Duration.ofMinutes(3));
        BarmanSite site = new BarmanSite(work.resolve("site"));
        assertThatThrownBy(() -> barman.configure(site, new BarmanServer("../etc", "h", 5432, "db", "u", "p", "r", "p", null)))
                .isInstanceOf(PlatformCallFailed.class).hasMessageContaining("is not a Barman name");
        assertThatThrownBy(() -> barman.configure(site, new BarmanServer("ok", "h\nbackup_method = rsync", 5432, "db", "u",
                "p", "r", "p", null))).isInstanceOf(PlatformCallFailed.class).hasMessageContaining("cannot go into");
        assertThatThrownBy(() -> barman.check(site, "unknown-server")).isInstanceOf(PlatformCallFailed.class);
        assertThatThrownBy(() -> barman.configure(site, new BarmanServer("ok", "h", 5432, "db", "u", "p", "r", "p", null,
                new SshAccess("postgres", "h", 22, "ssh-ed25519 AAAAC3Nza a-public-key"))))
                .isInstanceOf(PlatformCallFailed.class).hasMessageContaining("not a private key");
        assertThatThrownBy(() -> barman.configure(site, new BarmanServer("ok", "h", 5432, "db", "u", "p", "r", "p", null,
                new SshAccess("postgres -oProxyCommand=x", "h", 22, "-----BEGIN OPENSSH PRIVATE KEY-----"))))
                .isInstanceOf(PlatformCallFailed.class).hasMessageContaining("not an SSH user");
    }

    private static int restoredCount(ProcessBarmanGateway barman, BarmanSite site, Path parent, String backupId,
                                     Instant targetTime, String password) throws Exception {
        Files.createDirectories(parent);
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = parent.resolve("data");
        barman.recover(site, "orders-db", backupId, data.toString(), targetTime);
        try (PostgresServer restored = PostgresServer.startOn(data, password)) {
            return (int) restored.queryLong("SELECT count(*) FROM orders");
        }
    }

    /** A folder for a recovery over SSH: the SSH user (postgres) makes the data directory in it. */
    private static Path remoteParent(Path parent) throws Exception {
        Files.createDirectories(parent);
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        UserPrincipal postgres = parent.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(parent, postgres);
        return parent;
    }

    private static int restoredOverSsh(ProcessBarmanGateway barman, BarmanSite site, SshAccess access, Path parent,
                                       String backupId, Instant targetTime, String password) throws Exception {
        Path data = remoteParent(parent).resolve("data");
        barman.recover(site, "orders-db", backupId, data.toString(), targetTime, access);
        assertThat(Files.getOwner(data).getName()).isEqualTo("postgres");
        try (PostgresServer restored = PostgresServer.startOn(data, password)) {
            return (int) restored.queryLong("SELECT count(*) FROM orders");
        }
    }
}
