package io.opsledger.web.driftmgr;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DriftMgrAuthTest extends AppTest {

    private static String unique() { return "dm" + UUID.randomUUID().toString().substring(0, 8); }

    @SuppressWarnings("unchecked")
    private Map<String, Object> login(String username, String password) {
        Map<String, Object> body = http().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (Map<String, Object>) body.get("data");
    }

    @Test
    void registerLoginAndReadTheProfile() {
        String name = unique();
        http().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "email", name + "@example.com", "password", "longenough1",
                        "first_name", "Dee", "last_name", "Em"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.data.username").isEqualTo(name)
                .jsonPath("$.data.is_active").isEqualTo(true)
                .jsonPath("$.data.id").value(id -> UUID.fromString((String) id))
                .jsonPath("$.data.password").doesNotExist()
                .jsonPath("$.error").isEmpty();

        Map<String, Object> tokens = login(name, "longenough1");
        assertThat(tokens).containsEntry("token_type", "Bearer").containsEntry("expires_in", 900);

        http().get().uri("/api/v1/auth/profile").header("Authorization", "Bearer " + tokens.get("access_token"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.username").isEqualTo(name)
                .jsonPath("$.data.first_name").isEqualTo("Dee")
                .jsonPath("$.data.is_admin").isEqualTo(false)
                .jsonPath("$.data.role").isEqualTo("viewer"); // anonymous sign-up: the lowest role
    }

    @Test
    void duplicatesAndBadInputGetTheEnvelopeWithCodes() {
        String name = unique();
        Map<String, String> body = Map.of("username", name, "email", name + "@example.com", "password", "longenough1");
        http().post().uri("/api/v1/auth/register").bodyValue(body).exchange().expectStatus().isCreated();
        http().post().uri("/api/v1/auth/register").bodyValue(body).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.error.code").isEqualTo("RESOURCE_ALREADY_EXISTS");
        http().post().uri("/api/v1/auth/register").bodyValue(Map.of("username", unique(), "email", "not-an-email", "password", "short"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.error.details.email[0]").isEqualTo("Enter a valid email address.")
                .jsonPath("$.error.details.password[0]").isEqualTo("Ensure this field has at least 8 characters.");
        http().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");
        http().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON).bodyValue("[1,2]")
                .exchange().expectStatus().isBadRequest();
        http().get().uri("/api/v1/auth/login").exchange().expectStatus().isEqualTo(405);
    }

    @Test
    void wrongPasswordIsInvalidCredentials() {
        TestUser u = user(Role.STANDARD);
        http().post().uri("/api/v1/auth/login").bodyValue(Map.of("username", u.username(), "password", "wrong-password"))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.code").isEqualTo("INVALID_CREDENTIALS");
        http().post().uri("/api/v1/auth/login").bodyValue(Map.of("username", "nobody-" + unique(), "password", "whatever1"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void refreshGivesAWorkingAccessTokenAndRejectsAnAccessToken() {
        TestUser u = user(Role.READONLY);
        Map<String, Object> tokens = login(u.username(), u.password());
        @SuppressWarnings("unchecked")
        Map<String, Object> refreshed = (Map<String, Object>) http().post().uri("/api/v1/auth/refresh")
                .bodyValue(Map.of("refresh_token", tokens.get("refresh_token"))).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("data");
        http().get().uri("/api/v1/auth/profile").header("Authorization", "Bearer " + refreshed.get("access_token"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.data.role").isEqualTo("viewer");
        http().post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refresh_token", tokens.get("access_token")))
                .exchange().expectStatus().isUnauthorized();
        http().post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refresh_token", "garbage"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void profileNeedsAValidCredential() {
        http().get().uri("/api/v1/auth/profile").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.code").isEqualTo("AUTHENTICATION_REQUIRED");
        http().get().uri("/api/v1/auth/profile").header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.bad")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void profileUpdateAndPasswordChange() {
        TestUser u = user(Role.STANDARD);
        http().put().uri("/api/v1/auth/profile").header("Authorization", "Token " + u.token())
                .bodyValue(Map.of("first_name", "Changed", "email", "changed@example.com"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.data.first_name").isEqualTo("Changed")
                .jsonPath("$.data.email").isEqualTo("changed@example.com");
        http().post().uri("/api/v1/auth/change-password").header("Authorization", "Token " + u.token())
                .bodyValue(Map.of("current_password", "not-mine-at-all", "new_password", "brand-new-pass"))
                .exchange().expectStatus().isBadRequest();
        http().post().uri("/api/v1/auth/change-password").header("Authorization", "Token " + u.token())
                .bodyValue(Map.of("current_password", u.password(), "new_password", "brand-new-pass"))
                .exchange().expectStatus().isOk();
        login(u.username(), "brand-new-pass");
        http().post().uri("/api/v1/auth/login").bodyValue(Map.of("username", u.username(), "password", u.password()))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void apiKeysAreShownOnceWorkEverywhereAndStopWhenRevoked() {
        TestUser u = user(Role.STANDARD);
        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) http().post().uri("/api/v1/auth/api-keys")
                .header("Authorization", "Token " + u.token()).bodyValue(Map.of("name", "ci"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("data");
        String key = (String) created.get("key");
        assertThat(key).startsWith("olk_");
        http().get().uri("/api/v1/auth/api-keys").header("X-API-Key", key).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data[0].name").isEqualTo("ci").jsonPath("$.data[0].key").doesNotExist();
        http().get().uri("/api/v1/auth/profile").header("X-API-Key", key).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.username").isEqualTo(u.username());
        http().delete().uri("/api/v1/auth/api-keys/" + created.get("id")).header("Authorization", "Token " + u.token())
                .exchange().expectStatus().isOk();
        http().get().uri("/api/v1/auth/profile").header("X-API-Key", key).exchange().expectStatus().isUnauthorized();
        http().delete().uri("/api/v1/auth/api-keys/" + UUID.randomUUID()).header("Authorization", "Token " + u.token())
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.error.code").isEqualTo("RESOURCE_NOT_FOUND");
    }

    @Test
    void healthAndVersion() {
        http().get().uri("/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.data.status").isEqualTo("healthy");
        http().get().uri("/api/v1/health/").exchange().expectStatus().isOk();
        http().get().uri("/api/v1/version").exchange().expectStatus().isOk().expectBody().jsonPath("$.data.version").isNotEmpty();
    }
}
