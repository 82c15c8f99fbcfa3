package io.opsledger.web.inventory;

import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * discovery_interval schedules discovery through the persistent deadline manager: a non-disabled
 * interval is a db-scheduler row for an Axon deadline, "disabled" removes it.
 */
class ScheduledDiscoveryTest extends AppTest {

    /** db-scheduler's task name for Axon's deadlines. */
    static final String AXON_DEADLINE = "AxonDeadline";

    @Autowired
    JdbcTemplate jdbc;

    private InventoryClient root() { return InventoryClient.withToken(http(), superadmin().token()); }

    @AfterEach
    void restore() {
        root().patch("/api/admin/settings", Map.of("discovery_interval", "disabled"));
        awaitDeadlines(List::isEmpty);
    }

    private List<Instant> deadlines() {
        return jdbc.queryForList("SELECT execution_time FROM scheduled_tasks WHERE task_name = ?", Timestamp.class, AXON_DEADLINE)
                .stream().map(Timestamp::toInstant).toList();
    }

    private List<Instant> awaitDeadlines(Predicate<List<Instant>> done) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        List<Instant> rows = deadlines();
        while (!done.test(rows) && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            rows = deadlines();
        }
        return rows;
    }

    @Test
    void dailyIsAPersistentDeadlineAndDisabledRemovesIt() {
        InventoryClient admin = root();
        assertThat(admin.patch("/api/admin/settings", Map.of("discovery_interval", "disabled")).status()).isEqualTo(200);
        assertThat(awaitDeadlines(List::isEmpty)).isEmpty();

        Instant before = Instant.now();
        assertThat(admin.patch("/api/admin/settings", Map.of("discovery_interval", "daily")).at("/discovery_interval").asText())
                .isEqualTo("daily");
        List<Instant> daily = awaitDeadlines(rows -> rows.size() == 1);
        assertThat(daily).hasSize(1);
        assertThat(daily.get(0)).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(5),
                Instant.now().plus(Duration.ofHours(24)).plusSeconds(5));

        // another setting leaves the schedule alone; another interval replaces it
        assertThat(admin.patch("/api/admin/settings", Map.of("session_timeout_minutes", 480)).status()).isEqualTo(200);
        assertThat(admin.patch("/api/admin/settings", Map.of("discovery_interval", "weekly")).status()).isEqualTo(200);
        List<Instant> weekly = awaitDeadlines(rows -> rows.size() == 1 && rows.get(0).isAfter(Instant.now().plus(Duration.ofDays(6))));
        assertThat(weekly).hasSize(1);
        assertThat(weekly.get(0)).isAfter(before.plus(Duration.ofDays(7)).minusSeconds(5));

        assertThat(admin.patch("/api/admin/settings", Map.of("discovery_interval", "disabled")).at("/discovery_interval").asText())
                .isEqualTo("disabled");
        assertThat(awaitDeadlines(List::isEmpty)).isEmpty();
    }

    @Test
    void aDueDeadlineStartsADiscoveryAsTheSchedulerAndSchedulesTheNextOne() throws InterruptedException {
        InventoryClient admin = root();
        assertThat(admin.patch("/api/admin/settings", Map.of("discovery_interval", "daily")).status()).isEqualTo(200);
        assertThat(awaitDeadlines(rows -> rows.size() == 1)).hasSize(1);

        // make it due now: db-scheduler picks it up at its next poll
        jdbc.update("UPDATE scheduled_tasks SET execution_time = ? WHERE task_name = ?", Timestamp.from(Instant.now()), AXON_DEADLINE);
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        boolean started = false;
        while (!started && Instant.now().isBefore(until)) {
            InventoryClient.Response jobs = admin.get("/api/discovery/jobs/?page_size=100");
            for (var job : jobs.json().get("results")) {
                started |= "scheduler".equals(job.get("triggered_by_username").asText());
            }
            Thread.sleep(200);
        }
        assertThat(started).as("a job triggered by the scheduler").isTrue();
        List<Instant> next = awaitDeadlines(rows -> rows.size() == 1 && rows.get(0).isAfter(Instant.now().plus(Duration.ofHours(23))));
        assertThat(next).hasSize(1);
        assertThat(next.get(0)).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }
}
