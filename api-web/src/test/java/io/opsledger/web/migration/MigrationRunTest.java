package io.opsledger.web.migration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Running a migration: its answers, its state, the target VM it leaves, and its steps as server-sent events. */
class MigrationRunTest extends MigrationApiTest {

    @Test
    void aRunCopiesTheSourceWithTheSelectedMountPointsOntoTheTarget() {
        Caller me = signUp();
        long credentials = credential(me, "corp");
        long system = mountPoint(me, "C:\\", 100);
        long data = mountPoint(me, "D:\\", 200);
        long elsewhere = mountPoint(me, "E:\\", 300);
        String ip = ip();
        long source = workLoad(me, ip, credentials, List.of(system, data));
        long target = target(me, credentials);
        long migration = migration(me, List.of(data, elsewhere), source, target);

        assertThat(expect(send("GET", "/api/v1/migrations/" + migration + "/state/", me), 200))
                .isEqualTo(tree(Map.of("migration state", "not_started")));
        String ran = send("GET", "/api/v1/migrations/" + migration + "/run/", me).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(ran).isEqualTo("\"migration successfully\"");
        assertThat(expect(send("GET", "/api/v1/migrations/" + migration + "/state/", me), 200))
                .isEqualTo(tree(Map.of("migration state", "success")));
        assertThat(expect(send("GET", "/api/v1/migrations/" + migration + "/", me), 200).path("migration_state").asText())
                .isEqualTo("success");

        JsonNode vm = expect(send("GET", "/api/v1/migration_targets/" + target + "/", me), 200).path("target_vm");
        assertThat(vm.path("id").asLong()).as("a copy, not the source").isNotEqualTo(source).isPositive();
        assertThat(vm.path("ip").asText()).isEqualTo(ip);
        assertThat(vm.path("credentials").path("id").asLong()).isEqualTo(credentials);
        assertThat(names(vm.path("storage"))).containsExactly("D:\\");
        assertThat(names(expect(send("GET", "/api/v1/work_loads/" + source + "/", me), 200).path("storage")))
                .as("the source keeps its storage").containsExactly("C:\\", "D:\\");
        send("GET", "/api/v1/work_loads/" + vm.path("id").asLong() + "/", me).expectStatus().isOk();

        // once succeeded, never again: the original answered a Python set
        String again = send("GET", "/api/v1/migrations/" + migration + "/run/", me).expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(again).isEqualTo("[\"migration can't run\"]");
        assertThat(expect(send("GET", "/api/v1/migrations/" + migration + "/state/", me), 200).path("migration state").asText())
                .isEqualTo("success");

        // the finished run's steps, then its state; the stream ends by itself
        List<Event> events = events(me, migration);
        assertThat(events).hasSizeGreaterThan(1);
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("state");
        assertThat(last.data()).isEqualTo(tree(Map.of("migration state", "success")));
        String runId = events.get(0).data().path("run_id").asText();
        assertThat(runId).isNotEmpty();
        for (Event step : events.subList(0, events.size() - 1)) {
            assertThat(step.data().path("step").asText()).isEqualTo(step.name());
            assertThat(step.data().path("run_id").asText()).isEqualTo(runId);
            assertThat(step.data().has("state")).isTrue();
            assertThat(step.data().has("at")).isTrue();
        }
        assertThat(events.get(events.size() - 2).data().path("state").asText()).isEqualTo("success");
    }

    @Test
    void aRunWithNothingToTakeFailsAndMayRunAgain() {
        Caller me = signUp();
        long credentials = credential(me, "corp");
        long onSource = mountPoint(me, "/srv", 10);
        long notOnSource = mountPoint(me, "/opt", 20);
        long source = workLoad(me, ip(), credentials, List.of(onSource));
        long target = target(me, credentials);
        long migration = migration(me, List.of(notOnSource), source, target);

        for (int attempt = 0; attempt < 2; attempt++) { // error may run again, and fails the same way
            String failed = send("GET", "/api/v1/migrations/" + migration + "/run/", me).expectStatus().isBadRequest()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(failed).isEqualTo("\"selected_mount_points not in source\"");
            assertThat(expect(send("GET", "/api/v1/migrations/" + migration + "/state/", me), 200))
                    .isEqualTo(tree(Map.of("migration state", "error")));
        }
        assertThat(expect(send("GET", "/api/v1/migration_targets/" + target + "/", me), 200).path("target_vm").isNull()).isTrue();
        List<Event> events = events(me, migration);
        assertThat(events.get(events.size() - 1).data()).isEqualTo(tree(Map.of("migration state", "error")));

        // fixed, it runs
        send("PATCH", "/api/v1/migrations/" + migration + "/", me, Body.FORM, body("selected_mount_points", onSource))
                .expectStatus().isOk();
        send("GET", "/api/v1/migrations/" + migration + "/run/", me).expectStatus().isOk();
        assertThat(names(expect(send("GET", "/api/v1/migration_targets/" + target + "/", me), 200)
                .path("target_vm").path("storage"))).containsExactly("/srv");
    }

    @Test
    void aMigrationThatNeverRanStreamsItsStateAndEnds() {
        Caller me = signUp();
        long credentials = credential(me, "corp");
        long disk = mountPoint(me, "/", 1);
        long migration = migration(me, List.of(disk), workLoad(me, ip(), credentials, List.of(disk)), target(me, credentials));
        List<Event> events = events(me, migration);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).name()).isEqualTo("state");
        assertThat(events.get(0).data()).isEqualTo(tree(Map.of("migration state", "not_started")));
    }

    @Test
    void aStreamOpenedDuringARunFollowsItToTheEnd() throws Exception {
        Caller me = signUp();
        long credentials = credential(me, "corp");
        long disk = mountPoint(me, "/", 1);
        long migration = migration(me, List.of(disk), workLoad(me, ip(), credentials, List.of(disk)), target(me, credentials));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> send("GET",
                "/api/v1/migrations/" + migration + "/run/", me).expectBody().returnResult().getStatus().value());
        List<Event> events = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do { // until the stream has seen the run, however quick it was
            events = events(me, migration);
        } while (events.size() == 1 && "not_started".equals(events.get(0).data().path("migration state").asText())
                && System.nanoTime() < until);
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(events.get(events.size() - 1).data()).isEqualTo(tree(Map.of("migration state", "success")));
        assertThat(events.size()).isGreaterThan(1);
    }

    record Event(String name, JsonNode data) {}

    /** The whole stream of a migration's events (it ends by itself), parsed. */
    private List<Event> events(Caller who, long migration) {
        String text = http().get().uri("/api/v1/migrations/" + migration + "/events")
                .header("Authorization", "Bearer " + who.access()).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(String.class).returnResult().getResponseBody();
        List<Event> events = new ArrayList<>();
        for (String block : text.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
            if (name != null) {
                try {
                    events.add(new Event(name, JSON.readTree(data.toString())));
                } catch (Exception e) {
                    throw new AssertionError("not JSON in " + block, e);
                }
            }
        }
        return events;
    }
}
