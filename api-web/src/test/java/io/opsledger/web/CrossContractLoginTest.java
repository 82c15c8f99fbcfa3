package io.opsledger.web;

import com.jayway.jsonpath.JsonPath;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** One identity store: a user created through any contract logs in through all five, and each credential works everywhere. */
class CrossContractLoginTest extends AppTest {

    private static final String PASSWORD = "one-password-for-all";

    @Test
    void userFromDriftMgrRegisterLogsInEverywhere() {
        String name = unique("dm");
        http().post().uri("/api/v1/auth/register").bodyValue(Map.of("username", name, "email", name + "@example.com",
                "password", PASSWORD)).exchange().expectStatus().isCreated();
        logsInThroughAllFive(name);
    }

    @Test
    void userFromApiMigrationRegisterLogsInEverywhere() {
        String name = unique("mig");
        http().post().uri("/api/v1/auth/").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=" + name + "&password=" + PASSWORD).exchange().expectStatus().isCreated();
        logsInThroughAllFive(name);
    }

    @Test
    void userFromBitBlastRegisterLogsInEverywhere() {
        String name = unique("bb");
        http().post().uri("/api/v1/register/").header("Authorization", "Token " + superadmin().token())
                .bodyValue(Map.of("username", name, "password", PASSWORD, "role", "Standard", "email", name + "@example.com"))
                .exchange().expectStatus().isCreated();
        logsInThroughAllFive(name);
    }

    @Test
    void userFromTheInventoryAdminLogsInEverywhere() {
        String name = unique("inv");
        http().post().uri("/api/admin/users/").header("Authorization", "Token " + superadmin().token())
                .bodyValue(Map.of("username", name, "email", name + "@example.com", "password", PASSWORD, "role", "readonly"))
                .exchange().expectStatus().isCreated();
        logsInThroughAllFive(name);
    }

    private static String unique(String prefix) { return prefix + UUID.randomUUID().toString().substring(0, 8); }

    private void logsInThroughAllFive(String name) {
        Map<String, String> credentials = Map.of("username", name, "password", PASSWORD);
        BiConsumer<String, String> worksOnProfile = (header, value) -> http().get().uri("/api/v1/auth/profile")
                .header(header, value).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.username").isEqualTo(name);

        // DriftMgr
        String driftAccess = JsonPath.read(http().post().uri("/api/v1/auth/login").bodyValue(credentials).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), "$.data.access_token");
        worksOnProfile.accept("Authorization", "Bearer " + driftAccess);
        // BitBlast
        String bitblastToken = JsonPath.read(http().post().uri("/api/v1/d-login/").bodyValue(credentials).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), "$.token");
        worksOnProfile.accept("Authorization", "Token " + bitblastToken);
        // api_migration
        String migrationAccess = JsonPath.read(http().post().uri("/api/v1/token/").bodyValue(credentials).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), "$.access");
        worksOnProfile.accept("Authorization", "Bearer " + migrationAccess);
        // migasfree
        String migasfreeToken = JsonPath.read(http().post().uri("/token-auth/").bodyValue(credentials).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), "$.token");
        worksOnProfile.accept("Authorization", "Token " + migasfreeToken);
        // asset inventory: a session cookie
        EntityExchangeResult<String> login = http().post().uri("/api/auth/login/").bodyValue(credentials).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        ResponseCookie session = login.getResponseCookies().getFirst("sessionid");
        assertThat(session).isNotNull();
        http().get().uri("/api/v1/auth/profile").cookie("sessionid", session.getValue()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.data.username").isEqualTo(name);
        // and the other way round: a DriftMgr token reads the inventory's "me" and BitBlast's user info
        http().get().uri("/api/auth/me/").header("Authorization", "Bearer " + driftAccess).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo(name);
        http().get().uri("/api/v1/get-user-info/").header("Authorization", "Bearer " + migrationAccess).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo(name);
    }
}
