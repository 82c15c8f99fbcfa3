package io.opsledger.drift;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.opsledger.drift.api.DriftQueries.*;
import io.opsledger.drift.api.BackendMessages.*;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.StateMessages.*;
import io.opsledger.drift.tfstate.TerraformState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The backends and state files read models over the MongoDB wire protocol, including redelivery. */
class DriftProjectionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private MongoServer server;
    private MongoClient client;
    private BackendProjection backends;
    private StateFileProjection states;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoDatabase db = client.getDatabase("test");
        backends = new BackendProjection(db);
        states = new StateFileProjection(db);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void backendsAreRegisteredAndChecked() {
        BackendConfig config = BackendConfig.s3("tf-state", "eu-west-1", "envs/");
        backends.on(new BackendRegistered("b1", "prod", "s3", config, "active", T0), 0L);
        backends.on(new BackendRegistered("b1", "prod", "s3", config, "active", T0), 0L);
        backends.on(new BackendChecked("b1", false, 12, "down", "unreachable", T0.plusSeconds(5)), 1L);
        backends.on(new BackendChecked("b1", true, 3, "ok", "active", T0.plusSeconds(1)), 1L); // redelivered seq: ignored
        BackendView view = backends.handle(new FindBackend("b1"));
        assertThat(view.config()).isEqualTo(config);
        assertThat(view.status()).isEqualTo("unreachable");
        assertThat(view.responseTimeMillis()).isEqualTo(12);
        assertThat(backends.handle(new FindBackendByLocation("s3://tf-state/envs/")).id()).isEqualTo("b1");
        assertThat(backends.handle(new ListBackends()).backends()).hasSize(1);
    }

    @Test
    void stateFilesCarryTheirResourcesAndLocks() {
        TerraformState state = TerraformState.empty("1.5.0", "lin").importResource("aws_instance", "web", "i-1");
        states.on(new StateFileSynced("s1", "b1", "prod/terraform.tfstate", 100, T0, "sum", state, null, T0), 0L);
        LockInfo lock = new LockInfo("L1", "tf/prod", "OperationTypeApply", "alice@opsledger", "1.5.0", T0, "why");
        states.on(new StateLocked("s1", lock), 1L);
        TerraformState next = state.importResource("aws_s3_bucket", "logs", "my-logs");
        states.on(new StateResourceImported("s1", "L1", "aws_s3_bucket.logs", "aws_s3_bucket", "logs", "my-logs", next,
                "sum2", 200, T0.plusSeconds(1)), 2L);
        states.on(new StateResourceImported("s1", "L1", "aws_s3_bucket.logs", "aws_s3_bucket", "logs", "my-logs", next,
                "sum2", 200, T0.plusSeconds(1)), 2L);

        StateFileView view = states.handle(new FindStateFile("s1"));
        assertThat(view.state()).isEqualTo(next);
        assertThat(view.lock()).isEqualTo(lock);
        assertThat(view.locked()).isTrue();
        assertThat(view.size()).isEqualTo(200);
        assertThat(states.handle(new FindStateResources("s1"))).extracting(StateResourceView::address)
                .containsExactly("aws_instance.web", "aws_s3_bucket.logs");
        StateResourceView web = states.handle(new FindStateResources(null)).get(0);
        assertThat(web.resourceId()).isEqualTo("i-1");
        assertThat(web.backendId()).isEqualTo("b1");
        assertThat(web.attributes()).isEqualTo(Map.of("id", "i-1"));
        assertThat(web.provider()).isEqualTo("provider[\"registry.terraform.io/hashicorp/aws\"]");

        states.on(new StateUnlocked("s1", "L1", false, T0), 3L);
        states.on(new ExternalLockObserved("s1", lock, T0), 4L);
        assertThat(states.handle(new FindStateFile("s1")).holder()).isEqualTo(lock);
        // a later sync keeps the locks
        states.on(new StateFileSynced("s1", "b1", "prod/terraform.tfstate", 10, T0, "sum3", null, "bad", T0), 5L);
        StateFileView broken = states.handle(new FindStateFile("s1"));
        assertThat(broken.externalLock()).isEqualTo(lock);
        assertThat(broken.state()).isNull();
        assertThat(states.handle(new FindStateResources("s1"))).isEmpty();
        assertThat(states.handle(new ListStateFiles("b1", 0, 50)).total()).isEqualTo(1);
        assertThat(states.handle(new ListStateFiles("b2", 0, 50)).total()).isZero();
    }
}
