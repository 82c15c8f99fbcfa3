package io.opsledger.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.AssetMessages.CreateAsset;
import io.opsledger.testing.Http;
import io.opsledger.testing.InProcessApp;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the projections file is lost, every read model is rebuilt from the event store. Until they
 * are all back the node is not healthy ("rebuilding", 503: a load balancer sends no reads that
 * would show a past state), and the log says how far the rebuild is and how fast it goes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProjectionRebuildTest {

    private static final String PASSWORD = "rebuild-watch-password";
    private static final int ASSETS = 2_000;

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        return InProcessApp.start(data, PASSWORD);
    }

    @Test
    void theNodeSaysRebuildingUntilEveryReadModelIsBackAndLogsItsProgress(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            // events straight into the store (no HTTP, no waiting for the read models): only their number matters here
            CommandGateway commands = app.getBean(CommandGateway.class);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Object>> sent = new ArrayList<>();
            for (int i = 0; i < ASSETS; i++) {
                String number = String.format("ASSET-%05d", i + 1);
                sent.add(pool.submit(() -> commands.sendAndWait(new CreateAsset(UUID.randomUUID().toString(), number,
                        AssetDetails.named("rebuilt " + number)))));
            }
            for (Future<Object> one : sent) {
                one.get();
            }
            pool.shutdown();
            app.getBean(ProjectionBarrier.class).awaitProjections();
            Http http = InProcessApp.http(app);
            assertThat(assetCount(http, login(http))).isEqualTo(ASSETS);
        }

        Files.delete(data.resolve("projections.mv"));
        try (ConfigurableApplicationContext app = start()) {
            Http http = InProcessApp.http(app);
            List<String> said = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (true) {
                Http.Answer health = http.get("/health", null);
                String status = health.body().path("data").path("status").asText();
                if (said.isEmpty() || !said.get(said.size() - 1).equals(status)) {
                    said.add(status);
                }
                if (health.status() == 200) {
                    assertThat(status).isEqualTo("healthy");
                    break;
                }
                assertThat(health.status()).as("%s", health.body()).isEqualTo(503);
                assertThat(status).isEqualTo("rebuilding");
                assertThat(System.nanoTime()).as("healthy within 120 s; said %s", said).isLessThan(deadline);
                Thread.sleep(100);
            }
            // healthy means caught up: the first read after it sees every asset
            assertThat(assetCount(http, login(http))).isEqualTo(ASSETS);
            assertThat(said).as("the rebuild of %s events outlasts the start", ASSETS).containsExactly("rebuilding", "healthy");
            long logged = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!output.getOut().contains("projections caught up") && System.nanoTime() < logged) {
                Thread.sleep(50);
            }
            assertThat(output.getOut()).containsPattern("projections rebuilding: \\d+% \\(\\d+ of \\d+ events\\), \\d+ events/s, behind: .*projection\\.audit")
                    .contains("projections caught up with the event store");
        }
    }

    private static String login(Http http) throws Exception {
        Http.Answer answer = http.post("/api/v1/auth/login", Map.of("username", "root", "password", PASSWORD), null);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return "Bearer " + answer.body().path("data").path("access_token").asText();
    }

    private static int assetCount(Http http, String auth) throws Exception {
        Http.Answer list = http.get("/api/assets/?page_size=1", auth);
        assertThat(list.status()).as("%s", list.body()).isEqualTo(200);
        JsonNode count = list.body().path("count");
        return count.asInt(-1);
    }
}
