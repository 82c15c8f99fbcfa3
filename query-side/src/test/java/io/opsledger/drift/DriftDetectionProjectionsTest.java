package io.opsledger.drift;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.opsledger.drift.DriftDetectionQueries.*;
import io.opsledger.drift.api.DriftDetectionMessages.*;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The drift read models over the MongoDB wire protocol: jobs, results (latest, resolved, deleted); the live side is ResourceProjectionTest's. */
class DriftDetectionProjectionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private MongoServer server;
    private MongoClient client;
    private DriftJobProjection jobs;
    private DriftResultProjection results;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoDatabase db = client.getDatabase("test");
        jobs = new DriftJobProjection(db, SimpleQueryUpdateEmitter.builder().build());
        results = new DriftResultProjection(db);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static ResourceDriftResult result(String id, String job, String resource, String status, boolean drift) {
        return new ResourceDriftResult(id, resource, "s1", "aws_instance.web", "aws_instance", "web", "i-1", "us-east-1",
                "present", status, drift ? List.of(new AttributeDrift("tags.a.b", "x", 2, "low")) : List.of(), 0,
                Map.of("instance_type", "t3.micro", "tags", Map.of("a.b", "2")), Map.of("a.b", "2"), "running", T0);
    }

    @Test
    void jobProgressAndTotals() {
        jobs.on(new DriftDetectionRequested("j1", "s1", null, true, true, "alice", T0), 0);
        jobs.on(new DriftDetectionStarted("j1", 4, T0), 1);
        jobs.on(new DriftResultsRecorded("j1", List.of(), 2, 4, 50, T0), 2);
        assertThat(jobs.handle(new FindDriftJob("j1"))).satisfies(j -> {
            assertThat(j.status()).isEqualTo("running");
            assertThat(j.progress()).isEqualTo(50);
        });
        assertThat(jobs.handle(new FindActiveDriftJob())).isNotNull();
        jobs.on(new DriftDetectionCompleted("j1", "s1", null, 4, 1, 2, Map.of("critical", 1, "high", 0, "medium", 0, "low", 1),
                0, 0, List.of("done"), T0.plusSeconds(5)), 3);
        jobs.on(new DriftResultsRecorded("j1", List.of(), 2, 4, 50, T0), 2); // redelivered: no change
        DriftJobView done = jobs.handle(new FindDriftJob("j1"));
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.bySeverity()).containsEntry("critical", 1).containsEntry("low", 1);
        assertThat(jobs.handle(new FindActiveDriftJob())).isNull();
        assertThat(jobs.handle(new FindLastCompletedDriftJob()).id()).isEqualTo("j1");
    }

    @Test
    void aLaterResultWithoutDriftResolvesTheEarlierOneAndIsTheLatest() {
        results.on(new DriftResultsRecorded("j1", List.of(result("r1", "j1", "res-1", "active", true)), 1, 1, 100, T0));
        results.on(new DriftDetectionCompleted("j1", null, null, 1, 1, 1, Map.of(), 0, 0, List.of(), T0));
        DriftResultView first = results.handle(new FindDriftResult("r1"));
        assertThat(first.status()).isEqualTo("completed");
        assertThat(first.drifts()).containsExactly(new AttributeDrift("tags.a.b", "x", 2, "low"));
        assertThat(first.latest()).isTrue();

        results.on(new DriftResultsRecorded("j2", List.of(result("r2", "j2", "res-1", "resolved", false)), 1, 1, 100, T0.plusSeconds(60)));
        assertThat(results.handle(new FindDriftResult("r1"))).satisfies(r -> {
            assertThat(r.driftStatus()).isEqualTo("resolved");
            assertThat(r.latest()).isFalse();
        });
        assertThat(results.handle(new ListLatestDriftResults()).results()).extracting(DriftResultView::id).containsExactly("r2");
        assertThat(results.handle(new ListDriftResults("running", null, null, 0, 50)).results())
                .extracting(DriftResultView::id).containsExactly("r2");
        assertThat(results.handle(new ListDriftResults("resolved", "res-1", null, 0, 50)).total()).isEqualTo(2);
        assertThat(results.handle(new ListDriftResults(null, null, null, 1, 50)).results()).hasSize(1);

        results.on(new DriftResultDeleted("j1", "r1", "admin", T0));
        assertThat(results.handle(new FindDriftResult("r1"))).isNull();
        assertThat(results.handle(new ListDriftResultsSince(T0.minusSeconds(1), null)).results()).hasSize(1);
    }
}
