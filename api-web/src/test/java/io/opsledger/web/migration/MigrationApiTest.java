package io.opsledger.web.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.testing.AppTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP tests of api_migration's resources, sent as its clients do: a Bearer JWT from
 * /api/v1/token/ and bodies as JSON, urlencoded forms or multipart forms (Django's test client's
 * default), a list being a repeated form field.
 */
abstract class MigrationApiTest extends AppTest {

    enum Body { JSON, FORM, MULTIPART }

    static final ObjectMapper JSON = new ObjectMapper();

    /** A user who signed up through /api/v1/auth/ and holds an access token. */
    record Caller(String username, String access) {}

    protected Caller signUp() {
        String name = "mig" + UUID.randomUUID().toString().substring(0, 8);
        http().post().uri("/api/v1/auth/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "longenough1"))
                .exchange().expectStatus().isCreated();
        JsonNode pair = read(http().post().uri("/api/v1/token/")
                .body(BodyInserters.fromFormData("username", name).with("password", "longenough1"))
                .exchange().expectStatus().isOk());
        return new Caller(name, pair.path("access").asText());
    }

    /** {@code who} null: no token; {@code body} null: no body. A list value is a JSON list or a repeated form field. */
    protected WebTestClient.ResponseSpec send(String method, String uri, Caller who, Body kind, Map<String, ?> body) {
        WebTestClient.RequestBodySpec spec = http().method(HttpMethod.valueOf(method)).uri(uri);
        if (who != null) {
            spec = spec.header("Authorization", "Bearer " + who.access());
        }
        if (body == null) {
            return spec.exchange();
        }
        return switch (kind) {
            case JSON -> spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
            case FORM -> {
                MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
                body.forEach((k, v) -> values(v).forEach(value -> form.add(k, value)));
                yield spec.body(BodyInserters.fromFormData(form)).exchange();
            }
            case MULTIPART -> {
                MultipartBodyBuilder parts = new MultipartBodyBuilder();
                body.forEach((k, v) -> values(v).forEach(value -> parts.part(k, value)));
                yield spec.body(BodyInserters.fromMultipartData(parts.build())).exchange();
            }
        };
    }

    protected WebTestClient.ResponseSpec send(String method, String uri, Caller who) {
        return send(method, uri, who, Body.JSON, null);
    }

    private static List<String> values(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(value == null ? "" : String.valueOf(value));
    }

    /** The answer's body as JSON. */
    protected static JsonNode read(WebTestClient.ResponseSpec response) {
        String body = response.expectBody(String.class).returnResult().getResponseBody();
        try {
            return body == null ? JSON.nullNode() : JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    protected static JsonNode expect(WebTestClient.ResponseSpec response, int status) {
        return read(response.expectStatus().isEqualTo(status));
    }

    /** {@code value} as the answers' JSON reads (so 5 is the same number whether int or long). */
    protected static JsonNode tree(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    protected static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    protected static String ip() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- objects, made through the API

    protected long credential(Caller who, String domain) {
        return expect(send("POST", "/api/v1/credentials/", who, Body.JSON,
                body("username", "admin", "password", "s3cret-pw", "domain", domain)), 201).path("id").asLong();
    }

    protected long mountPoint(Caller who, String name, long size) {
        return expect(send("POST", "/api/v1/mount_points/", who, Body.JSON,
                body("mount_point_name", name, "total_size_of_the_volume", size)), 201).path("id").asLong();
    }

    protected long workLoad(Caller who, String ip, long credentials, List<Long> storage) {
        return expect(send("POST", "/api/v1/work_loads/", who, Body.JSON,
                body("ip", ip, "credentials", credentials, "storage", storage)), 201).path("id").asLong();
    }

    protected long target(Caller who, long credentials) {
        return expect(send("POST", "/api/v1/migration_targets/", who, Body.JSON,
                body("cloud_credentials", credentials)), 201).path("id").asLong();
    }

    protected long migration(Caller who, List<Long> mountPoints, long source, long target) {
        JsonNode created = expect(send("POST", "/api/v1/migrations/", who, Body.JSON,
                body("selected_mount_points", mountPoints, "source_of_type", source, "migration_target", target)), 201);
        assertThat(created.path("migration_state").asText()).isEqualTo("not_started");
        return created.path("id").asLong();
    }

    protected static List<String> names(JsonNode mountPoints) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        mountPoints.forEach(m -> out.add(m.path("mount_point_name").asText()));
        return out;
    }
}
