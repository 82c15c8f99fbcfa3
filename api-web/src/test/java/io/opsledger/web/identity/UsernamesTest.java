package io.opsledger.web.identity;

import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usernames on every contract's sign-up and admin API: no control, zero-width or text-direction
 * characters, no leading or trailing space, and unique whatever their case ("Admin" is "admin").
 */
class UsernamesTest extends AppTest {

    private static final String PASSWORD = "long-enough-password";
    private static final String[] INVISIBLE = {"ad\u200Bmin", "ad\u200Dmin", "admin\u202Egnp", "\u2066admin\u2069",
            "ad\u0000min", "admin\u0007", "\u200Eadmin", "admin\uFEFF"};

    private static String unique(String prefix) { return prefix + UUID.randomUUID().toString().substring(0, 8); }

    private WebTestClient.ResponseSpec driftRegister(String username) {
        return http().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "email", "x" + UUID.randomUUID() + "@example.com", "password", PASSWORD))
                .exchange();
    }

    private WebTestClient.ResponseSpec migrationRegister(String username) {
        return http().post().uri("/api/v1/auth/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", PASSWORD)).exchange();
    }

    private WebTestClient.ResponseSpec bitblastRegister(String username) {
        return http().post().uri("/api/v1/register/").header("Authorization", "Token " + superadmin().token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", PASSWORD, "role", "Standard")).exchange();
    }

    private WebTestClient.ResponseSpec inventoryCreate(String username) {
        return http().post().uri("/api/admin/users/").header("Authorization", "Token " + superadmin().token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", PASSWORD, "role", "readonly")).exchange();
    }

    @Test
    void invisibleAndDirectionCharactersAreRefusedOnEverySignUpAndAdminApi() {
        for (String bad : INVISIBLE) {
            String name = bad + unique("");
            driftRegister(name).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
                    .jsonPath("$.error.details.username[0]").exists();
            migrationRegister(name).expectStatus().isBadRequest().expectBody().jsonPath("$.username[0]").exists();
            bitblastRegister(name).expectStatus().isBadRequest().expectBody().jsonPath("$.username[0]").exists();
            inventoryCreate(name).expectStatus().isBadRequest().expectBody().jsonPath("$.username[0]").exists();
            assertThat(accounts.byUsername(name)).as("nobody was made for %s", name.codePoints().boxed().toList()).isNull();
        }
    }

    @Test
    void leadingAndTrailingSpacesAreRefused() {
        for (String bad : new String[]{" " + unique("lead"), unique("trail") + " ", unique("nbsp") + "\u00A0", "\t" + unique("tab")}) {
            driftRegister(bad).expectStatus().isBadRequest().expectBody().jsonPath("$.error.details.username[0]").exists();
            migrationRegister(bad).expectStatus().isBadRequest();
            bitblastRegister(bad).expectStatus().isBadRequest();
            inventoryCreate(bad).expectStatus().isBadRequest();
        }
    }

    @Test
    void renamingToAnInvisibleNameIsRefusedToo() {
        TestUser u = user(io.opsledger.identity.api.Role.READONLY);
        http().put().uri("/api/v1/auth/profile").header("Authorization", "Token " + u.token())
                .bodyValue(Map.of("username", u.username() + "\u200B")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.details.username[0]").exists();
        http().patch().uri("/api/admin/users/" + u.user().userNumber() + "/").header("Authorization", "Token " + superadmin().token())
                .bodyValue(Map.of("username", "\u202E" + u.username())).exchange().expectStatus().isBadRequest();
        assertThat(accounts.byId(u.user().userId()).username()).isEqualTo(u.username());
    }

    @Test
    void usernamesAreUniqueWhateverTheirCaseOnEveryContract() {
        String base = unique("CaseUser");
        driftRegister(base).expectStatus().isCreated().expectBody().jsonPath("$.data.username").isEqualTo(base);

        driftRegister(base.toLowerCase()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error.code").isEqualTo("RESOURCE_ALREADY_EXISTS");
        migrationRegister(base.toUpperCase()).expectStatus().isEqualTo(409);
        bitblastRegister(base.toLowerCase()).expectStatus().isEqualTo(409);
        inventoryCreate(base.toUpperCase()).expectStatus().isEqualTo(409);
        // full-width letters are the same name too
        String fullWidth = base.chars().mapToObj(c -> String.valueOf((char) (c >= 0x21 && c <= 0x7E ? c + 0xFEE0 : c)))
                .reduce("", String::concat);
        driftRegister(fullWidth).expectStatus().isEqualTo(409);

        // renaming someone else to the name in another case is refused as well
        TestUser other = user(io.opsledger.identity.api.Role.READONLY);
        http().put().uri("/api/v1/auth/profile").header("Authorization", "Token " + other.token())
                .bodyValue(Map.of("username", base.toUpperCase())).exchange().expectStatus().isEqualTo(409);
        http().patch().uri("/api/admin/users/" + other.user().userNumber() + "/").header("Authorization", "Token " + superadmin().token())
                .bodyValue(Map.of("username", base.toLowerCase())).exchange().expectStatus().isEqualTo(409);

        // the name keeps the case it was given; a login finds it in any case
        assertThat(accounts.byUsername(base).username()).isEqualTo(base);
        http().post().uri("/api/v1/auth/login").bodyValue(Map.of("username", base.toLowerCase(), "password", PASSWORD))
                .exchange().expectStatus().isOk();
        // and its owner may change the case of their own name
        String token = http().post().uri("/api/v1/d-login/").bodyValue(Map.of("username", base, "password", PASSWORD))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
        http().put().uri("/api/v1/auth/profile").header("Authorization", "Token " + token)
                .bodyValue(Map.of("username", base.toUpperCase())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.username").isEqualTo(base.toUpperCase());
        driftRegister(base).expectStatus().isEqualTo(409);
    }
}
