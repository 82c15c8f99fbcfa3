package io.opsledger.platform;

import io.opsledger.testing.AppProcess;
import io.opsledger.testing.Http;
import io.opsledger.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two api-web nodes on one PostgreSQL (events, tokens) and one MongoDB (projections): a login on
 * one works on the other, and a logout or key revocation on one counts on the other at once.
 */
class TwoNodeTest {

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void credentialsAndRevocationsHoldAcrossNodes(@TempDir Path dataA, @TempDir Path dataB) throws Exception {
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
                Map<String, String> alice = Map.of("username", "alice", "email", "alice@example.com", "password", "two-node-password");
                assertThat(onA.post("/api/v1/auth/register", alice, null).status()).isEqualTo(201);
                assertThat(onB.post("/api/v1/auth/register", alice, null).status()).as("the name is taken on every node").isEqualTo(409);

                String token = onB.post("/api/v1/d-login/", Map.of("username", "alice", "password", "two-node-password"), null)
                        .body().path("token").asText();
                assertThat(onA.get("/api/v1/get-user-info/", "Token " + token).status()).isEqualTo(200);
                assertThat(onB.post("/api/v1/logout/", Map.of(), "Token " + token).status()).isEqualTo(201);
                assertThat(onA.get("/api/v1/get-user-info/", "Token " + token).status())
                        .as("logged out on B, refused on A straight away").isEqualTo(401);

                String bearer = "Bearer " + onA.post("/api/v1/auth/login", Map.of("username", "alice", "password", "two-node-password"), null)
                        .body().path("data").path("access_token").asText();
                Http.Answer key = onA.post("/api/v1/auth/api-keys", Map.of("name", "ci"), bearer);
                assertThat(key.status()).isEqualTo(201);
                assertThat(onB.get("/api/v1/auth/api-keys", bearer).body().path("data").size()).isEqualTo(1);
                Http.Answer revoked = onB.delete("/api/v1/auth/api-keys/" + key.body().path("data").path("id").asText(), bearer);
                assertThat(revoked.status()).isEqualTo(200);
                assertThat(onA.getWithHeader("/api/v1/auth/profile", "X-API-Key", key.body().path("data").path("key").asText()).status())
                        .as("revoked on B, refused on A straight away").isEqualTo(401);
            }
        }
    }
}
