package io.opsledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.platform.BlockingWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a request's fields come from: a write's from its body only, unless the endpoint opts in to
 * the query string (BitBlast's Barman and mount endpoints, which show them there); reads from the
 * query string.
 */
class WebFieldsTest {

    private final BlockingWork work = new BlockingWork();
    private final Web web = new Web(new ObjectMapper(), work, DataSize.ofMegabytes(4));

    @AfterEach
    void close() {
        work.close();
    }

    private static MockServerWebExchange post(String uri, String json) {
        return MockServerWebExchange.from(MockServerHttpRequest.post(uri).contentType(MediaType.APPLICATION_JSON).body(json));
    }

    @Test
    void aWriteReadsItsBodyOnly() {
        Fields f = web.fields(post("/api/v1/barman/schedule?server=pg1&hour=3", "{\"hour\":\"4\"}"), false).block();
        assertThat(f.has("server")).isFalse();
        assertThat(f.text("hour")).isEqualTo("4");
    }

    @Test
    void anEndpointThatOptsInReadsTheQueryStringWithTheBodyOverIt() {
        Fields f = web.fields(post("/api/v1/barman/schedule?server=pg1&hour=3", "{\"hour\":\"4\"}"), true).block();
        assertThat(f.text("server")).isEqualTo("pg1");
        assertThat(f.text("hour")).isEqualTo("4");
        Fields form = web.fields(MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/barman/backup?server=pg1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("storage_method=s3")), true).block();
        assertThat(form.text("server")).isEqualTo("pg1");
        assertThat(form.text("storage_method")).isEqualTo("s3");
    }

    @Test
    void readsAndDeletesReadTheQueryString() {
        assertThat(web.fields(MockServerWebExchange.from(MockServerHttpRequest.get("/api/assets/?search=db")), false).block()
                .text("search")).isEqualTo("db");
        assertThat(web.fields(MockServerWebExchange.from(MockServerHttpRequest.delete("/api/v1/state/resources/x?state_id=s1")), false)
                .block().text("state_id")).isEqualTo("s1");
    }
}
