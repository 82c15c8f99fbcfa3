package io.opsledger.web.bitblast;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.testing.Http;
import io.opsledger.testing.InProcessApp;
import io.opsledger.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled backup is a persistent deadline: due while OpsLedger was stopped, it runs once when
 * OpsLedger starts again, and the next one is the timetable's next time.
 */
class ScheduledBackupRestartTest {

    private static final String PASSWORD = "scheduled-backup-password";

    @TempDir
    Path data;

    private ConfigurableApplicationContext start(Path barmanRoot) {
        return InProcessApp.start(data, PASSWORD, "--opsledger.backup.root=" + barmanRoot,
                "--opsledger.backup.postgres-bin=/usr/lib/postgresql/15/bin", "--opsledger.backup.progress-interval=PT0.1S");
    }

    private static String login(Http http) throws Exception {
        return "Token " + http.post("/api/v1/d-login/", Map.of("username", "root", "password", PASSWORD), null).body()
                .path("token").asText();
    }

    @Test
    void aBackupDueWhileOpsLedgerWasDownRunsOnceAtStart() throws Exception {
        Path barmanRoot = Files.createTempDirectory("opsledger-test-barman");
        Files.setPosixFilePermissions(barmanRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (PostgresServer pg = PostgresServer.start()) {
            pg.execute("CREATE ROLE barman WITH SUPERUSER LOGIN PASSWORD 'Sched-pa55'",
                    "CREATE ROLE streaming_barman WITH REPLICATION LOGIN PASSWORD 'Sched-pa55'",
                    // some 100 MB, so that the backup's progress is measured on the way
                    "CREATE TABLE t AS SELECT g AS id, repeat('x', 500) AS pad FROM generate_series(1, 200000) g");
            ZonedDateTime due;
            try (ConfigurableApplicationContext app = start(barmanRoot)) {
                Http http = InProcessApp.http(app);
                String root = login(http);
                assertThat(http.post("/api/v1/barman/add-server/", Map.of("server_name", "nightly", "ssh_host",
                        "127.0.0.1:" + pg.port(), "db_name", "postgres", "db_pass", "Sched-pa55", "ssh_key", "-",
                        "storage_method", "nfs"), root).status()).isEqualTo(200);
                // the next whole minute at least 20 s away, every day
                due = Instant.now().plusSeconds(80).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
                Http.Answer scheduled = http.post("/api/v1/barman/schedule-backup/", Map.of("server_name", "nightly",
                        "storage_method", "nfs", "retention", "7d", "schedule_hour", String.valueOf(due.getHour()),
                        "schedule_minute", String.valueOf(due.getMinute())), root);
                assertThat(scheduled.status()).as("%s", scheduled.body()).isEqualTo(200);
                JsonNode listed = http.get("/api/v1/barman/get-scheduled-servers/?storage_method=nfs", root).body();
                assertThat(listed.path("message").get(0).path("scheduled_time").asText())
                        .isEqualTo(due.getMinute() + " " + due.getHour() + " * * *");
                assertThat(Instant.now()).as("stopped before the backup is due").isBefore(due.toInstant().minusSeconds(5));
            }

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), due.toInstant()).toMillis()) + 3_000);

            try (ConfigurableApplicationContext app = start(barmanRoot)) {
                Http http = InProcessApp.http(app);
                String root = login(http);
                List<String> backups = backups(http, root);
                long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (backups.isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(500);
                    backups = backups(http, root);
                }
                assertThat(backups).as("the missed run ran at start").hasSize(1);
                Thread.sleep(5_000);
                assertThat(backups(http, root)).as("once").isEqualTo(backups);
                JsonNode listed = http.get("/api/v1/barman/get-scheduled-servers/?storage_method=nfs", root).body();
                assertThat(Instant.parse(listed.path("message").get(0).path("next_run").asText()))
                        .isEqualTo(due.plusDays(1).toInstant());
                JsonNode status = http.get("/api/v1/barman/backup-status/?server_name=nightly&storage_method=nfs", root).body();
                assertThat(status.path("job").path("status").asText()).isEqualTo("completed");
                assertThat(status.path("job").path("backup_id").asText()).isEqualTo(backups.get(0));
                // the job's progress on the way: bytes written, no percentage without an earlier backup to compare with
                JsonNode progressed = http.get("/api/v1/audit/events?event_type=BackupProgressed", root).body().path("data");
                assertThat(progressed.path("count").asInt()).isPositive();
                assertThat(progressed.path("results").get(0).path("payload").path("bytesCopied").asLong()).isPositive();
                assertThat(progressed.path("results").get(0).path("payload").path("percent").isNull()).isTrue();
            }
        }
    }

    private static List<String> backups(Http http, String token) throws Exception {
        List<String> ids = new ArrayList<>();
        http.get("/api/v1/barman/list-backups/?server_name=nightly&storage_method=nfs", token).body().path("backups")
                .forEach(b -> ids.add(b.path("name").asText()));
        return ids;
    }
}
