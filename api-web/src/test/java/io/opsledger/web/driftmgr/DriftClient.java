package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;

/** DriftMgr calls in tests: a status and the parsed envelope. */
record DriftClient(WebTestClient http, String authorization) {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, JsonNode body) {
        JsonNode at(String pointer) { return body.at(pointer); }
        String text(String pointer) { return body.at(pointer).asText(); }
        String code() { return body.at("/error/code").asText(); }
        @Override public String toString() { return status + " " + body; }
    }

    static DriftClient token(WebTestClient http, String token) { return new DriftClient(http, token == null ? null : "Token " + token); }

    Response get(String uri) { return call(HttpMethod.GET, uri, null); }
    Response post(String uri, Object body) { return call(HttpMethod.POST, uri, body); }
    Response delete(String uri) { return call(HttpMethod.DELETE, uri, null); }

    Response call(HttpMethod method, String uri, Object body) {
        WebTestClient.RequestBodySpec spec = http.method(method).uri(uri);
        if (authorization != null) {
            spec.header("Authorization", authorization);
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
        byte[] bytes = result.getResponseBody();
        try {
            JsonNode parsed = bytes == null || bytes.length == 0 ? JSON.nullNode() : JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            return new Response(result.getStatus().value(), parsed);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }
}
