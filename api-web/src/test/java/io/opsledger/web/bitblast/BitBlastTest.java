package io.opsledger.web.bitblast;

import io.opsledger.testing.AppTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

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
}
