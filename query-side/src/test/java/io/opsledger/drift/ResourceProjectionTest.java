package io.opsledger.drift;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.opsledger.drift.ResourceQueries.*;
import io.opsledger.drift.api.DriftDetectionMessages.*;
import io.opsledger.drift.api.ResourceMessages;
import io.opsledger.drift.api.ResourceMessages.ResourceTagsUpdated;
import io.opsledger.drift.api.StateMessages.StateFileMissing;
import io.opsledger.drift.api.StateMessages.StateFileSynced;
import io.opsledger.drift.api.StateMessages.StateResourceRemoved;
import io.opsledger.drift.tfstate.TerraformState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DriftMgr's resources over the MongoDB wire protocol: the state side, the live side and tag updates in one read model. */
class ResourceProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String RES = ResourceMessages.resourceId("s1", "aws_instance.web");
    private MongoServer server;
    private MongoClient client;
    private ResourceProjection resources;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoDatabase db = client.getDatabase("test");
        resources = new ResourceProjection(db, () -> "eu-west-3");
        TerraformState state = TerraformState.empty("1.5.0", "lin").importResource("aws_instance", "web", "i-1")
                .importResource("aws_s3_bucket", "logs", "logs-bucket");
        resources.on(new StateFileSynced("s1", "b1", "prod/terraform.tfstate", 100, T0, "sum", state, null, T0));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static ResourceDriftResult result(String resource) {
        return new ResourceDriftResult("r1", resource, "s1", "aws_instance.web", "aws_instance", "web", "i-1", "us-east-1",
                "present", "active", List.of(new AttributeDrift("tags.a.b", "x", 2, "low")), 0,
                Map.of("instance_type", "t3.micro", "tags", Map.of("a.b", "2")), Map.of("a.b", "2"), "running", T0);
    }

    private ResourcePage all() { return resources.handle(new ListResources(null, null, null, List.of(), 0, 50)); }

    @Test
    void stateResourcesBeforeAnyDetection() {
        assertThat(all().total()).isEqualTo(2);
        assertThat(all().resources()).first().satisfies(r -> {
            assertThat(r.id()).isEqualTo(RES);
            assertThat(r.provider()).isEqualTo("aws");
            assertThat(r.status()).isEqualTo("unknown");
            assertThat(r.region()).isEqualTo("eu-west-3");
            assertThat(r.cloudId()).isEqualTo("i-1");
            assertThat(r.createdAt()).isNull();
        });
        assertThat(resources.handle(new ListResources(null, "aws_s3_bucket", null, List.of(), 0, 50)).resources())
                .extracting(ResourceView::address).containsExactly("aws_s3_bucket.logs");
        assertThat(resources.handle(new ListResources(null, null, null, List.of(), 1, 50)).resources()).hasSize(1);
        assertThat(resources.handle(new SearchResources("LOGS bucket", null, null)).resources()).hasSize(1);
        assertThat(resources.handle(new FindResource("logs-bucket")).resource().address()).isEqualTo("aws_s3_bucket.logs");
        assertThat(resources.handle(new FindResource("nothing"))).isNull();
    }

    @Test
    void theLiveSideKeepsDottedTagKeysAndTagUpdates() {
        resources.on(new DriftResultsRecorded("j1", List.of(result(RES)), 1, 1, 100, T0));
        assertThat(resources.handle(new FindResource(RES))).satisfies(d -> {
            assertThat(d.resource().tags()).containsEntry("a.b", "2");
            assertThat(d.resource().status()).isEqualTo("running");
            assertThat(d.resource().region()).isEqualTo("us-east-1");
            assertThat(d.resource().createdAt()).isEqualTo(T0);
            assertThat(d.attributes()).containsEntry("instance_type", "t3.micro");
            assertThat(d.cost().known()).isTrue();
            assertThat(d.compliance().checks()).isNotEmpty();
        });
        assertThat(resources.handle(new ListResources(null, null, null, List.of(new TagFilter("a.b", "2")), 0, 50)).total())
                .isEqualTo(1);
        resources.on(new ResourceTagsUpdated(RES, "aws_instance", "us-east-1", "i-1", Map.of("Env", "dev"), Map.of("Env", "dev"),
                List.of("a.b"), "bob", T0.plusSeconds(5)));
        assertThat(resources.handle(new FindResource(RES))).satisfies(d -> {
            assertThat(d.resource().tags()).containsExactly(Map.entry("Env", "dev"));
            assertThat(d.attributes().get("tags")).isEqualTo(Map.of("Env", "dev"));
            assertThat(d.resource().status()).isEqualTo("running");
            assertThat(d.resource().createdAt()).isEqualTo(T0);
            assertThat(d.resource().updatedAt()).isEqualTo(T0.plusSeconds(5));
        });
    }

    @Test
    void aResourceLeavingItsStateKeepsItsLiveSide() {
        resources.on(new DriftResultsRecorded("j1", List.of(result(RES)), 1, 1, 100, T0));
        TerraformState without = TerraformState.empty("1.5.0", "lin").importResource("aws_s3_bucket", "logs", "logs-bucket");
        resources.on(new StateResourceRemoved("s1", "L1", "aws_instance.web", without, "sum2", 50, T0));
        assertThat(all().resources()).extracting(ResourceView::address).containsExactly("aws_s3_bucket.logs");
        assertThat(resources.handle(new FindResource(RES))).isNull();
        TerraformState back = without.importResource("aws_instance", "web", "i-1");
        resources.on(new StateFileSynced("s1", "b1", "prod/terraform.tfstate", 100, T0, "sum3", back, null, T0));
        assertThat(resources.handle(new FindResource(RES)).resource().status()).isEqualTo("running");
        resources.on(new StateFileMissing("s1", "b1", "prod/terraform.tfstate", T0));
        assertThat(all().total()).isZero();
    }
}
