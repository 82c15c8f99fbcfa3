package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.testing.AppProcess;
import io.opsledger.testing.Http;
import io.opsledger.testing.LiveSocket;
import io.opsledger.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two api-web nodes on one PostgreSQL event store and one MongoDB: the WebSocket stats count the
 * connections of both nodes, whichever node answers.
 */
class DriftLiveTwoNodeTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void everyNodeCountsEveryNodesConnections(@TempDir Path dataA, @TempDir Path dataB) throws Exception {
        int mongoPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            mongoPort = socket.getLocalPort();
        }
        try (PostgresServer postgres = PostgresServer.start()) {
            Map<String, String> shared = new HashMap<>();
            shared.put("OPSLEDGER_EVENTSTORE_URL", postgres.jdbcUrl());
            shared.put("OPSLEDGER_EVENTSTORE_USER", postgres.username());
            shared.put("OPSLEDGER_EVENTSTORE_PASSWORD", postgres.password());
            shared.put("OPSLEDGER_MASTER_KEY", randomKey(32));
            shared.put("OPSLEDGER_JWT_SECRET", randomKey(64));
            Map<String, String> nodeA = new HashMap<>(shared);
            nodeA.put("OPSLEDGER_EMBEDDED_MONGODB_PORT", String.valueOf(mongoPort));
            Map<String, String> nodeB = new HashMap<>(shared);
            nodeB.put("OPSLEDGER_MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/opsledger");
            try (AppProcess a = AppProcess.start(dataA, nodeA); AppProcess b = AppProcess.start(dataB, nodeB)) {
                Http onA = new Http(a.baseUrl());
                Http onB = new Http(b.baseUrl());
                Map<String, String> olga = Map.of("username", "olga", "email", "olga@example.com", "password", "two-node-password");
                assertThat(onA.post("/api/v1/auth/register", olga, null).status()).isEqualTo(201);
                String jwt = onB.post("/api/v1/auth/login", Map.of("username", "olga", "password", "two-node-password"), null)
                        .body().path("data").path("access_token").asText();
                String bearer = "Bearer " + jwt;

                try (LiveSocket onNodeB = LiveSocket.connect(b.baseUrl(), "/ws?token=" + jwt, Map.of());
                     LiveSocket anonymousOnA = LiveSocket.connect(a.baseUrl(), "/ws", Map.of())) {
                    assertThat(onNodeB.next("connection_established", WAIT).path("data").path("roles").get(0).asText())
                            .isEqualTo("operator");
                    anonymousOnA.next("connection_established", WAIT);
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
