package io.opsledger.platform;

import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many writers at once, each reading its own write straight back: every create must answer with
 * the new asset from the read model, and every immediate GET must find it.
 */
class ReadYourWritesTest extends AppTest {

    @Test
    void concurrentWritersAllReadTheirOwnWrites() throws Exception {
        String token = superadmin().token();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(16);
        for (int w = 0; w < 16; w++) {
            int writer = w;
            writers.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    var created = http().post().uri("/api/assets/").header("Authorization", "Token " + token)
                            .bodyValue(Map.of("name", "ryw-" + writer + "-" + i)).exchange()
                            .expectBody(Map.class).returnResult();
                    if (created.getStatus().value() != 201) {
                        problems.add("create answered " + created.getStatus() + ": " + created.getResponseBody());
                        continue;
                    }
                    String id = (String) created.getResponseBody().get("id");
                    int read = http().get().uri("/api/assets/" + id + "/").header("Authorization", "Token " + token)
                            .exchange().returnResult(String.class).getStatus().value();
                    if (read != 200) {
                        problems.add("read of " + id + " answered " + read);
                    }
                }
            });
        }
        writers.shutdown();
        assertThat(writers.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        assertThat(List.copyOf(problems)).isEmpty();
    }
}
