package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.drift.api.StateMessages;
import io.opsledger.drift.api.StateMessages.SyncStateFile;
import io.opsledger.drift.tfstate.TerraformStates;
import io.opsledger.identity.api.Role;
import io.opsledger.platform.Commands;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.MotoServer;
import io.opsledger.web.RequestContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift detection throughput on one state of {@code opsledger.drift.bench.resources} (default
 * 5,000) EC2 instances in a moto_server, one in ten drifted. Runs only with
 * {@code -Dopsledger.drift.bench=true}; prints resources per second.
 */
class DriftDetectionThroughputTest extends AppTest {

    static final int RESOURCES = Integer.getInteger("opsledger.drift.bench.resources", 5000);
    static MotoServer moto;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        if (Boolean.getBoolean("opsledger.drift.bench")) {
            moto = MotoServer.start();
            registry.add("opsledger.aws-endpoint", () -> moto.endpoint().toString());
        }
        registry.add("opsledger.drift.aws.access-key-id", () -> "testing");
        registry.add("opsledger.drift.aws.secret-access-key", () -> "testing-secret");
    }

    @Autowired
    private Commands commands;

    @Test
    void detectsDriftOnAFiveThousandResourceState() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("opsledger.drift.bench"), "set -Dopsledger.drift.bench=true");
        List<String> ids = new ArrayList<>();
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing-secret"))).build()) {
            while (ids.size() < RESOURCES) {
                int n = Math.min(500, RESOURCES - ids.size());
                for (Instance i : ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType("t3.micro").minCount(n).maxCount(n)).instances()) {
                    ids.add(i.instanceId());
                }
            }
        }
        StringBuilder resources = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                resources.append(',');
            }
            resources.append("{\"mode\":\"managed\",\"type\":\"aws_instance\",\"name\":\"n").append(i)
                    .append("\",\"provider\":\"provider[\\\"registry.terraform.io/hashicorp/aws\\\"]\",\"instances\":[{\"attributes\":{\"id\":\"")
                    .append(ids.get(i)).append("\",\"instance_type\":\"").append(i % 10 == 0 ? "t3.large" : "t3.micro")
                    .append("\",\"ami\":\"ami-12c6146b\"}}]}");
        }
        byte[] bytes = ("{\"version\":4,\"terraform_version\":\"1.5.0\",\"serial\":1,\"lineage\":\"bench\",\"outputs\":{},\"resources\":["
                + resources + "]}").getBytes(StandardCharsets.UTF_8);
        String backend = "bench-" + UUID.randomUUID();
        String stateId = StateMessages.stateId(backend, "bench.tfstate");
        commands.send(new SyncStateFile(stateId, backend, "bench.tfstate", bytes.length, Instant.now(), TerraformStates.checksum(bytes),
                TerraformStates.parse(bytes), null), RequestContext.system("bench"));

        String operator = user(Role.STANDARD).token();
        Instant start = Instant.now();
        Map<?, ?> started = http().post().uri("/api/v1/drift/detect").header("Authorization", "Token " + operator)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("state_id", stateId))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String jobId = (String) ((Map<?, ?>) started.get("data")).get("job_id");
        JsonNode job;
        while (true) {
            byte[] body = http().get().uri("/api/v1/drift/jobs/" + jobId).header("Authorization", "Token " + operator)
                    .exchange().expectBody().returnResult().getResponseBody();
            job = new ObjectMapper().readTree(body).path("data");
            if (job.path("status").asText().matches("completed|failed")) {
                break;
            }
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMinutes(15));
            Thread.sleep(500);
        }
        Duration took = Duration.between(start, Instant.now());
        System.out.printf("DRIFT BENCH: %d resources checked in %.1f s (%.0f resources/s), %d with drift%n",
                job.path("resources_checked").asInt(), took.toMillis() / 1000.0,
                job.path("resources_checked").asInt() * 1000.0 / Math.max(1, took.toMillis()), job.path("resources_with_drift").asInt());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.path("resources_checked").asInt()).isEqualTo(RESOURCES);
        assertThat(job.path("resources_with_drift").asInt()).isEqualTo(RESOURCES / 10);
    }
}
