package io.opsledger.web.identity;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A changed password ends the user's other sessions, tokens and refresh tokens, as a logout does,
 * on every path that changes it; API keys stay. The session the user changed their own password
 * through stays open (Django's update_session_auth_hash); a password set by an admin keeps none.
 */
class PasswordChangeTest extends AppTest {

    /** Every kind of credential one user can hold at once. */
    private record Held(String jwtAccess, String jwtRefresh, String otherAccess, String otherRefresh, String drfToken,
                        String sessionCookie, String apiKey) {}

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
        return (Map<String, Object>) spec.expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult()
                .getResponseBody().get("data");
    }

    private Held holdEverything(TestUser u, String password) {
        Map<String, Object> one = data(http().post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("username", u.username(), "password", password)).exchange());
        Map<String, Object> two = data(http().post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("username", u.username(), "password", password)).exchange());
        String drf = (String) http().post().uri("/api/v1/d-login/").bodyValue(Map.of("username", u.username(), "password", password))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("token");
        ResponseCookie cookie = http().post().uri("/api/auth/login").bodyValue(Map.of("username", u.username(), "password", password))
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseCookies().getFirst("sessionid");
        String key = (String) data(http().post().uri("/api/v1/auth/api-keys").header("Authorization", "Token " + drf)
                .bodyValue(Map.of("name", "ci")).exchange()).get("key");
        return new Held((String) one.get("access_token"), (String) one.get("refresh_token"), (String) two.get("access_token"),
                (String) two.get("refresh_token"), drf, cookie.getValue(), key);
    }

    private int profile(String header, String value) {
        return http().get().uri("/api/v1/auth/profile").header(header, value).exchange().returnResult(String.class).getStatus().value();
    }

    private int inventoryMe(String sessionCookie) {
        return http().get().uri("/api/auth/me").cookie("sessionid", sessionCookie).exchange().returnResult(String.class).getStatus().value();
    }

    private int refresh(String refreshToken) {
        return http().post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refresh_token", refreshToken))
                .exchange().returnResult(String.class).getStatus().value();
    }

    @Test
    void changingYourOwnPasswordEndsEveryOtherSessionButKeepsTheOneYouUsedAndYourApiKeys() {
        TestUser u = user(Role.STANDARD);
        Held held = holdEverything(u, u.password());

        http().post().uri("/api/v1/auth/change-password").header("Authorization", "Bearer " + held.jwtAccess())
                .bodyValue(Map.of("current_password", u.password(), "new_password", "brand-new-password"))
                .exchange().expectStatus().isOk();

        assertThat(profile("Authorization", "Bearer " + held.jwtAccess())).as("the session it was changed through").isEqualTo(200);
        assertThat(refresh(held.jwtRefresh())).as("its refresh token").isEqualTo(200);
        assertThat(profile("Authorization", "Bearer " + held.otherAccess())).as("another JWT login").isEqualTo(401);
        assertThat(refresh(held.otherRefresh())).as("another login's refresh token").isEqualTo(401);
        assertThat(profile("Authorization", "Token " + held.drfToken())).as("a DRF token").isEqualTo(401);
        assertThat(profile("Authorization", "Token " + u.token())).as("the token made at creation").isEqualTo(401);
        assertThat(inventoryMe(held.sessionCookie())).as("a browser session").isEqualTo(403);
        assertThat(profile("X-API-Key", held.apiKey())).as("an API key stays").isEqualTo(200);
    }

    @Test
    void aPasswordSetByAnAdminEndsEverySessionOfTheUser() {
        TestUser u = user(Role.READONLY);
        Held held = holdEverything(u, u.password());
        TestUser admin = user(Role.ADMIN);

        http().patch().uri("/api/admin/users/" + u.user().userNumber() + "/").header("Authorization", "Token " + admin.token())
                .bodyValue(Map.of("password", "set-by-the-admin")).exchange().expectStatus().isOk();

        assertThat(profile("Authorization", "Bearer " + held.jwtAccess())).isEqualTo(401);
        assertThat(refresh(held.jwtRefresh())).isEqualTo(401);
        assertThat(profile("Authorization", "Bearer " + held.otherAccess())).isEqualTo(401);
        assertThat(profile("Authorization", "Token " + held.drfToken())).isEqualTo(401);
        assertThat(inventoryMe(held.sessionCookie())).isEqualTo(403);
        assertThat(profile("X-API-Key", held.apiKey())).isEqualTo(200);
        assertThat(profile("Authorization", "Token " + admin.token())).as("the admin's own session").isEqualTo(200);
    }

    @Test
    void refreshTokensFromBeforeStopWorkingOnApiMigrationsSimpleJwtToo() {
        TestUser u = user(Role.READONLY);
        @SuppressWarnings("unchecked")
        Map<String, Object> pair = http().post().uri("/api/v1/token/").bodyValue(Map.of("username", u.username(), "password", u.password()))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        http().post().uri("/api/v1/auth/change-password").header("Authorization", "Token " + u.token())
                .bodyValue(Map.of("current_password", u.password(), "new_password", "brand-new-password"))
                .exchange().expectStatus().isOk();
        http().post().uri("/api/v1/token/refresh/").bodyValue(Map.of("refresh", pair.get("refresh")))
                .exchange().expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("token_not_valid");
        http().get().uri("/api/v1/auth/profile").header("Authorization", "Bearer " + pair.get("access"))
                .exchange().expectStatus().isUnauthorized();
        http().get().uri("/api/v1/auth/profile").header("Authorization", "Token " + u.token())
                .exchange().expectStatus().isOk(); // the token it was changed through
    }
}
