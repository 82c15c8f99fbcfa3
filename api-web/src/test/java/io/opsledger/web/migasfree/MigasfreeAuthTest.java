package io.opsledger.web.migasfree;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MigasfreeAuthTest extends AppTest {

    private static final String BAD_LOGIN = "{\"non_field_errors\":[\"Unable to log in with provided credentials.\"]}";

    private String tokenAuth(String username, String password) {
        return (String) http().post().uri("/token-auth/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("token");
    }

    @Test
    void tokenAuthGivesADrfTokenUsableEverywhere() {
        TestUser u = user(Role.STANDARD);
        String token = tokenAuth(u.username(), u.password());
        assertThat(token).matches("[0-9a-f]{40}");
        http().get().uri("/api/v1/auth/profile").header("Authorization", "Token " + token)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.data.username").isEqualTo(u.username());

        http().post().uri("/token-auth").body(BodyInserters.fromFormData("username", u.username()).with("password", u.password()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.token").value(t -> assertThat((String) t).matches("[0-9a-f]{40}"));
    }

    @Test
    void tokenAuthFailuresAreDrfStyle() {
        TestUser u = user(Role.STANDARD);
        http().post().uri("/token-auth/").bodyValue(Map.of("username", u.username(), "password", "wrong-password"))
                .exchange().expectStatus().isBadRequest().expectBody().json(BAD_LOGIN, true);
        http().post().uri("/token-auth/").bodyValue(Map.of("username", "nobody-" + UUID.randomUUID(), "password", "whatever1"))
                .exchange().expectStatus().isBadRequest().expectBody().json(BAD_LOGIN, true);
        http().post().uri("/token-auth/").bodyValue(Map.of("username", u.username()))
                .exchange().expectStatus().isBadRequest().expectBody().json("{\"password\":[\"This field is required.\"]}", true);
        http().post().uri("/token-auth/").bodyValue(Map.of())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.username[0]").isEqualTo("This field is required.")
                .jsonPath("$.password[0]").isEqualTo("This field is required.");
    }

    @Test
    void tokenAuthJwtGivesAPairUsableAsBearer() {
        TestUser u = user(Role.STANDARD);
        @SuppressWarnings("unchecked")
        Map<String, String> pair = http().post().uri("/token-auth-jwt/").bodyValue(Map.of("username", u.username(), "password", u.password()))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(pair).containsOnlyKeys("access", "refresh");
        http().get().uri("/api/v1/auth/profile").header("Authorization", "Bearer " + pair.get("access"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.data.username").isEqualTo(u.username());

        http().post().uri("/token-auth-jwt").body(BodyInserters.fromFormData("username", u.username()).with("password", u.password()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.access").exists();
        http().post().uri("/token-auth-jwt/").bodyValue(Map.of("username", u.username(), "password", "wrong-password"))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().json("{\"detail\":\"No active account found with the given credentials\"}", true);
        http().post().uri("/token-auth-jwt/").bodyValue(Map.of("password", "whatever1"))
                .exchange().expectStatus().isBadRequest().expectBody().json("{\"username\":[\"This field is required.\"]}", true);
    }

    @Test
    void tokenAuthUserLogsInThroughApiMigration() {
        TestUser u = user(Role.STANDARD);
        tokenAuth(u.username(), u.password());
        http().post().uri("/api/v1/token/").bodyValue(Map.of("username", u.username(), "password", u.password()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.access").value(access ->
                        http().get().uri("/api/v1/auth/profile").header("Authorization", "Bearer " + access)
                                .exchange().expectStatus().isOk());
    }
}
