package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.drift.DriftLiveFeed;
import io.opsledger.identity.api.Role;
import io.opsledger.platform.ProjectionBarrier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.beans.factory.annotation.Autowired;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.LiveSocket;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DriftMgr's WebSocket transport: connecting, who is connected, heartbeats, stats, revocation. */
class DriftLiveSocketTest extends AppTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    LiveSocket connect(String path, Map<String, String> headers) {
        return LiveSocket.connect("http://127.0.0.1:" + port, path, headers);
    }

    @SuppressWarnings("unchecked")
    String jwt(TestUser user) {
        Map<String, Object> body = http().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user.username(), "password", user.password()))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((Map<String, Object>) body.get("data")).get("access_token");
    }

    @Autowired
    EventProcessingConfiguration processing;

    /** The live feed runs on every node: its own token in memory, no dead letters, not waited for by writes. */
    @Test
    void theLiveFeedIsAPerNodeProcessor() {
        assertThat(processing.eventProcessor(DriftLiveFeed.GROUP)).get().isInstanceOf(TrackingEventProcessor.class);
        assertThat(processing.tokenStore(DriftLiveFeed.GROUP)).isInstanceOf(InMemoryTokenStore.class);
        assertThat(processing.deadLetterQueue(DriftLiveFeed.GROUP)).isEmpty();
        assertThat(DriftLiveFeed.GROUP).doesNotStartWith(ProjectionBarrier.PROJECTION_PREFIX);
    }

    @Test
    void connectionEstablishedNamesTheUserAndTheirDriftMgrRole() throws Exception {
        TestUser viewer = user(Role.READONLY);
        try (LiveSocket ws = connect("/ws", Map.of("Authorization", "Token " + viewer.token()))) {
            JsonNode hello = ws.next("connection_established", WAIT);
            assertThat(hello.path("data").path("message").asText()).isEqualTo("Connected to DriftMgr WebSocket");
            assertThat(hello.path("data").path("user_id").asText()).isEqualTo(viewer.user().userId());
            assertThat(hello.path("data").path("roles")).hasSize(1);
            assertThat(hello.path("data").path("roles").get(0).asText()).isEqualTo("viewer");
            assertThat(Instant.parse(hello.path("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
        }
        TestUser admin = user(Role.ADMIN);
        try (LiveSocket ws = connect("/api/v1/ws?token=" + jwt(admin), Map.of())) {
            JsonNode hello = ws.next("connection_established", WAIT);
            assertThat(hello.path("data").path("user_id").asText()).isEqualTo(admin.user().userId());
            assertThat(hello.path("data").path("roles").get(0).asText()).isEqualTo("admin");
        }
        TestUser operator = user(Role.STANDARD);
        try (LiveSocket ws = connect("/ws/", Map.of("Authorization", "Bearer " + jwt(operator)))) {
            assertThat(ws.next("connection_established", WAIT).path("data").path("roles").get(0).asText()).isEqualTo("operator");
        }
    }

    @Test
    void anonymousConnectionsAreWelcomeButNamedNobody() throws Exception {
        try (LiveSocket ws = connect("/ws", Map.of())) {
            JsonNode hello = ws.next("connection_established", WAIT);
            assertThat(hello.path("data").path("user_id").isNull()).isTrue();
            assertThat(hello.path("data").path("roles")).isEmpty();
            assertThat(ws.next("heartbeat", WAIT)).isNotNull();
        }
    }

    @Test
    void anInvalidCredentialIsRefusedBeforeTheUpgrade() {
        for (String path : new String[]{"/ws?token=not-a-token", "/api/v1/ws?token=eyJhbGciOiJIUzI1NiJ9.e30.x"}) {
            assertThatThrownBy(() -> connect(path, Map.of()))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
        }
        assertThatThrownBy(() -> connect("/ws", Map.of("Authorization", "Bearer nope")))
                .cause().isInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void heartbeatsComeAtTheConfiguredInterval() throws Exception {
        TestUser viewer = user(Role.READONLY);
        try (LiveSocket ws = connect("/ws", Map.of("Authorization", "Token " + viewer.token()))) {
            ws.next("connection_established", WAIT);
            JsonNode first = ws.next("heartbeat", WAIT);
            JsonNode second = ws.next("heartbeat", WAIT);
            Instant at = Instant.parse(first.path("data").path("server_time").asText());
            assertThat(first.path("data").path("timestamp").asLong()).isEqualTo(at.getEpochSecond());
            assertThat(first.path("timestamp").asText()).isNotBlank();
            Duration between = Duration.between(at, Instant.parse(second.path("data").path("server_time").asText()));
            assertThat(between).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
        }
    }

    @Test
    void statsCountEveryKindOfConnection() throws Exception {
        http().get().uri("/api/v1/ws/stats").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false).jsonPath("$.error.code").isEqualTo("AUTHENTICATION_REQUIRED");
        TestUser viewer = user(Role.READONLY);
        TestUser admin = user(Role.ADMIN);
        // connections other tests just closed may still be on their way out: start from settled counts
        Map<String, Long> before = awaitStats(viewer, null);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(250);
            Map<String, Long> again = awaitStats(viewer, null);
            if (again.equals(before)) {
                break;
            }
            before = again;
        }
        try (LiveSocket a = connect("/ws", Map.of("Authorization", "Token " + viewer.token()));
             LiveSocket b = connect("/ws", Map.of("Authorization", "Token " + viewer.token()));
             LiveSocket c = connect("/ws", Map.of("Authorization", "Token " + admin.token()));
             LiveSocket d = connect("/ws", Map.of())) {
            for (LiveSocket s : new LiveSocket[]{a, b, c, d}) {
                s.next("connection_established", WAIT);
            }
            Map<String, Long> expected = Map.of(
                    "total_connections", before.get("total_connections") + 4,
                    "authenticated_users", before.get("authenticated_users") + 3,
                    "anonymous_connections", before.get("anonymous_connections") + 1,
                    "user_connections", before.get("user_connections") + 2,
                    "admin_connections", before.get("admin_connections") + 1);
            assertThat(awaitStats(admin, expected)).isEqualTo(expected);
        }
        assertThat(awaitStats(viewer, before)).isEqualTo(before);
    }

    /** The stats, once they equal {@code expected} (or at once when null). */
    @SuppressWarnings("unchecked")
    Map<String, Long> awaitStats(TestUser user, Map<String, Long> expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<String, Object> body = http().get().uri("/api/v1/ws/stats").header("Authorization", "Token " + user.token())
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(body).containsEntry("success", true);
            Map<String, Object> data = (Map<String, Object>) body.get("data");
            assertThat(data).containsOnlyKeys("total_connections", "authenticated_users", "anonymous_connections",
                    "user_connections", "admin_connections");
            Map<String, Long> stats = new java.util.HashMap<>();
            data.forEach((k, v) -> stats.put(k, ((Number) v).longValue()));
            if (expected == null || stats.equals(expected) || System.nanoTime() > deadline) {
                return stats;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aRevokedApiKeyEndsItsConnectionAtTheNextHeartbeat() throws Exception {
        TestUser operator = user(Role.STANDARD);
        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) http().post().uri("/api/v1/auth/api-keys")
                .header("Authorization", "Token " + operator.token()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "live")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("data");
        try (LiveSocket ws = connect("/ws", Map.of("X-API-Key", (String) created.get("key")))) {
            assertThat(ws.next("connection_established", WAIT).path("data").path("user_id").asText())
                    .isEqualTo(operator.user().userId());
            ws.next("heartbeat", WAIT);
            http().delete().uri("/api/v1/auth/api-keys/" + created.get("id")).header("Authorization", "Token " + operator.token())
                    .exchange().expectStatus().isOk();
            assertThat(ws.closeCode(WAIT)).isEqualTo(1008);
        }
    }
}
