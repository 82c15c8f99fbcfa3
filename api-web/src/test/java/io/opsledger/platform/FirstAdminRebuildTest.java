package io.opsledger.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.testing.AppProcess;
import io.opsledger.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One first admin ever: under concurrent calls, and after the projections are rebuilt from the events. */
class FirstAdminRebuildTest {

    private static final String PASSWORD = "first-admin-password";

    @Test
    void concurrentCallsMakeOneFirstAdminAndARebuildDoesNotForgetIt(@TempDir Path data) throws Exception {
        String winner;
        List<String> losers = new ArrayList<>();
        try (AppProcess app = AppProcess.start(data, Map.of())) {
            Http http = new Http(app.baseUrl());
            List<String> names = List.of("root-a", "root-b", "root-c", "root-d", "root-e", "root-e", "root-f", "Root-A");
            ExecutorService pool = Executors.newFixedThreadPool(names.size());
            List<Future<Integer>> answers = new ArrayList<>();
            for (String name : names) {
                Callable<Integer> call = () -> http.post("/api/v1/create_first_admin/",
                        Map.of("username", name, "password", PASSWORD, "role", "Admin"), null).status();
                answers.add(pool.submit(call));
            }
            List<String> created = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                int status = answers.get(i).get();
                assertThat(status).as(names.get(i)).isIn(201, 400, 409);
                if (status == 201) {
                    created.add(names.get(i));
                }
            }
            pool.shutdown();
            assertThat(created).as("exactly one first admin").hasSize(1);
            winner = created.get(0);
            // one name per case-insensitive form: "Root-A" and "root-a" are one username
            names.stream().filter(n -> !n.equalsIgnoreCase(winner)).map(String::toLowerCase).distinct().forEach(losers::add);

            String admin = "Token " + http.post("/api/v1/d-login/", Map.of("username", winner, "password", PASSWORD), null)
                    .body().path("token").asText();
            assertSingleSuperadmin(http, admin, winner);
            for (String loser : losers) {
                assertThat(http.post("/api/v1/register/", Map.of("username", loser, "password", PASSWORD, "role", "Standard"), admin)
                        .status()).as("%s was not claimed for good by a refused call", loser).isEqualTo(201);
            }
            app.stop();
        }
        // the projections are derived data: rebuilt from the events, while the rule does not wait for them
        Files.delete(data.resolve("projections.mv"));
        try (AppProcess app = AppProcess.start(data, Map.of())) {
            Http http = new Http(app.baseUrl());
            Http.Answer again = http.post("/api/v1/create_first_admin/",
                    Map.of("username", "late-root", "password", PASSWORD, "role", "Admin"), null);
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.body().path("error").asText()).isEqualTo("Admin user already exists.");
            assertThat(http.get("/api/v1/check-admin-user-exists/", null).body().path("exists").asBoolean()).isTrue();
            String admin = "Token " + http.post("/api/v1/d-login/", Map.of("username", winner, "password", PASSWORD), null)
                    .body().path("token").asText();
            assertSingleSuperadmin(http, admin, winner);
        }
    }

    private static void assertSingleSuperadmin(Http http, String admin, String winner) throws Exception {
        Http.Answer users = http.get("/api/v1/users/", admin);
        assertThat(users.status()).isEqualTo(200);
        List<String> superusers = new ArrayList<>();
        for (JsonNode u : users.body()) {
            if (u.path("is_superuser").asBoolean()) {
                superusers.add(u.path("username").asText());
            }
        }
        assertThat(superusers).containsExactly(winner);
    }
}
