package io.opsledger.web.bitblast;

import io.opsledger.testing.AppTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** HTTP tests of BitBlast's endpoints, sent as its frontend does: JSON with a DRF token. */
abstract class BitBlastTest extends AppTest {

    /** {@code user} null: without a token; {@code body} null: without a body. */
    protected WebTestClient.ResponseSpec send(String method, String uri, TestUser user, Object body) {
        var spec = http().method(HttpMethod.valueOf(method)).uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            spec = spec.header("Authorization", "Token " + user.token());
        }
        return (body == null ? spec : spec.bodyValue(body)).exchange();
    }

    /** {@code body} with {@code key} set to {@code value}. */
    protected static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(key, value);
        return changed;
    }

    /** Polls every 200 ms, for at most {@code wait}, until the value satisfies the condition (work runs in the background). */
    protected static <T> T await(Duration wait, Supplier<T> value, Predicate<T> condition) {
        long until = System.nanoTime() + wait.toNanos();
        T last = null;
        while (System.nanoTime() < until) {
            last = value.get();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("still not there after " + wait + ": " + last);
    }
}
