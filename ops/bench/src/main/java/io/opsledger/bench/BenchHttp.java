package io.opsledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Small JSON-over-HTTP helper for the benchmarks, built on {@link HttpClient} and Jackson.
 * One instance is shared by all worker threads (HttpClient pools keep-alive connections).
 */
public final class BenchHttp {

    /** One HTTP answer; {@code json} is {@code null} when the body is empty or not JSON. */
    public record Response(int status, String body, JsonNode json, HttpHeaders headers) {

        public boolean is2xx() {
            return status >= 200 && status < 300;
        }

        /** 2xx and, for DriftMgr envelopes, {@code "success": true}. */
        public boolean isSuccess() {
            return is2xx() && json != null && json.path("success").asBoolean(false);
        }

        /** The envelope's {@code data} object (a missing node if absent). */
        public JsonNode data() {
            return json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : json.path("data");
        }

        /** A short reason for a failed call, for error breakdowns: "HTTP 429", "success=false", ... */
        public String failureReason() {
            if (!is2xx()) {
                return "HTTP " + status;
            }
            if (json == null) {
                return "HTTP " + status + " non-JSON body";
            }
            return "HTTP " + status + " success=false";
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final URI base;
    private final Duration requestTimeout;

    public BenchHttp(String baseUrl, Duration connectTimeout, Duration requestTimeout) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = URI.create(b);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("base URL must look like http://host:port, got: " + baseUrl);
        }
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                // plain HTTP/1.1: avoids the h2c upgrade dance on every new connection
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public ObjectMapper mapper() {
        return MAPPER;
    }

    public String baseUrl() {
        return base.toString();
    }

    /** POSTs {@code body} (serialized with Jackson) as JSON; {@code bearer} may be null. */
    public Response postJson(String path, Object body, String bearer) throws IOException, InterruptedException {
        byte[] payload = MAPPER.writeValueAsBytes(body);
        HttpRequest.Builder rb = request(path, bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        return send(rb.build());
    }

    /** GETs {@code path}; {@code bearer} may be null. */
    public Response get(String path, String bearer) throws IOException, InterruptedException {
        return send(request(path, bearer).GET().build());
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (bearer != null) {
            rb.header("Authorization", "Bearer " + bearer);
        }
        return rb;
    }

    private Response send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
        return new Response(resp.statusCode(), resp.body(), parse(resp.body()), resp.headers());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
