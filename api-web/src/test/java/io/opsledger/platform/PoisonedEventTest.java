package io.opsledger.platform;

import io.opsledger.common.Commands;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.audit.AuditProjection;
import io.opsledger.inventory.AssetProjection;
import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.AssetMessages.AssetCreated;
import io.opsledger.inventory.api.AssetMessages.CreateAsset;
import io.opsledger.testing.Http;
import io.opsledger.testing.InProcessApp;
import io.opsledger.web.RequestContext;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One event whose read-model document the projections store cannot hold (an asset's metadata
 * nested 600 levels deep, sent past the edge's limit straight as a command) goes to the dead-letter
 * queues of the projections that failed on it, is logged, and stops nothing: logins, lists, other
 * assets and their audit trail keep working, across a restart and a rebuild of the projections.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoisonedEventTest {

    private static final String PASSWORD = "poison-proof-password";

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        return InProcessApp.start(data, PASSWORD);
    }

    private static Map<String, Object> nested(int levels) {
        Map<String, Object> map = Map.of("a", 1);
        for (int i = 1; i < levels; i++) {
            map = Map.of("a", map);
        }
        return map;
    }

    private static AssetDetails poisoned() {
        AssetDetails d = AssetDetails.named("poisoned");
        return new AssetDetails(d.name(), "SAAS", d.awsServiceType(), d.awsAccount(), d.awsRegion(), d.awsResourceId(),
                d.awsResourceArn(), d.status(), d.criticality(), d.owner(), d.department(), d.dataClassification(), d.category(),
                nested(600), d.ipAddresses(), d.dnsNames(), d.tags(), d.description(), d.vendor(), d.url(), d.version(),
                false, false, false, false, "", true, null, null);
    }

    /** Logs in as the superadmin (until the read models answer, after a rebuild) and returns "Bearer ...". */
    private static String login(Http http) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Http.Answer answer;
        do {
            answer = http.post("/api/v1/auth/login", Map.of("username", "root", "password", PASSWORD), null);
            if (answer.status() == 200) {
                return "Bearer " + answer.body().path("data").path("access_token").asText();
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no login: " + answer.status() + " " + answer.body());
    }

    /** The names of the listed assets, once the list shows {@code expected} of them (a rebuild takes a moment). */
    private static List<String> assetNames(Http http, String auth, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> names;
        do {
            Http.Answer list = http.get("/api/assets/?page_size=100", auth);
            assertThat(list.status()).as("%s", list.body()).isEqualTo(200);
            names = list.body().path("results").findValuesAsText("name");
            if (names.size() >= expected) {
                return names;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return names;
    }

    private static DeadLetter<? extends EventMessage<?>> deadLetterOf(ConfigurableApplicationContext app, String group, String assetId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = app.getBean(EventProcessingConfiguration.class)
                .deadLetterQueue(group).orElseThrow();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter.message().getPayload() instanceof AssetCreated created && created.id().equals(assetId)) {
                    return letter;
                }
            }
        }
        throw new AssertionError("no dead letter for asset " + assetId + " in " + group);
    }

    @Test
    void aPoisonedEventIsDeadLetteredAndEverythingElseKeepsWorking(CapturedOutput output) throws Exception {
        String poisonId = UUID.randomUUID().toString();
        String healthyId;
        try (ConfigurableApplicationContext app = start()) {
            Http http = InProcessApp.http(app);
            String root = login(http);
            app.getBean(Commands.class).send(new CreateAsset(poisonId, "ASSET-9000", poisoned()), RequestContext.system("poison"));

            // the failure is visible: each failing projection's dead-letter queue holds the event, and the log names it
            for (String group : List.of(AuditProjection.GROUP, AssetProjection.GROUP)) {
                DeadLetter<? extends EventMessage<?>> letter = deadLetterOf(app, group, poisonId);
                assertThat(letter.cause()).isPresent();
                assertThat(output.getOut()).contains("processing group " + group + " failed on event "
                        + letter.message().getIdentifier() + " (" + AssetCreated.class.getName());
            }

            // and nothing else stopped: logins, lists, writes of other aggregates, their audit trail
            root = login(http);
            Http.Answer created = http.post("/api/assets/", Map.of("name", "healthy", "asset_type", "SAAS"), root);
            assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
            healthyId = created.body().path("id").asText();
            assertThat(assetNames(http, root, 1)).containsExactly("healthy");
            assertThat(http.get("/api/assets/" + poisonId + "/", root).status()).isEqualTo(404);
            JsonNode audit = http.get("/api/v1/audit/events?aggregate_id=" + healthyId, root).body();
            assertThat(audit.path("data").path("count").asInt()).as("%s", audit).isEqualTo(1);
            Http.Answer user = http.post("/api/v1/auth/register", Map.of("username", "after-poison",
                    "email", "after@example.com", "password", "after-poison-1"), null);
            assertThat(user.status()).as("%s", user.body()).isEqualTo(201);
        }

        try (ConfigurableApplicationContext app = start()) {
            Http http = InProcessApp.http(app);
            String root = login(http);
            assertThat(assetNames(http, root, 1)).containsExactly("healthy");
        }

        Files.delete(data.resolve("projections.mv")); // every read model is rebuilt, the poisoned event replayed
        try (ConfigurableApplicationContext app = start()) {
            Http http = InProcessApp.http(app);
            String root = login(http);
            assertThat(assetNames(http, root, 1)).containsExactly("healthy");
            String auth = root;
            String healthy = healthyId;
            assertThat(eventually(() -> http.post("/api/v1/auth/login", Map.of("username", "after-poison",
                    "password", "after-poison-1"), null).status() == 200)).as("the later user logs in").isTrue();
            assertThat(eventually(() -> http.get("/api/v1/audit/events?aggregate_id=" + healthy, auth).body()
                    .path("data").path("count").asInt() == 1)).as("the audit trail is rebuilt").isTrue();
            // the rebuild parked the poisoned event again, once: the old dead letters went with the old read models
            for (String group : List.of(AuditProjection.GROUP, AssetProjection.GROUP)) {
                deadLetterOf(app, group, poisonId);
                assertThat(app.getBean(EventProcessingConfiguration.class).deadLetterQueue(group).orElseThrow().size())
                        .as(group).isEqualTo(1);
            }
        }
    }

    private static boolean eventually(java.util.concurrent.Callable<Boolean> check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.call()) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }
}
