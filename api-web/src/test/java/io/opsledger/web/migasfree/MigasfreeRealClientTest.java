package io.opsledger.web.migasfree;

import io.opsledger.devices.Fleet;
import io.opsledger.devices.api.DevicesQueries.ComputerView;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.MigasfreeClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judge of issue 15: the real migasfree client 5, unmodified (shared/peers/migasfree-client,
 * run by {@link MigasfreeClient} in a private mount namespace), registers with a user's
 * credentials and syncs against this server; every step it takes is an event of its computer; a
 * second sync is the same computer.
 */
class MigasfreeRealClientTest extends AppTest {

    @Autowired
    Fleet fleet;

    private MigasfreeClient client;

    @AfterEach
    void cleanUp() {
        if (client != null) {
            client.delete();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRealClientRegistersAndSyncsTwiceAsOneComputer() {
        TestUser operator = user(Role.STANDARD);
        TestUser admin = superadmin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String project = "fleet-" + suffix;
        String name = "pc-" + suffix;
        client = new MigasfreeClient("127.0.0.1:" + port, project, name);

        MigasfreeClient.Run register = client.run(Duration.ofMinutes(3), List.of(
                new MigasfreeClient.Reply("[Y/n]", "y"),
                new MigasfreeClient.Reply("User to register computer at server", operator.username()),
                new MigasfreeClient.Reply("Password", operator.password())), "register");
        assertThat(register.exitCode()).as(register.output() + client.log()).isZero();
        assertThat(register.output()).contains("Computer registered at server");
        ComputerView registered = fleet.find(null, name);
        assertThat(registered).isNotNull();
        assertThat(registered.projectId()).isEqualTo(fleet.project(project).id());

        MigasfreeClient.Run sync = client.run(Duration.ofMinutes(5), List.of(), "sync");
        assertThat(sync.exitCode()).as(sync.output() + client.log()).isZero();
        assertThat(sync.output()).contains("Completed operations").doesNotContain("Failed");

        ComputerView synced = fleet.find(registered.uuid(), name);
        assertThat(synced.number()).isEqualTo(registered.number());
        assertThat(synced.attributes()).containsEntry("SET", "ALL SYSTEMS").containsEntry("CID", String.valueOf(registered.number()))
                .containsEntry("PLT", "Linux").containsKeys("IP", "NET", "HST", "USR");
        assertThat(synced.softwareCount()).isGreaterThan(10);
        assertThat(synced.hardwareCapturedAt()).isNotNull();
        assertThat(synced.lastSyncAt()).isNotNull();

        List<String> events = eventTypes(registered.id(), admin.token());
        assertThat(events).startsWith("ComputerRegistered")
                .contains("AttributesReported", "SoftwareInventoryReported", "HardwareCaptured", "SynchronizationCompleted");

        // a second sync: the same computer (200, same id), nothing new to say but its end; no new hardware capture is due
        MigasfreeClient.Run again = client.run(Duration.ofMinutes(5), List.of(), "sync");
        assertThat(again.exitCode()).as(again.output() + client.log()).isZero();
        assertThat(fleet.find(registered.uuid(), name).number()).isEqualTo(registered.number());
        List<String> after = eventTypes(registered.id(), admin.token());
        assertThat(after.stream().filter("SynchronizationCompleted"::equals).count()).isEqualTo(2);
        assertThat(after.stream().filter("ComputerRegistered"::equals).count()).isEqualTo(1);
        assertThat(after.stream().filter("HardwareCaptured"::equals).count()).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private List<String> eventTypes(String aggregateId, String token) {
        Map<String, Object> body = http().get().uri("/api/v1/audit/aggregates/" + aggregateId + "/history")
                .header("Authorization", "Token " + token).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        List<Map<String, Object>> events = (List<Map<String, Object>>) ((Map<String, Object>) body.get("data")).get("events");
        return events.stream().map(e -> (String) e.get("eventType")).toList();
    }
}
