package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.LiveSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Live messages caused through DriftMgr's own endpoints: locks, unlocks and edits of a local backend's state. */
class DriftLiveApiTest extends AppTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final ObjectMapper JSON = new ObjectMapper();

    /** A format-4 state with one EC2 instance. */
    static String tfstate() throws Exception {
        return JSON.writeValueAsString(Map.of("version", 4, "terraform_version", "1.6.0", "serial", 3,
                "lineage", UUID.randomUUID().toString(), "outputs", Map.of(),
                "resources", List.of(Map.of("mode", "managed", "type", "aws_instance", "name", "web",
                        "provider", "provider[\"registry.terraform.io/hashicorp/aws\"]",
                        "instances", List.of(Map.of("schema_version", 1, "attributes",
                                Map.of("id", "i-0abc", "instance_type", "t3.micro")))))));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<?, ?> body) { return (Map<String, Object>) body.get("data"); }

    @Test
    void locksUnlocksAndEditsReachEverySignedInSocket(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("prod.tfstate"), tfstate());
        TestUser admin = user(Role.ADMIN);
        TestUser operator = user(Role.STANDARD);
        String adminAuth = "Token " + admin.token();
        String operatorAuth = "Token " + operator.token();
        Map<?, ?> backend = http().post().uri("/api/v1/backends").header("Authorization", adminAuth)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "live-" + UUID.randomUUID(), "type", "local", "config", Map.of("path", dir.toString())))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String backendId = (String) data(backend).get("id");
        Map<?, ?> list = http().get().uri("/api/v1/state/list?backend_id=" + backendId).header("Authorization", adminAuth)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) data(list).get("state_files");
        assertThat(files).hasSize(1);
        String stateId = (String) files.get(0).get("id");

        String base = "http://127.0.0.1:" + port;
        try (LiveSocket viewer = LiveSocket.connect(base, "/ws", Map.of("Authorization", "Token " + user(Role.READONLY).token()));
             LiveSocket anonymous = LiveSocket.connect(base, "/ws", Map.of())) {
            viewer.next("connection_established", WAIT);
            anonymous.next("connection_established", WAIT);

            Map<?, ?> locked = http().post().uri("/api/v1/state/lock").header("Authorization", operatorAuth)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("state_id", stateId, "reason", "Running terraform apply"))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            String lockId = (String) data(locked).get("ID");
            JsonNode lockUpdate = viewer.next(m -> isStateUpdate(m, stateId, "locked"), WAIT, "state_update locked");
            assertThat(lockUpdate.path("data").path("reason").asText()).isEqualTo("Running terraform apply");
            assertThat(lockUpdate.path("data").path("lock_id").asText()).isEqualTo(lockId);

            http().post().uri("/api/v1/state/import").header("Authorization", operatorAuth).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("state_id", stateId, "lock_id", lockId, "resource_type", "aws_s3_bucket",
                            "resource_name", "logs", "resource_id", "bench-logs"))
                    .exchange().expectStatus().isOk();
            JsonNode edit = viewer.next(m -> isStateUpdate(m, stateId, "edited"), WAIT, "state_update edited");
            assertThat(edit.path("data").path("edit").asText()).isEqualTo("import");
            assertThat(edit.path("data").path("address").asText()).isEqualTo("aws_s3_bucket.logs");
            assertThat(edit.path("data").path("serial").asLong()).isEqualTo(4);

            http().post().uri("/api/v1/state/unlock").header("Authorization", operatorAuth).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("state_id", stateId, "lock_id", lockId, "force", false))
                    .exchange().expectStatus().isOk();
            JsonNode unlock = viewer.next(m -> isStateUpdate(m, stateId, "unlocked"), WAIT, "state_update unlocked");
            assertThat(unlock.path("data").path("lock_id").asText()).isEqualTo(lockId);

            // changed in the backend behind our back (terraform apply elsewhere): read when the states are listed
            Files.writeString(dir.resolve("prod.tfstate"), tfstate().replace("\"serial\":3", "\"serial\":9"));
            http().get().uri("/api/v1/state/list?backend_id=" + backendId).header("Authorization", adminAuth)
                    .exchange().expectStatus().isOk();
            JsonNode synced = viewer.next(m -> isStateUpdate(m, stateId, "synced"), WAIT, "state_update synced");
            assertThat(synced.path("data").path("serial").asLong()).isEqualTo(9);
            assertThat(synced.path("data").path("backend_id").asText()).isEqualTo(backendId);

            Files.delete(dir.resolve("prod.tfstate"));
            http().get().uri("/api/v1/state/list?backend_id=" + backendId).header("Authorization", adminAuth)
                    .exchange().expectStatus().isOk();
            JsonNode missing = viewer.next(m -> isStateUpdate(m, stateId, "missing"), WAIT, "state_update missing");
            assertThat(missing.path("data").path("path").asText()).isEqualTo("prod.tfstate");

            assertThat(anonymous.drain(Duration.ofMillis(500))).extracting(m -> m.path("type").asText()).allMatch("heartbeat"::equals);
        }
    }

    static boolean isStateUpdate(JsonNode m, String stateId, String action) {
        return "state_update".equals(m.path("type").asText()) && stateId.equals(m.path("data").path("state_id").asText())
                && action.equals(m.path("data").path("action").asText());
    }
}
