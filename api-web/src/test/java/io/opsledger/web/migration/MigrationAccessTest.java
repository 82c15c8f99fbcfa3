package io.opsledger.web.migration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what on api_migration's resources: a token for everything, and only one's own objects. */
class MigrationAccessTest extends MigrationApiTest {

    private static final List<String> RESOURCES = List.of("credentials", "mount_points", "work_loads", "migration_targets",
            "migrations");

    @Test
    void everyResourceNeedsAToken() {
        Caller me = signUp();
        long migration = setUp(me);
        JsonNode notProvided = tree(Map.of("detail", "Authentication credentials were not provided."));
        for (String resource : RESOURCES) {
            String list = "/api/v1/" + resource + "/";
            String item = list + "1/";
            for (String[] call : new String[][] {{"GET", list}, {"POST", list}, {"PUT", list}, {"GET", item}, {"PATCH", item},
                    {"PUT", item}, {"DELETE", item}}) {
                JsonNode answer = expect(send(call[0], call[1], null, Body.JSON, Map.of("x", "y")), 401);
                assertThat(answer).as(call[0] + " " + call[1]).isEqualTo(notProvided);
            }
        }
        for (String path : new String[] {"run/", "state/", "events"}) {
            assertThat(expect(send("GET", "/api/v1/migrations/" + migration + "/" + path, null), 401)).as(path)
                    .isEqualTo(notProvided);
        }
        JsonNode bad = expect(http().get().uri("/api/v1/credentials/").header("Authorization", "Bearer not.a.token")
                .exchange(), 401);
        assertThat(bad.path("detail").asText()).isNotEmpty();
    }

    @Test
    void putIsNotAllowed() {
        Caller me = signUp();
        long credentials = credential(me, "corp");
        JsonNode notAllowed = tree(Map.of("detail", "Method \"PUT\" not allowed."));
        assertThat(expect(send("PUT", "/api/v1/credentials/" + credentials + "/", me, Body.JSON,
                body("username", "a", "password", "b", "domain", "c")), 405)).isEqualTo(notAllowed);
        for (String resource : RESOURCES) {
            assertThat(expect(send("PUT", "/api/v1/" + resource + "/", me, Body.JSON, body()), 405)).as(resource)
                    .isEqualTo(notAllowed);
        }
        assertThat(expect(send("POST", "/api/v1/migrations/1/run/", me, Body.JSON, body()), 405).path("detail").asText())
                .isEqualTo("Method \"POST\" not allowed.");
    }

    @Test
    void everyoneSeesAndTouchesOnlyTheirOwn() {
        Caller me = signUp();
        Caller other = signUp();
        long migration = setUp(me);
        JsonNode mine = expect(send("GET", "/api/v1/migrations/" + migration + "/", me), 200);
        Map<String, Long> ids = Map.of(
                "credentials", mine.path("source_of_type").path("credentials").path("id").asLong(),
                "mount_points", mine.path("selected_mount_points").get(0).path("id").asLong(),
                "work_loads", mine.path("source_of_type").path("id").asLong(),
                "migration_targets", mine.path("migration_target").path("id").asLong(),
                "migrations", migration);
        JsonNode notFound = tree(Map.of("detail", "Not found."));
        for (String resource : RESOURCES) {
            String item = "/api/v1/" + resource + "/" + ids.get(resource) + "/";
            assertThat(expect(send("GET", "/api/v1/" + resource + "/", other), 200)).as(resource).isEqualTo(tree(List.of()));
            assertThat(expect(send("GET", item, other), 404)).as(item).isEqualTo(notFound);
            assertThat(expect(send("PATCH", item, other, Body.JSON, body("domain", "x")), 404)).as(item).isEqualTo(notFound);
            assertThat(expect(send("DELETE", item, other), 404)).as(item).isEqualTo(notFound);
            assertThat(expect(send("GET", "/api/v1/" + resource + "/abc/", me), 404)).isEqualTo(notFound);
            assertThat(expect(send("GET", "/api/v1/" + resource + "/999999999/", me), 404)).isEqualTo(notFound);
            send("GET", item, me).expectStatus().isOk();
        }
        for (String path : new String[] {"run/", "state/", "events"}) {
            assertThat(expect(send("GET", "/api/v1/migrations/" + migration + "/" + path, other), 404)).as(path)
                    .isEqualTo(notFound);
        }
        assertThat(expect(send("GET", "/api/v1/migrations/" + migration + "/state/", me), 200))
                .isEqualTo(tree(Map.of("migration state", "not_started")));

        // another's objects cannot be referenced either
        long theirs = credential(other, "theirs");
        JsonNode refused = expect(send("PATCH", "/api/v1/work_loads/" + ids.get("work_loads") + "/", me, Body.JSON,
                body("credentials", theirs)), 400);
        assertThat(refused.path("credentials").isArray()).as(refused.toString()).isTrue();
    }

    private long setUp(Caller who) {
        long credentials = credential(who, "corp");
        long disk = mountPoint(who, "/var", 5);
        long source = workLoad(who, ip(), credentials, List.of(disk));
        return migration(who, List.of(disk), source, target(who, credentials));
    }
}
