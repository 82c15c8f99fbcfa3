package io.opsledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.identity.api.Role;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input is a 4xx in the calling contract's own error shape, never a 500: JSON nested too deep,
 * malformed forms and multipart bodies, names too long, oversized file parts; a write's fields come
 * from its body, not the query string.
 */
class BadInputTest extends AppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body, String text) {}

    private Answer send(HttpMethod method, String path, String token, MediaType type, Object body) {
        WebTestClient.RequestBodySpec spec = http().method(method).uri(path);
        if (token != null) {
            spec = spec.header("Authorization", "Token " + token);
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? spec
                : body instanceof MultipartBodyBuilder multipart ? spec.body(BodyInserters.fromMultipartData(multipart.build()))
                : spec.contentType(type).bodyValue(body);
        EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
        byte[] bytes = result.getResponseBody();
        String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        try {
            return new Answer(result.getStatus().value(), text.isBlank() ? JSON.missingNode() : JSON.readTree(text), text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private Answer postJson(String path, String token, String json) {
        return send(HttpMethod.POST, path, token, MediaType.APPLICATION_JSON, json);
    }

    /** {"a": {"a": ... 1}} with {@code levels} objects. */
    private static String nested(int levels) {
        return "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
    }

    private static void drfError(Answer a, int status) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("detail").isTextual()).as(a.text()).isTrue();
    }

    private static void envelopeError(Answer a, int status) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("success").asBoolean(true)).as(a.text()).isFalse();
        assertThat(a.body().path("error").path("code").asText()).as(a.text()).isNotBlank();
    }

    private static void bitblastError(Answer a, int status) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("error").isTextual()).as(a.text()).isTrue();
    }

    // ---- JSON nesting

    @Test
    void jsonNestedDeeperThanTheLimitIsA400InEveryContractsShape() {
        String admin = superadmin().token();
        String poison = "{\"name\":\"p\",\"asset_type\":\"SAAS\",\"metadata\":" + nested(600) + "}";
        Answer asset = postJson("/api/assets/", admin, poison);
        drfError(asset, 400);
        assertThat(asset.body().path("detail").asText()).contains("nested deeper than 32 levels");

        envelopeError(postJson("/api/v1/auth/login", null, "{\"username\":" + nested(600) + "}"), 400);
        bitblastError(postJson("/api/v1/d-login", null, "{\"username\":" + nested(600) + "}"), 400);
        drfError(postJson("/api/v1/token/", null, "{\"username\":" + nested(600) + "}"), 400);
        drfError(postJson("/token-auth/", null, "{\"username\":" + nested(600) + "}"), 400);

        // the limit itself: the body is level 1, so metadata may hold 31 levels, not 32
        drfError(postJson("/api/assets/", admin, "{\"name\":\"deep\",\"asset_type\":\"SAAS\",\"metadata\":" + nested(32) + "}"), 400);
        Answer atLimit = postJson("/api/assets/", admin, "{\"name\":\"deep\",\"asset_type\":\"SAAS\",\"metadata\":" + nested(31) + "}");
        assertThat(atLimit.status()).as(atLimit.text()).isEqualTo(201);
        Answer read = send(HttpMethod.GET, "/api/assets/" + atLimit.body().path("id").asText() + "/", admin, null, null);
        JsonNode metadata = read.body().path("metadata");
        for (int level = 0; level < 30; level++) {
            metadata = metadata.path("a");
        }
        assertThat(metadata.path("a").asInt()).as(read.text()).isEqualTo(1);
    }

    // ---- malformed forms

    @Test
    void malformedUrlencodedBodiesAreA400OnEveryWriteIncludingAnonymousLogins() {
        MediaType form = MediaType.APPLICATION_FORM_URLENCODED;
        String bad = "a=%%%&&=&b";
        drfError(send(HttpMethod.POST, "/api/auth/login/", null, form, bad), 400);
        envelopeError(send(HttpMethod.POST, "/api/v1/auth/login", null, form, bad), 400);
        bitblastError(send(HttpMethod.POST, "/api/v1/d-login/", null, form, bad), 400);
        drfError(send(HttpMethod.POST, "/api/v1/token/", null, form, bad), 400);
        drfError(send(HttpMethod.POST, "/token-auth/", null, form, bad), 400);
        drfError(send(HttpMethod.POST, "/api/categories/", superadmin().token(), form, bad), 400);
        envelopeError(send(HttpMethod.PUT, "/api/v1/auth/profile", superadmin().token(), form, bad), 400);
    }

    @Test
    void brokenMultipartBodiesAreA400() {
        MediaType multipart = MediaType.parseMediaType("multipart/form-data; boundary=XYZ");
        String truncated = "--XYZ\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice";
        String noBoundary = "this is not multipart at all";
        for (String body : new String[]{truncated, noBoundary}) {
            drfError(send(HttpMethod.POST, "/api/auth/login/", null, multipart, body), 400);
            envelopeError(send(HttpMethod.POST, "/api/v1/auth/login", null, multipart, body), 400);
            bitblastError(send(HttpMethod.POST, "/api/v1/d-login/", null, multipart, body), 400);
            drfError(send(HttpMethod.POST, "/api/categories/", superadmin().token(), multipart, body), 400);
        }
    }

    @Test
    void aWellFormedMultipartLoginStillWorks() {
        TestUser user = user(Role.STANDARD);
        MultipartBodyBuilder login = new MultipartBodyBuilder();
        login.part("username", user.username());
        login.part("password", user.password());
        Answer answer = send(HttpMethod.POST, "/api/v1/auth/login", null, null, login);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().path("data").path("access_token").asText()).isNotBlank();
    }

    // ---- multipart file parts

    @Test
    void aFilePartLargerThanABodyMayBeIsA413() {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("name", "with-a-file-" + UUID.randomUUID());
        body.part("file", new ByteArrayResource(new byte[5 * 1024 * 1024]) {
            @Override
            public String getFilename() { return "big.bin"; }
        });
        Answer answer = send(HttpMethod.POST, "/api/categories/", superadmin().token(), null, body);
        drfError(answer, 413);
    }

    /**
     * The server refuses the caller while the body is still arriving: it never waits for (or stores) an
     * anonymous caller's upload on an endpoint that needs a login.
     */
    @Test
    void anAnonymousMultipartUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /api/categories/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: 50000000\r\n\r\n"
                    + "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]); // and the remaining ~50 MB never come
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int read = in.read(buffer); // times out (a failure) if the server waits for the body
            String response = new String(buffer, 0, Math.max(read, 0), StandardCharsets.ISO_8859_1);
            // the asset inventory answers an anonymous caller as DRF's session authentication does: 403
            assertThat(response).startsWith("HTTP/1.1 403");
            assertThat(response).contains("Authentication credentials were not provided.");
        }
    }

    // ---- long names

    @Test
    void namesLongerThanTheFieldsLimitAreA400WithTheFieldsError() {
        String long600 = "n".repeat(600);
        String admin = superadmin().token();
        Answer category = postJson("/api/categories/", admin, "{\"name\":\"" + long600 + "\"}");
        assertThat(category.status()).as(category.text()).isEqualTo(400);
        assertThat(category.body().path("name").get(0).asText()).isEqualTo("Ensure this field has no more than 100 characters.");

        Answer profile = send(HttpMethod.PUT, "/api/v1/auth/profile", user(Role.STANDARD).token(), MediaType.APPLICATION_JSON,
                "{\"username\":\"" + long600 + "\"}");
        envelopeError(profile, 400);
        assertThat(profile.body().path("error").path("details").path("username").get(0).asText())
                .isEqualTo("Ensure this field has no more than 150 characters.");

        Answer driftRegister = postJson("/api/v1/auth/register", null, "{\"username\":\"" + long600
                + "\",\"email\":\"long@example.com\",\"password\":\"long-enough-1\",\"first_name\":\"" + "f".repeat(151) + "\"}");
        envelopeError(driftRegister, 400);
        assertThat(driftRegister.body().path("error").path("details").path("username").get(0).asText())
                .isEqualTo("Ensure this field has no more than 150 characters.");
        assertThat(driftRegister.body().path("error").path("details").path("first_name").get(0).asText())
                .isEqualTo("Ensure this field has no more than 150 characters.");

        Answer bitblastRegister = postJson("/api/v1/register/", admin, "{\"username\":\"" + long600
                + "\",\"password\":\"long-enough-1\",\"email\":\"" + "e".repeat(250) + "@example.com\"}");
        assertThat(bitblastRegister.status()).as(bitblastRegister.text()).isEqualTo(400);
        assertThat(bitblastRegister.body().path("username")).hasSize(1);
        assertThat(bitblastRegister.body().path("email").get(0).asText())
                .isEqualTo("Ensure this field has no more than 254 characters.");

        Answer migrationRegister = postJson("/api/v1/auth/", null, "{\"username\":\"" + long600 + "\",\"password\":\"long-enough-1\"}");
        assertThat(migrationRegister.status()).as(migrationRegister.text()).isEqualTo(400);
        assertThat(migrationRegister.body().path("username").get(0).asText())
                .isEqualTo("Ensure this field has no more than 150 characters.");
    }

    @Autowired
    UniqueClaims claims;

    @Test
    void aValueOfAnyLengthCanBeClaimedOnce() {
        String scope = "test.long-" + UUID.randomUUID();
        String value = "v".repeat(5000);
        String almost = "v".repeat(4999) + "w";
        assertThat(claims.claim(scope, value, "owner-1")).isTrue();
        assertThat(claims.claim(scope, value, "owner-2")).as("the same long value is taken").isFalse();
        assertThat(claims.claim(scope, almost, "owner-2")).as("a different long value is free").isTrue();
        assertThat(claims.holder(scope, value)).isEqualTo("owner-1");
        claims.release(scope, value, "owner-1");
        assertThat(claims.claim(scope, value, "owner-2")).isTrue();
    }

    // ---- the query string

    @Test
    void aWritesFieldsComeFromItsBodyNotTheQueryString() {
        String admin = superadmin().token();
        String name = "from-query-" + UUID.randomUUID();
        Answer create = postJson("/api/categories/?name=" + name, admin, "{}");
        assertThat(create.status()).as(create.text()).isEqualTo(400);
        assertThat(create.body().path("name").get(0).asText()).isEqualTo("This field is required.");

        TestUser user = user(Role.STANDARD);
        Answer login = postJson("/api/v1/auth/login?username=" + user.username() + "&password=" + user.password(), null, "{}");
        envelopeError(login, 400);

        // the body's own fields still count, and GET filters still read the query string
        Answer created = postJson("/api/categories/?name=ignored-" + UUID.randomUUID(), admin, "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().path("name").asText()).isEqualTo(name);
        Answer listed = send(HttpMethod.GET, "/api/categories/?search=" + name, admin, null, null);
        assertThat(listed.body().path("count").asInt()).as(listed.text()).isEqualTo(1);
    }
}
