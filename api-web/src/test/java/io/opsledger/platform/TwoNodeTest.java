package io.opsledger.platform;

import io.opsledger.testing.AppProcess;
import io.opsledger.testing.Http;
import io.opsledger.testing.PostgresServer;
import io.opsledger.testing.TwoNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two api-web nodes on one PostgreSQL (events, tokens) and one MongoDB (projections): a login on
 * one works on the other, and a logout or key revocation on one counts on the other at once.
 */
class TwoNodeTest {


    @Test
    void credentialsAndRevocationsHoldAcrossNodes(@TempDir Path dataA, @TempDir Path dataB) throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            try (TwoNodes nodes = TwoNodes.start(postgres, dataA, dataB, Map.of())) {
                AppProcess a = nodes.a();
                AppProcess b = nodes.b();
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
