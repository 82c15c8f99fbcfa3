package io.opsledger.platform;

import io.opsledger.testing.AppProcess;
import io.opsledger.testing.Http;
import io.opsledger.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What answered 2xx survives: a graceful restart, a kill -9 right after the answer, the loss of the
 * embedded projections file (rebuilt from the events), and the same
 * on the PostgreSQL event store (the licence-free production path) against a real PostgreSQL.
 */
class PersistenceTest {

    private static final String PASSWORD = "survives-restarts";

    /** Registers, logs in, and checks what a restart must keep. Returns the access token. */
    private static String writeThenCheck(String base, String name) throws Exception {
        Http http = new Http(base);
        assertThat(http.post("/api/v1/auth/register", Map.of("username", name, "email", name + "@example.com",
                "password", PASSWORD), null).status()).isEqualTo(201);
        Http.Answer login = http.post("/api/v1/auth/login", Map.of("username", name, "password", PASSWORD), null);
        assertThat(login.status()).isEqualTo(200);
        return login.body().path("data").path("access_token").asText();
    }

    private static void stillThere(String base, String name, String token) throws Exception {
        Http http = new Http(base);
        Http.Answer profile = http.get("/api/v1/auth/profile", "Bearer " + token);
        assertThat(profile.status()).as("the session opened before the crash still counts").isEqualTo(200);
        assertThat(profile.body().path("data").path("username").asText()).isEqualTo(name);
        assertThat(http.post("/api/v1/auth/login", Map.of("username", name, "password", PASSWORD), null).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/auth/register", Map.of("username", name, "email", "x@example.com",
                "password", PASSWORD), null).status()).as("the username stays taken").isEqualTo(409);
    }

    /** The audit endpoints answer from PostgreSQL's events as they do from the embedded store. */
    private static void auditReadsTheSameOnPostgresql(String base) throws Exception {
        Http http = new Http(base);
        Http.Answer login = http.post("/api/v1/auth/login", Map.of("username", "root", "password", "bootstrap-password"), null);
        assertThat(login.status()).as("the superadmin from OPSLEDGER_ADMIN_USERNAME exists").isEqualTo(200);
        String admin = "Bearer " + login.body().path("data").path("access_token").asText();
        Http.Answer events = http.get("/api/v1/audit/events?event_type=UserRegistered", admin);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.body().path("data").path("count").asInt()).isEqualTo(2); // root and pg-user
        String userId = null;
        for (var e : events.body().path("data").path("results")) {
            if (e.path("payload").path("username").asText().equals("pg-user")) {
                userId = e.path("aggregateId").asText();
                assertThat(e.path("payload").path("passwordHash").asText()).isEqualTo("********");
            }
        }
        Http.Answer history = http.get("/api/v1/audit/aggregates/" + userId + "/history", admin);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().path("data").path("events").findValuesAsText("eventType"))
                .containsExactly("UserRegistered", "SessionOpened");
    }

    @Test
    void embeddedRuntimeSurvivesGracefulRestartAndKill9(@TempDir Path data) throws Exception {
        String token;
        try (AppProcess app = AppProcess.start(data, Map.of())) {
            token = writeThenCheck(app.baseUrl(), "graceful");
            app.stop();
        }
        String killedToken;
        try (AppProcess app = AppProcess.start(data, Map.of())) {
            stillThere(app.baseUrl(), "graceful", token);
            killedToken = writeThenCheck(app.baseUrl(), "killed");
            app.kill(); // straight after the 2xx answers
        }
        try (AppProcess app = AppProcess.start(data, Map.of())) {
            stillThere(app.baseUrl(), "graceful", token);
            stillThere(app.baseUrl(), "killed", killedToken);
            app.stop();
        }
        // the projections file is derived data: without it, the projections are rebuilt from the events
        Files.delete(data.resolve("projections.mv"));
        try (AppProcess app = AppProcess.start(data, Map.of())) {
            stillThere(app.baseUrl(), "graceful", token);
            stillThere(app.baseUrl(), "killed", killedToken);
        }
    }

    @Test
    void postgresqlEventStoreHoldsTheEventsAndSurvivesKill9(@TempDir Path data) throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            Map<String, String> env = new HashMap<>();
            env.put("OPSLEDGER_EVENTSTORE_URL", postgres.jdbcUrl());
            env.put("OPSLEDGER_EVENTSTORE_USER", postgres.username());
            env.put("OPSLEDGER_EVENTSTORE_PASSWORD", postgres.password());
            env.put("OPSLEDGER_ADMIN_USERNAME", "root");
            env.put("OPSLEDGER_ADMIN_PASSWORD", "bootstrap-password");
            String token;
            try (AppProcess app = AppProcess.start(data, env)) {
                token = writeThenCheck(app.baseUrl(), "pg-user");
                auditReadsTheSameOnPostgresql(app.baseUrl());
                app.kill();
            }
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT payloadType FROM DomainEventEntry ORDER BY globalIndex")) {
                StringBuilder types = new StringBuilder();
                while (rs.next()) {
                    types.append(rs.getString(1)).append('\n');
                }
                assertThat(types.toString()).contains("UserRegistered").contains("SessionOpened");
            }
            try (AppProcess app = AppProcess.start(data, env)) {
                stillThere(app.baseUrl(), "pg-user", token);
            }
        }
    }
}
