package io.opsledger.web.driftmgr;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.MotoServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * opsledger.drift.detection-interval schedules drift detection through the persistent deadline
 * manager (a db-scheduler row); when it is due a detection runs as "scheduler" and the next one is
 * scheduled.
 */
class DriftScheduleHttpTest extends AppTest {

    static final MotoServer MOTO = DriftDetectionHttpTest.MOTO;

    @DynamicPropertySource
    static void schedule(DynamicPropertyRegistry registry) {
        registry.add("opsledger.aws-endpoint", () -> MOTO.endpoint().toString());
        registry.add("opsledger.drift.aws.access-key-id", () -> "testing");
        registry.add("opsledger.drift.aws.secret-access-key", () -> "testing-secret");
        registry.add("opsledger.drift.detection-interval", () -> "PT3S");
    }

    @Autowired
    JdbcTemplate jdbc;

    private List<Instant> deadlines() {
        return jdbc.queryForList("SELECT execution_time FROM scheduled_tasks WHERE task_name = ?", Timestamp.class, "AxonDeadline")
                .stream().map(Timestamp::toInstant).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConfiguredIntervalIsAPersistentDeadlineThatRunsDetections() throws InterruptedException {
        String viewer = user(Role.READONLY).token();
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        Object lastScan = null;
        boolean scheduled = false;
        while (Instant.now().isBefore(until) && (lastScan == null || !scheduled)) {
            scheduled |= !deadlines().isEmpty();
            Map<String, Object> body = http().get().uri("/api/v1/drift/summary").header("Authorization", "Token " + viewer)
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            lastScan = ((Map<String, Object>) body.get("data")).get("last_scan");
            Thread.sleep(250);
        }
        assertThat(scheduled).as("a db-scheduler row for the drift deadline").isTrue();
        assertThat(lastScan).as("a scheduled detection completed").isNotNull();
        // the next one is scheduled after the first ran
        Instant later = Instant.now().plus(Duration.ofSeconds(20));
        while (deadlines().isEmpty() && Instant.now().isBefore(later)) {
            Thread.sleep(100);
        }
        assertThat(deadlines()).isNotEmpty();
    }
}
