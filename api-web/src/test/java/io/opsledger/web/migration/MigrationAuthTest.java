package io.opsledger.web.migration;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationAuthTest extends AppTest {

    private static String unique() { return "mig" + UUID.randomUUID().toString().substring(0, 8); }

    private void register(String name, String password) {
        http().post().uri("/api/v1/auth/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", password))
                .exchange().expectStatus().isCreated();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> token(String name, String password) {
        return http().post().uri("/api/v1/token/").bodyValue(Map.of("username", name, "password", password))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void registerAnswersUsernameAndIntegerIdWithoutThePassword() {
        String name = unique();
        http().post().uri("/api/v1/auth/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "longenough1"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.username").isEqualTo(name)
                .jsonPath("$.id").value(id -> assertThat(id).isInstanceOf(Integer.class))
                .jsonPath("$.password").doesNotExist();
        assertThat(accounts.byUsername(name).role()).as("anonymous sign-up: the lowest role").isEqualTo(Role.READONLY);

        String form = unique();
        http().post().uri("/api/v1/auth").body(BodyInserters.fromFormData("username", form).with("password", "longenough1"))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.username").isEqualTo(form);
    }

    @Test
    void registerValidatesAndRefusesDuplicates() {
        http().post().uri("/api/v1/auth/").bodyValue(Map.of("password", "longenough1"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().json("{\"username\":[\"This field is required.\"]}", true);
        http().post().uri("/api/v1/auth/").bodyValue(Map.of())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.username[0]").isEqualTo("This field is required.")
                .jsonPath("$.password[0]").isEqualTo("This field is required.");
        http().post().uri("/api/v1/auth/").bodyValue(Map.of("username", unique(), "password", "short"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().json("{\"password\":[\"Ensure this field has at least 8 characters.\"]}", true);
        http().post().uri("/api/v1/auth/").bodyValue(Map.of("username", "has space", "password", "longenough1"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.username[0]").exists();

        String name = unique();
        register(name, "longenough1");
        http().post().uri("/api/v1/auth/").bodyValue(Map.of("username", name, "password", "longenough2"))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().json("{\"username\":[\"A user with that username already exists.\"]}", true);
    }

    @Test
    void tokenPairRefreshAndBearerOnDriftMgrProfile() {
        String name = unique();
        register(name, "longenough1");
        Map<String, String> pair = token(name, "longenough1");
        assertThat(pair).containsOnlyKeys("refresh", "access");

        http().get().uri("/api/v1/auth/profile").header("Authorization", "Bearer " + pair.get("access"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.data.username").isEqualTo(name);

        http().post().uri("/api/v1/token/refresh/").bodyValue(Map.of("refresh", pair.get("refresh")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.access").value(access -> {
                    http().get().uri("/api/v1/auth/profile").header("Authorization", "Bearer " + access)
                            .exchange().expectStatus().isOk();
                })
                .jsonPath("$.refresh").doesNotExist();

        http().post().uri("/api/v1/token/refresh").body(BodyInserters.fromFormData("refresh", pair.get("refresh")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.access").exists();
    }

    @Test
    void tokenFormBodyAndFailures() {
        String name = unique();
        register(name, "longenough1");
        http().post().uri("/api/v1/token").body(BodyInserters.fromFormData("username", name).with("password", "longenough1"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.access").exists().jsonPath("$.refresh").exists();
        http().post().uri("/api/v1/token/").bodyValue(Map.of("username", name, "password", "wrong-password"))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().json("{\"detail\":\"No active account found with the given credentials\"}", true);
        http().post().uri("/api/v1/token/").bodyValue(Map.of("username", "nobody-" + unique(), "password", "whatever1"))
                .exchange().expectStatus().isUnauthorized();
        http().post().uri("/api/v1/token/").bodyValue(Map.of("username", name))
                .exchange().expectStatus().isBadRequest()
                .expectBody().json("{\"password\":[\"This field is required.\"]}", true);
    }

    @Test
    void badRefreshTokensAreTokenNotValid() {
        String name = unique();
        register(name, "longenough1");
        Map<String, String> pair = token(name, "longenough1");
        String invalid = "{\"detail\":\"Token is invalid or expired\",\"code\":\"token_not_valid\"}";
        http().post().uri("/api/v1/token/refresh/").bodyValue(Map.of("refresh", "garbage"))
                .exchange().expectStatus().isUnauthorized().expectBody().json(invalid, true);
        // an access token is not a refresh token
        http().post().uri("/api/v1/token/refresh/").bodyValue(Map.of("refresh", pair.get("access")))
                .exchange().expectStatus().isUnauthorized().expectBody().json(invalid, true);
        String tampered = pair.get("refresh").substring(0, pair.get("refresh").length() - 2) + "xx";
        http().post().uri("/api/v1/token/refresh/").bodyValue(Map.of("refresh", tampered))
                .exchange().expectStatus().isUnauthorized().expectBody().json(invalid, true);
        http().post().uri("/api/v1/token/refresh/").bodyValue(Map.of())
                .exchange().expectStatus().isBadRequest()
                .expectBody().json("{\"refresh\":[\"This field is required.\"]}", true);
    }

    @Test
    void registeredHereLogsInThroughMigasfreeTokenAuth() {
        String name = unique();
        register(name, "longenough1");
        http().post().uri("/token-auth/").bodyValue(Map.of("username", name, "password", "longenough1"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.token").value(t -> assertThat((String) t).matches("[0-9a-f]{40}"));
    }
}
