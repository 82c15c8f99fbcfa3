package io.opsledger.web.bitblast;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.PostgresServer;
import io.opsledger.testing.SshServer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BitBlast's Barman endpoints over HTTP, against Debian's Barman 3.4 and a real PostgreSQL 15, and
 * for rsync backups and recoveries over SSH a real sshd on loopback (ops/peers/sshd).
 */
class BitBlastBarmanTest extends BitBlastTest {

    @Test
    @SuppressWarnings("unchecked")
    void aDbaRegistersAServerBacksItUpAndRestoresItIntoADirectoryThatStartsWithTheData() throws Exception {
        String dbPass = "Barman-pa55:word";
        try (PostgresServer pg = PostgresServer.start()) {
            pg.execute("CREATE ROLE barman WITH SUPERUSER LOGIN PASSWORD 'Barman-pa55:word'",
                    "CREATE ROLE streaming_barman WITH REPLICATION LOGIN PASSWORD 'Barman-pa55:word'",
                    "CREATE TABLE orders (id int)", "INSERT INTO orders VALUES (1), (2)");
            TestUser dba = user(Role.STANDARD);
            http().post().uri("/api/v1/barman/add-server/").header("Authorization", "Token " + dba.token())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("server_name", "orders").with("ssh_host", "127.0.0.1:" + pg.port())
                            .with("db_name", "postgres").with("db_pass", dbPass).with("ssh_key", "ssh-ed25519 AAAAC3Nza test")
                            .with("storage_method", "nfs"))
                    .exchange().expectStatus().isOk()
                    .expectBody().json("{\"status\":\"success\",\"message\":\"Configuration file created for orders\"}", true);

            send("GET", "/api/v1/barman/list-servers/?storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().json("{\"servers\":[\"orders\"]}", true);
            send("POST", "/api/v1/barman/switch-wal/?server_name=orders&storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.message").isEqualTo("WAL switch executed successfully.");
            send("GET", "/api/v1/barman/check/?server_name=orders&storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("success")
                    .jsonPath("$.details.postgresql.status").isEqualTo("OK");
            Map<String, Object> backup = send("POST", "/api/v1/barman/backup/?server_name=orders&storage_method=nfs", dba, null)
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(backup).containsEntry("message", "Backup created successfully.");
            String backupId = (String) ((Map<String, Object>) backup.get("backup")).get("name");
            send("GET", "/api/v1/barman/list-backups/?server_name=orders&storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.backups[0].name").isEqualTo(backupId)
                    .jsonPath("$.backups[0].size").isNotEmpty();

            pg.execute("INSERT INTO orders VALUES (3)");
            send("POST", "/api/v1/barman/switch-wal/?server_name=orders&storage_method=nfs", dba, null).expectStatus().isOk();
            Path parent = Files.createTempDirectory("opsledger-restore-");
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path data = parent.resolve("data");
            // verify: OpsLedger starts the restored data itself and lists its databases
            send("POST", "/api/v1/barman/recover/", dba, Map.of("server_name", "orders", "storage_method", "nfs",
                    "backup_id", "latest", "destination_directory", data.toString(), "target_server_name", "localhost",
                    "verify", "true"))
                    .expectStatus().isOk().expectBody().jsonPath("$.message").isEqualTo("Recovery process initiated.")
                    .jsonPath("$.verification.status").isEqualTo("started")
                    .jsonPath("$.verification.server_version").value(v -> assertThat((String) v).startsWith("15."))
                    .jsonPath("$.verification.databases[?(@.name == 'postgres')].size_bytes")
                    .value(sizes -> assertThat(((List<Number>) sizes).get(0).longValue()).isGreaterThan(1_000_000L));
            try (PostgresServer restored = PostgresServer.startOn(data, pg.password())) {
                assertThat(restored.queryLong("SELECT count(*) FROM orders")).isEqualTo(3);
            }
            // this server's ssh_key is a public key: nothing to log in to another host with
            send("POST", "/api/v1/barman/recover/", dba, Map.of("server_name", "orders", "storage_method", "nfs",
                    "backup_id", "latest", "destination_directory", "/tmp/elsewhere", "target_server_name", "db2.example.org"))
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.message")
                    .value(m -> assertThat((String) m).contains("not a private key"));

            // every step is in the audit trail, the password in none
            String serverId = "barman-server:" + dba.user().userId() + ":nfs:orders";
            Map<String, Object> history = (Map<String, Object>) http().get().uri("/api/v1/audit/aggregates/" + serverId + "/history")
                    .header("Authorization", "Token " + superadmin().token()).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("data");
            List<Map<String, Object>> events = (List<Map<String, Object>>) history.get("events");
            assertThat(events).extracting(e -> e.get("eventType")).containsExactly("BackupServerConfigured", "WalSwitched",
                    "BackupStarted", "BackupCompleted", "WalSwitched", "BackupRecovered", "RestoreVerified");
            assertThat(history.toString()).doesNotContain(dbPass);

            // nobody else sees it
            TestUser other = user(Role.STANDARD);
            send("GET", "/api/v1/barman/list-servers/?storage_method=nfs", other, null).expectStatus().isOk()
                    .expectBody().json("{\"servers\":[]}", true);
            send("GET", "/api/v1/barman/check/?server_name=orders&storage_method=nfs", other, null).expectStatus().isNotFound()
                    .expectBody().json("{\"status\":\"error\",\"message\":\"Server not found.\"}", true);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServerHasOneScheduleItsRetentionDeletesWhatBarmanNoLongerNeeds() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            pg.execute("CREATE ROLE barman WITH SUPERUSER LOGIN PASSWORD 'Ledger-pa55'",
                    "CREATE ROLE streaming_barman WITH REPLICATION LOGIN PASSWORD 'Ledger-pa55'",
                    "CREATE TABLE entries (id int)", "INSERT INTO entries VALUES (1)");
            TestUser dba = user(Role.STANDARD);
            send("POST", "/api/v1/barman/add-server/", dba, Map.of("server_name", "ledger", "ssh_host", "127.0.0.1:" + pg.port(),
                    "db_name", "postgres", "db_pass", "Ledger-pa55", "ssh_key", "-", "storage_method", "nfs")).expectStatus().isOk();

            String schedule = "/api/v1/barman/schedule-backup/";
            send("POST", schedule, null, Map.of()).expectStatus().isUnauthorized();
            send("POST", schedule + "?server_name=ledger&storage_method=nfs", dba, null).expectStatus().isBadRequest()
                    .expectBody().json("{\"status\":\"error\",\"message\":\"All parameters are required.\"}", true);
            send("POST", schedule, dba, Map.of("server_name", "ledger", "storage_method", "nfs", "retention", "7d",
                    "schedule_day", "Funday")).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.message").isEqualTo("schedule_day must be a day of the month (1-31) or a weekday name.");
            send("POST", schedule, dba, Map.of("server_name", "ledger", "storage_method", "nfs", "retention", "7 days"))
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.status").isEqualTo("error");
            send("POST", schedule, dba, Map.of("server_name", "nope", "storage_method", "nfs", "retention", "7d"))
                    .expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("Server not found.");
            // the contract's curl example: a form, the lines separated by a literal \n
            http().post().uri(schedule).header("Authorization", "Token " + dba.token())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("server_name", "ledger").with("storage_method", "nfs")
                            .with("retention", "7d\\n30d\\n365d").with("schedule_hour", "2").with("schedule_minute", "30")
                            .with("schedule_day", "Sunday"))
                    .exchange().expectStatus().isOk()
                    .expectBody().json("{\"status\":\"success\",\"message\":\"Backup scheduled for ledger\"}", true);
            send("POST", schedule, dba, Map.of("server_name", "ledger", "storage_method", "nfs", "retention", "7d"))
                    .expectStatus().isEqualTo(409)
                    .expectBody().json("{\"status\":\"error\",\"message\":\"A cron job already exists for server 'ledger'.\"}", true);
            send("GET", "/api/v1/barman/get-scheduled-servers/?storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("success")
                    .jsonPath("$.message[0].server_name").isEqualTo("ledger")
                    .jsonPath("$.message[0].retention_period").isEqualTo("365 DAYS")
                    .jsonPath("$.message[0].scheduled_time").isEqualTo("30 2 * * 0");
            send("GET", "/api/v1/barman/get-scheduled-servers/", dba, null).expectStatus().isBadRequest()
                    .expectBody().json("{\"status\":\"error\",\"message\":\"Storage method is required.\"}", true);

            String update = "/api/v1/barman/update-scheduled-backups/";
            send("POST", update, dba, Map.of("server_name", "ledger")).expectStatus().isBadRequest()
                    .expectBody().json("{\"status\":\"error\",\"message\":\"Server name and storage method are required.\"}", true);
            send("POST", update, dba, Map.of("server_name", "ledger", "storage_method", "nfs", "retention", "1",
                    "schedule_day", "15", "schedule_hour", "23")).expectStatus().isOk()
                    .expectBody().json("{\"status\":\"success\",\"message\":\"Retention period updated successfully.\"}", true);
            send("GET", "/api/v1/barman/get-scheduled-servers/?storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.message[0].retention_period").isEqualTo("REDUNDANCY 1")
                    .jsonPath("$.message[0].scheduled_time").isEqualTo("0 23 15 * *");

            // nobody else sees or changes it; an Admin sees everyone's, with the owner
            TestUser other = user(Role.STANDARD);
            send("GET", "/api/v1/barman/get-scheduled-servers/?storage_method=nfs", other, null).expectStatus().isOk()
                    .expectBody().json("{\"status\":\"success\",\"message\":[]}", true);
            send("POST", update, other, Map.of("server_name", "ledger", "storage_method", "nfs", "remove", "true"))
                    .expectStatus().isNotFound();
            send("GET", "/api/v1/barman/get-scheduled-servers/?storage_method=nfs", user(Role.ADMIN), null).expectStatus().isOk()
                    .expectBody().jsonPath("$.message[?(@.server_name == 'ledger')].username").isEqualTo(List.of(dba.username()));

            // two backups under REDUNDANCY 1: the older one is deleted once the newer is done (the first one switches
            // the WAL first, as Barman wants one archived WAL)
            String first = backup(dba, "");
            String second = backup(dba, "&retention=1");
            assertThat(second).isNotEqualTo(first);
            send("GET", "/api/v1/barman/list-backups/?server_name=ledger&storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.backups.length()").isEqualTo(1).jsonPath("$.backups[0].name").isEqualTo(second);
            send("GET", "/api/v1/barman/backup-status/?server_name=ledger&storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.job.status").isEqualTo("completed").jsonPath("$.job.backup_id").isEqualTo(second)
                    .jsonPath("$.job.percent").isEqualTo(100).jsonPath("$.job.bytes_copied").value(b ->
                            assertThat(((Number) b).longValue()).isPositive());
            send("POST", "/api/v1/barman/backup/?server_name=ledger&storage_method=nfs&retention=soon", dba, null)
                    .expectStatus().isBadRequest();

            send("POST", update, dba, Map.of("server_name", "ledger", "storage_method", "nfs", "remove", "true")).expectStatus().isOk()
                    .expectBody().json("{\"status\":\"success\",\"message\":\"Scheduled backup removed successfully.\"}", true);
            send("POST", update, dba, Map.of("server_name", "ledger", "storage_method", "nfs", "remove", "true"))
                    .expectStatus().isNotFound()
                    .expectBody().jsonPath("$.message").isEqualTo("No backup is scheduled for server 'ledger'.");
            send("GET", "/api/v1/barman/get-scheduled-servers/?storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().json("{\"status\":\"success\",\"message\":[]}", true);

            String serverId = "barman-server:" + dba.user().userId() + ":nfs:ledger";
            Map<String, Object> history = (Map<String, Object>) http().get().uri("/api/v1/audit/aggregates/" + serverId + "/history")
                    .header("Authorization", "Token " + superadmin().token()).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("data");
            List<Map<String, Object>> events = (List<Map<String, Object>>) history.get("events");
            assertThat(events).extracting(e -> e.get("eventType")).containsExactly("BackupServerConfigured", "BackupsScheduled",
                    "BackupScheduleChanged", "BackupStarted", "WalSwitched", "BackupCompleted", "BackupStarted", "ObsoleteBackupDeleted",
                    "BackupCompleted", "BackupScheduleRemoved");
            assertThat(events.get(7).toString()).contains(first).contains("REDUNDANCY 1");
        }
    }

    /** A backup through the endpoint, answered once done; its Barman id. */
    @SuppressWarnings("unchecked")
    private String backup(TestUser dba, String more) {
        Map<String, Object> answer = send("POST", "/api/v1/barman/backup/?server_name=ledger&storage_method=nfs" + more, dba, null)
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(answer).containsEntry("message", "Backup created successfully.");
        return (String) ((Map<String, Object>) answer.get("backup")).get("name");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anRsyncServerIsBackedUpOverSshAndRestoredOntoAHostOverSsh() throws Exception {
        String dbPass = "Barman-pa55:word";
        try (PostgresServer pg = PostgresServer.start(); SshServer ssh = SshServer.start()) {
            pg.execute("CREATE ROLE barman WITH SUPERUSER LOGIN PASSWORD 'Barman-pa55:word'",
                    "CREATE ROLE streaming_barman WITH REPLICATION LOGIN PASSWORD 'Barman-pa55:word'",
                    "CREATE TABLE orders (id int)", "INSERT INTO orders VALUES (1), (2)");
            TestUser dba = user(Role.STANDARD);
            Map<String, Object> add = new HashMap<>(Map.of("server_name", "orders-rsync", "ssh_host", "127.0.0.1:" + pg.port(),
                    "db_name", "postgres", "db_pass", dbPass, "ssh_key", ssh.privateKey(), "storage_method", "nfs",
                    "backup_method", "rsync", "ssh_port", Integer.toString(ssh.port())));
            send("POST", "/api/v1/barman/add-server/", dba, add).expectStatus().isOk()
                    .expectBody().json("{\"status\":\"success\",\"message\":\"Configuration file created for orders-rsync\"}", true);

            String server = "server_name=orders-rsync&storage_method=nfs";
            send("POST", "/api/v1/barman/switch-wal/?" + server, dba, null).expectStatus().isOk();
            send("GET", "/api/v1/barman/check/?" + server, dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("success")
                    .jsonPath("$.details.ssh.status").isEqualTo("OK");
            send("POST", "/api/v1/barman/backup/?" + server, dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.backup.status").isEqualTo("DONE");

            pg.execute("INSERT INTO orders VALUES (3)");
            send("POST", "/api/v1/barman/switch-wal/?" + server, dba, null).expectStatus().isOk();
            // the "remote" host is this one: its postgres user makes the data directory
            Path parent = Files.createTempDirectory("opsledger-restore-ssh-");
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setOwner(parent, parent.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
            Path data = parent.resolve("data");
            String target = "ssh://postgres@127.0.0.1:" + ssh.port();
            send("POST", "/api/v1/barman/recover/", dba, Map.of("server_name", "orders-rsync", "storage_method", "nfs",
                    "backup_id", "latest", "destination_directory", data.toString(), "target_server_name", target))
                    .expectStatus().isOk().expectBody().jsonPath("$.message").isEqualTo("Recovery process initiated.");
            try (PostgresServer restored = PostgresServer.startOn(data, pg.password())) {
                assertThat(restored.queryLong("SELECT count(*) FROM orders")).isEqualTo(3);
            }
            // the same destination again: not empty any more (startOn moved the data away, so make one)
            Files.createDirectories(data);
            Files.writeString(data.resolve("keep.txt"), "someone's files");
            send("POST", "/api/v1/barman/recover/", dba, Map.of("server_name", "orders-rsync", "storage_method", "nfs",
                    "backup_id", "latest", "destination_directory", data.toString(), "target_server_name", target))
                    .expectStatus().isEqualTo(502).expectBody().jsonPath("$.message")
                    .value(m -> assertThat((String) m).contains("not empty"));

            String serverId = "barman-server:" + dba.user().userId() + ":nfs:orders-rsync";
            Map<String, Object> history = (Map<String, Object>) http().get().uri("/api/v1/audit/aggregates/" + serverId + "/history")
                    .header("Authorization", "Token " + superadmin().token()).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("data");
            List<Map<String, Object>> events = (List<Map<String, Object>>) history.get("events");
            assertThat(events).extracting(e -> e.get("eventType")).containsExactly("BackupServerConfigured", "WalSwitched",
                    "BackupStarted", "BackupCompleted", "WalSwitched", "BackupRecovered", "RecoveryFailed");
            assertThat(history.toString()).contains("rsync", target).doesNotContain(dbPass, "PRIVATE KEY",
                    ssh.privateKey().lines().skip(1).findFirst().orElseThrow());
        }
    }

    @Test
    void rsyncAndSshTargetsAreCheckedBeforeBarmanRuns() {
        TestUser dba = user(Role.STANDARD);
        Map<String, Object> add = new HashMap<>(Map.of("server_name", "ok", "ssh_host", "127.0.0.1:5432", "db_name", "postgres",
                "db_pass", "p", "storage_method", "nfs", "backup_method", "rsync"));
        send("POST", "/api/v1/barman/add-server/", dba, add).expectStatus().isBadRequest()
                .expectBody().json("{\"status\":\"error\",\"message\":\"All parameters are required.\"}", true);
        add.put("ssh_key", "ssh-ed25519 AAAAC3Nza a-public-key");
        send("POST", "/api/v1/barman/add-server/", dba, add).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).startsWith("backup_method rsync needs ssh_key"));
        add.put("backup_method", "tape");
        send("POST", "/api/v1/barman/add-server/", dba, add).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("backup_method must be postgres or rsync.");
        add.put("backup_method", "rsync");
        add.put("ssh_key", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
        add.put("ssh_port", "70000");
        send("POST", "/api/v1/barman/add-server/", dba, add).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("ssh_port must be a port number (1-65535).");
        add.put("ssh_port", "22");
        add.put("ssh_user", "postgres -oProxyCommand=x");
        send("POST", "/api/v1/barman/add-server/", dba, add).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("ssh_user must be a user name.");
        for (String target : List.of("-oProxyCommand=x", "user@host:port", "two words", "ssh://a@b@c")) {
            send("POST", "/api/v1/barman/recover/", dba, Map.of("server_name", "x", "storage_method", "nfs", "backup_id", "latest",
                    "destination_directory", "/tmp/x", "target_server_name", target)).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).startsWith("target_server_name must be"));
        }
        // a well-formed target on a server that does not exist
        send("POST", "/api/v1/barman/recover/", dba, Map.of("server_name", "x", "storage_method", "nfs", "backup_id", "latest",
                "destination_directory", "/tmp/x", "target_server_name", "postgres@127.0.0.1:2222")).expectStatus().isNotFound();
        // verify starts the restored data here, so it is for restores onto this host only
        send("POST", "/api/v1/barman/recover/", dba, Map.of("server_name", "x", "storage_method", "nfs", "backup_id", "latest",
                "destination_directory", "/tmp/x", "target_server_name", "postgres@127.0.0.1:2222", "verify", "true"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message")
                .value(m -> assertThat((String) m).startsWith("verify starts the restored data on this host"));
    }

    @Test
    void missingParametersGetTheContractsMessages() {
        TestUser dba = user(Role.STANDARD);
        send("GET", "/api/v1/barman/check/", null, null).expectStatus().isUnauthorized().expectBody().jsonPath("$.detail").isNotEmpty();
        send("GET", "/api/v1/barman/check/?storage_method=nfs", dba, null).expectStatus().isBadRequest()
                .expectBody().json("{\"status\":\"error\",\"message\":\"Server name is required.\"}", true);
        send("GET", "/api/v1/barman/list-servers/", dba, null).expectStatus().isBadRequest()
                .expectBody().json("{\"status\":\"error\",\"message\":\"Storage method is required.\"}", true);
        send("GET", "/api/v1/barman/list-servers/?storage_method=tape", dba, null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("storage_method must be nfs or s3.");
        send("POST", "/api/v1/barman/add-server/?server_name=x&storage_method=nfs", dba, null).expectStatus().isBadRequest()
                .expectBody().json("{\"status\":\"error\",\"message\":\"All parameters are required.\"}", true);
        send("POST", "/api/v1/barman/recover/?server_name=x", dba, null).expectStatus().isBadRequest()
                .expectBody().json("{\"status\":\"error\",\"message\":\"All parameters are required.\"}", true);
        send("POST", "/api/v1/barman/backup/?server_name=nope&storage_method=s3", dba, null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Server not found.");
        send("POST", "/api/v1/barman/add-server/", dba, Map.of("server_name", "../etc", "ssh_host", "h", "db_name", "d",
                "db_pass", "p", "ssh_key", "k", "storage_method", "nfs")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).startsWith("server_name may hold"));
        send("POST", "/api/v1/barman/add-server/", dba, Map.of("server_name", "ok", "ssh_host", "h\nbackup_method = rsync",
                "db_name", "d", "db_pass", "p", "ssh_key", "k", "storage_method", "nfs")).expectStatus().isBadRequest();
    }
}
