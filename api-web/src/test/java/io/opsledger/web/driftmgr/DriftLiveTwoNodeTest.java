package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.testing.AppProcess;
import io.opsledger.testing.Http;
import io.opsledger.testing.LiveSocket;
import io.opsledger.testing.PostgresServer;
import io.opsledger.testing.TwoNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two api-web nodes on one PostgreSQL event store and one MongoDB: a lock taken through one node
 * reaches the WebSocket subscribers of the other (and back), and the WebSocket stats count the
 * connections of both nodes, whichever node answers.
 */
class DriftLiveTwoNodeTest {

    static final Duration WAIT = Duration.ofSeconds(20);


    @Test
    void everyNodesSubscribersGetEveryUpdateAndEveryNodeCountsThem(@TempDir Path dataA, @TempDir Path dataB,
                                                                     @TempDir Path states) throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            try (TwoNodes nodes = TwoNodes.start(postgres, dataA, dataB, Map.of("OPSLEDGER_ADMIN_USERNAME", "root", "OPSLEDGER_ADMIN_PASSWORD", "two-node-admin-password"))) {
                AppProcess a = nodes.a();
                AppProcess b = nodes.b();
                Http onA = new Http(a.baseUrl());
                Http onB = new Http(b.baseUrl());
                Map<String, String> olga = Map.of("username", "olga", "email", "olga@example.com", "password", "two-node-password");
                assertThat(onA.post("/api/v1/auth/register", olga, null).status()).isEqualTo(201);
                String jwt = onB.post("/api/v1/auth/login", Map.of("username", "olga", "password", "two-node-password"), null)
                        .body().path("data").path("access_token").asText();
                String bearer = "Bearer " + jwt;

                String admin = "Bearer " + onA.post("/api/v1/auth/login", Map.of("username", "root",
                        "password", "two-node-admin-password"), null).body().path("data").path("access_token").asText();
                // self-registered users are viewers; the admin makes olga an operator
                assertThat(onA.post("/api/v1/users/olga/assign-role", Map.of("role", "Standard"), admin).status()).isEqualTo(201);

                try (LiveSocket onNodeB = LiveSocket.connect(b.baseUrl(), "/ws?token=" + jwt, Map.of());
                     LiveSocket anonymousOnA = LiveSocket.connect(a.baseUrl(), "/ws", Map.of())) {
                    assertThat(onNodeB.next("connection_established", WAIT).path("data").path("roles").get(0).asText())
                            .isEqualTo("operator");
                    anonymousOnA.next("connection_established", WAIT);
                    Files.writeString(states.resolve("shared.tfstate"), DriftLiveApiTest.tfstate());
                    Http.Answer backend = onA.post("/api/v1/backends", Map.of("name", "shared", "type", "local",
                            "config", Map.of("path", states.toString())), admin);
                    assertThat(backend.status()).isEqualTo(201);
                    String stateId = onB.get("/api/v1/state/list?backend_id=" + backend.body().path("data").path("id").asText(), bearer)
                            .body().path("data").path("state_files").get(0).path("id").asText();
                    try (LiveSocket onNodeA = LiveSocket.connect(a.baseUrl(), "/ws", Map.of("Authorization", bearer))) {
                        onNodeA.next("connection_established", WAIT);
                        Http.Answer locked = onA.post("/api/v1/state/lock", Map.of("state_id", stateId, "reason", "from A"), bearer);
                        assertThat(locked.status()).isEqualTo(200);
                        String lockId = locked.body().path("data").path("ID").asText();
                        JsonNode seenOnB = onNodeB.next(m -> DriftLiveApiTest.isStateUpdate(m, stateId, "locked"), WAIT,
                                "the lock taken through node A, on node B");
                        assertThat(seenOnB.path("data").path("reason").asText()).isEqualTo("from A");
                        onNodeA.next(m -> DriftLiveApiTest.isStateUpdate(m, stateId, "locked"), WAIT, "the lock, on node A");
                        assertThat(onB.post("/api/v1/state/unlock", Map.of("state_id", stateId, "lock_id", lockId), bearer).status())
                                .isEqualTo(200);
                        onNodeA.next(m -> DriftLiveApiTest.isStateUpdate(m, stateId, "unlocked"), WAIT,
                                "the unlock through node B, on node A");
                        onNodeB.next(m -> DriftLiveApiTest.isStateUpdate(m, stateId, "unlocked"), WAIT, "the unlock, on node B");
                    }
                    for (Http node : new Http[]{onA, onB}) {
                        JsonNode stats = awaitTotal(node, bearer, 2);
                        assertThat(stats.path("authenticated_users").asLong()).isEqualTo(1);
                        assertThat(stats.path("anonymous_connections").asLong()).isEqualTo(1);
                        assertThat(stats.path("user_connections").asLong()).isEqualTo(1);
                        assertThat(stats.path("admin_connections").asLong()).isEqualTo(0);
                    }
                }
                assertThat(awaitTotal(onA, bearer, 0).path("total_connections").asLong()).isZero();
            }
        }
    }

    private static JsonNode awaitTotal(Http node, String bearer, long total) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Http.Answer answer = node.get("/api/v1/ws/stats", bearer);
            assertThat(answer.status()).isEqualTo(200);
            JsonNode data = answer.body().path("data");
            if (data.path("total_connections").asLong() == total || System.nanoTime() > deadline) {
                assertThat(data.path("total_connections").asLong()).isEqualTo(total);
                return data;
            }
            Thread.sleep(100);
        }
    }
}
