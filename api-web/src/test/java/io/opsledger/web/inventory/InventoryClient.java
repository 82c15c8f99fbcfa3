package io.opsledger.web.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A browser-like test client: keeps cookies, sends X-CSRFToken when asked, or a DRF token. */
class InventoryClient {

    record Response(int status, JsonNode json, String text, MultiValueMap<String, ResponseCookie> cookies) {
        JsonNode at(String pointer) { return json.at(pointer); }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebTestClient http;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String token;
    boolean sendCsrf = true;

    InventoryClient(WebTestClient http) {
        this.http = http;
    }

    static InventoryClient withToken(WebTestClient http, String token) {
        InventoryClient client = new InventoryClient(http);
        client.token = token;
        return client;
    }

    Map<String, String> cookies() { return cookies; }

    Response get(String path) { return send(HttpMethod.GET, path, null); }
    Response post(String path, Object body) { return send(HttpMethod.POST, path, body); }
    Response put(String path, Object body) { return send(HttpMethod.PUT, path, body); }
    Response patch(String path, Object body) { return send(HttpMethod.PATCH, path, body); }
    Response delete(String path) { return send(HttpMethod.DELETE, path, null); }

    Response send(HttpMethod method, String path, Object body) {
        WebTestClient.RequestBodySpec spec = http.method(method).uri(path);
        if (!cookies.isEmpty()) {
            spec = spec.cookies(c -> cookies.forEach(c::add));
        }
        if (sendCsrf && cookies.containsKey("csrftoken")) {
            spec = spec.header("X-CSRFToken", cookies.get("csrftoken"));
        }
        if (token != null) {
            spec = spec.header("Authorization", "Token " + token);
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? spec
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
        result.getResponseCookies().forEach((name, values) -> values.forEach(c -> {
            if (c.getMaxAge().isZero() || c.getValue().isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, c.getValue());
            }
        }));
        byte[] bytes = result.getResponseBody();
        String text = bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        try {
            JsonNode json = text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
            return new Response(result.getStatus().value(), json, text, result.getResponseCookies());
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }
}
