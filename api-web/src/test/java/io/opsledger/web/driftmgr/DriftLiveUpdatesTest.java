package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.drift.api.DriftDetectionMessages.*;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.ResourceMessages.ResourceTagsUpdated;
import io.opsledger.drift.api.StateMessages.*;
import io.opsledger.drift.tfstate.TerraformState;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.LiveSocket;
import io.opsledger.testing.MotoServer;
import io.opsledger.drift.api.ResourceMessages;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every data-bearing live message type, to the WebSocket clients: from a real drift detection and
 * tag update against moto_server, and from each of the drift context's events as they reach the
 * event store (published straight to it, so these fabricated events stay in this class's own
 * application context: see the properties below).
 */
@TestPropertySource(properties = "opsledger.drift.alert-threshold=0")
class DriftLiveUpdatesTest extends AppTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final MotoServer MOTO = MotoServer.start();
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        registry.add("opsledger.aws-endpoint", () -> MOTO.endpoint().toString());
        registry.add("opsledger.drift.aws.access-key-id", () -> KEY_ID);
        registry.add("opsledger.drift.aws.secret-access-key", () -> SECRET);
        registry.add("opsledger.drift.aws.region", () -> "us-east-1");
    }

    @Autowired
    EventGateway events;

    LiveSocket connect(TestUser user) throws InterruptedException {
        LiveSocket ws = LiveSocket.connect("http://127.0.0.1:" + port, "/ws",
                user == null ? Map.of() : Map.of("Authorization", "Token " + user.token()));
        ws.next("connection_established", WAIT);
        return ws;
    }

    static String id() { return UUID.randomUUID().toString(); }

    @Test
    void stateUpdatesForLocksAndEdits() throws Exception {
        String state = id();
        String lockId = id();
        TerraformState edited = TerraformState.empty("1.6.0", id()).importResource("aws_instance", "web", "i-123");
        try (LiveSocket viewer = connect(user(Role.READONLY)); LiveSocket admin = connect(user(Role.ADMIN))) {
            events.publish(new StateLocked(state, new LockInfo(lockId, "states/prod.tfstate", "OperationTypeApply",
                    "ops@host", "opsledger", Instant.now(), "Running terraform apply")));
            for (LiveSocket ws : List.of(viewer, admin)) {
                JsonNode locked = ws.next("state_update", WAIT);
                assertThat(locked.path("data").path("state_id").asText()).isEqualTo(state);
                assertThat(locked.path("data").path("action").asText()).isEqualTo("locked");
                assertThat(locked.path("data").path("reason").asText()).isEqualTo("Running terraform apply");
                assertThat(locked.path("data").path("lock_id").asText()).isEqualTo(lockId);
                assertThat(locked.path("timestamp").asText()).isNotBlank();
            }
            events.publish(new StateResourceImported(state, lockId, "aws_instance.web", "aws_instance", "web", "i-123",
                    edited, "sum", 10, Instant.now()));
            JsonNode imported = viewer.next("state_update", WAIT);
            assertThat(imported.path("data").path("action").asText()).isEqualTo("edited");
            assertThat(imported.path("data").path("edit").asText()).isEqualTo("import");
            assertThat(imported.path("data").path("address").asText()).isEqualTo("aws_instance.web");
            assertThat(imported.path("data").path("serial").asLong()).isEqualTo(edited.serial());

            events.publish(new StateResourceMoved(state, lockId, "aws_instance.web", "aws_instance.app", edited, "sum", 10, Instant.now()));
            JsonNode moved = viewer.next("state_update", WAIT);
            assertThat(moved.path("data").path("edit").asText()).isEqualTo("move");
            assertThat(moved.path("data").path("to_address").asText()).isEqualTo("aws_instance.app");

            events.publish(new StateResourceRemoved(state, lockId, "aws_instance.app", edited, "sum", 10, Instant.now()));
            assertThat(viewer.next("state_update", WAIT).path("data").path("edit").asText()).isEqualTo("remove");

            events.publish(new StateUnlocked(state, lockId, false, Instant.now()));
            JsonNode unlocked = viewer.next("state_update", WAIT);
            assertThat(unlocked.path("data").path("action").asText()).isEqualTo("unlocked");
            assertThat(unlocked.path("data").path("lock_id").asText()).isEqualTo(lockId);
            assertThat(unlocked.path("data").path("forced").asBoolean()).isFalse();

            events.publish(new ExternalLockObserved(state, new LockInfo(id(), "p", "OperationTypePlan", "tf@ci", "1.6.0",
                    Instant.now(), "terraform plan"), Instant.now()));
            JsonNode external = viewer.next("state_update", WAIT);
            assertThat(external.path("data").path("action").asText()).isEqualTo("locked");
            assertThat(external.path("data").path("external").asBoolean()).isTrue();
        }
    }

    @Test
    void resourceUpdatesForTags() throws Exception {
        String resource = id();
        try (LiveSocket operator = connect(user(Role.STANDARD))) {
            events.publish(new ResourceTagsUpdated(resource, "aws_instance", "us-east-1", "i-1",
                    Map.of("Environment", "staging", "Owner", "team"), Map.of("Environment", "staging"), List.of("Old"),
                    "someone", Instant.now()));
            JsonNode update = operator.next("resource_update", WAIT);
            assertThat(update.path("data").path("resource_id").asText()).isEqualTo(resource);
            assertThat(update.path("data").path("action").asText()).isEqualTo("updated");
            assertThat(update.path("data").path("changes").path("tags").path("Environment").asText()).isEqualTo("staging");
            assertThat(update.path("data").path("changes").path("removed_tags").get(0).asText()).isEqualTo("Old");
        }
    }

    @Test
    void driftDetectionProgressLogsAndAnAlertOverTheThreshold() throws Exception {
        String job = id();
        String state = id();
        try (LiveSocket viewer = connect(user(Role.READONLY))) {
            events.publish(new DriftDetectionStarted(job, 4, Instant.now()));
            JsonNode running = viewer.next("drift_detection", WAIT);
            assertThat(running.path("data").path("job_id").asText()).isEqualTo(job);
            assertThat(running.path("data").path("status").asText()).isEqualTo("running");

            events.publish(new DriftResultsRecorded(job, List.of(), 2, 4, 50, Instant.now()));
            JsonNode progress = viewer.next("drift_detection", WAIT);
            assertThat(progress.path("data").path("progress").asInt()).isEqualTo(50);

            events.publish(new DriftDetectionCompleted(job, state, null, 4, 2, 7, Map.of("high", 3, "low", 4), 0, 0,
                    List.of("checked 4 resources", "WARN aws_instance.db: security group differs"), Instant.now()));
            JsonNode done = viewer.next("drift_detection", WAIT);
            assertThat(done.path("data").path("status").asText()).isEqualTo("completed");
            assertThat(done.path("data").path("drift_detected").asBoolean()).isTrue();
            assertThat(done.path("data").path("drift_count").asInt()).isEqualTo(7);
            assertThat(done.path("data").path("state_id").asText()).isEqualTo(state);
            assertThat(done.path("data").has("resource_id")).isTrue();

            JsonNode first = viewer.next("log", WAIT);
            assertThat(first.path("data").path("level").asText()).isEqualTo("info");
            assertThat(first.path("data").path("message").asText()).isEqualTo("checked 4 resources");
            assertThat(first.path("data").path("context").path("job_id").asText()).isEqualTo(job);
            assertThat(viewer.next("log", WAIT).path("data").path("level").asText()).isEqualTo("warning");
            assertThat(viewer.next("log", WAIT).path("data").path("message").asText()).isEqualTo("Drift detection completed");

            JsonNode alert = viewer.next("system_alert", WAIT);
            assertThat(alert.path("data").path("severity").asText()).isEqualTo("warning");
            assertThat(alert.path("data").path("message").asText()).isEqualTo("High drift detection rate detected");
            assertThat(alert.path("data").path("details").path("drift_count").asInt()).isEqualTo(7);
            assertThat(alert.path("data").path("details").path("threshold").asInt()).isEqualTo(0);

            // at the threshold: no alert
            String calm = id();
            events.publish(new DriftDetectionCompleted(calm, state, null, 4, 0, 0, Map.of(), 0, 0, List.of(), Instant.now()));
            events.publish(new DriftDetectionFailed(id(), "cannot read the state", Instant.now()));
            JsonNode failed = viewer.next(m -> "drift_detection".equals(m.path("type").asText())
                    && "failed".equals(m.path("data").path("status").asText()), WAIT, "a failed job");
            assertThat(failed.path("data").path("error").asText()).isEqualTo("cannot read the state");
            JsonNode failedLog = viewer.next(m -> "log".equals(m.path("type").asText())
                    && "error".equals(m.path("data").path("level").asText()), WAIT, "the failure's log line");
            assertThat(failedLog.path("data").path("message").asText()).contains("cannot read the state");
            // everything up to the failure has arrived by now, in order: no alert for the calm job
            assertThat(viewer.drain(Duration.ofMillis(300))).noneMatch(m -> "system_alert".equals(m.path("type").asText()));
        }
    }

    /** An EC2 instance in moto whose type differs from its state's: a real detection, then a real tag update. */
    @Test
    void aRealDetectionAndTagUpdateReachTheSockets(@TempDir Path dir) throws Exception {
        String instance;
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET))).build()) {
            instance = ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType("t3.large").minCount(1).maxCount(1))
                    .instances().get(0).instanceId();
        }
        Files.writeString(dir.resolve("app.tfstate"), new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                "version", 4, "terraform_version", "1.6.0", "serial", 1, "lineage", id(), "outputs", Map.of(),
                "resources", List.of(Map.of("mode", "managed", "type", "aws_instance", "name", "app",
                        "provider", "provider[\"registry.terraform.io/hashicorp/aws\"]",
                        "instances", List.of(Map.of("schema_version", 1, "attributes", Map.of("id", instance,
                                "instance_type", "t3.micro", "ami", "ami-12c6146b", "availability_zone", "us-east-1a"))))))));
        TestUser admin = user(Role.ADMIN);
        String auth = "Token " + admin.token();
        Map<?, ?> backend = http().post().uri("/api/v1/backends").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "live-" + id(), "type", "local", "config", Map.of("path", dir.toString())))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String stateId = DriftLiveApiTest.data(http().get().uri("/api/v1/state/list?backend_id=" + DriftLiveApiTest.data(backend).get("id"))
                .header("Authorization", auth).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody())
                .get("state_files") instanceof List<?> files ? (String) ((Map<?, ?>) files.get(0)).get("id") : null;
        assertThat(stateId).isNotNull();

        try (LiveSocket viewer = connect(user(Role.READONLY))) {
            Map<?, ?> started = http().post().uri("/api/v1/drift/detect").header("Authorization", auth)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("state_id", stateId))
                    .exchange().expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
            String job = (String) DriftLiveApiTest.data(started).get("job_id");
            JsonNode pending = viewer.next(m -> isJob(m, job, "pending"), WAIT, "the job pending");
            assertThat(pending.path("data").path("state_id").asText()).isEqualTo(stateId);
            viewer.next(m -> isJob(m, job, "running"), WAIT, "the job running");
            JsonNode done = viewer.next(m -> isJob(m, job, "completed"), Duration.ofSeconds(60), "the job completed");
            assertThat(done.path("data").path("drift_detected").asBoolean()).isTrue();
            assertThat(done.path("data").path("drift_count").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(done.path("data").path("resources_checked").asInt()).isGreaterThanOrEqualTo(1);
            JsonNode end = viewer.next(m -> "log".equals(m.path("type").asText())
                    && "Drift detection completed".equals(m.path("data").path("message").asText()), WAIT, "the job's last log line");
            assertThat(end.path("data").path("context").path("job_id").asText()).isEqualTo(job);
            JsonNode alert = viewer.next("system_alert", WAIT);
            assertThat(alert.path("data").path("details").path("job_id").asText()).isEqualTo(job);

            String resourceId = ResourceMessages.resourceId(stateId, "aws_instance.app");
            http().put().uri("/api/v1/resources/" + resourceId + "/tags").header("Authorization", auth)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("tags", Map.of("Environment", "staging")))
                    .exchange().expectStatus().isOk();
            JsonNode update = viewer.next("resource_update", WAIT);
            assertThat(update.path("data").path("resource_id").asText()).isEqualTo(resourceId);
            assertThat(update.path("data").path("changes").path("tags").path("Environment").asText()).isEqualTo("staging");
        }
    }

    static boolean isJob(JsonNode m, String job, String status) {
        return "drift_detection".equals(m.path("type").asText()) && job.equals(m.path("data").path("job_id").asText())
                && status.equals(m.path("data").path("status").asText());
    }

    @Test
    void anonymousConnectionsGetNoDataBearingMessages() throws Exception {
        try (LiveSocket anonymous = connect(null); LiveSocket viewer = connect(user(Role.READONLY))) {
            String state = id();
            events.publish(new StateLocked(state, new LockInfo(id(), "p", "op", "w", "v", Instant.now(), "r")));
            events.publish(new DriftDetectionCompleted(id(), state, null, 1, 1, 50, Map.of(), 0, 0, List.of("x"), Instant.now()));
            viewer.next("system_alert", WAIT);
            List<JsonNode> seen = anonymous.drain(Duration.ofMillis(1500));
            assertThat(seen).extracting(m -> m.path("type").asText()).allMatch("heartbeat"::equals);
        }
    }
}
