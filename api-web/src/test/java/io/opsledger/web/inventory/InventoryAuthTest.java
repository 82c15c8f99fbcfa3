package io.opsledger.web.inventory;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.web.inventory.InventoryClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryAuthTest extends AppTest {

    @Test
    void theDjangoSessionFlow() {
        TestUser u = user(Role.READONLY);
        InventoryClient browser = new InventoryClient(http());

        Response csrf = browser.get("/api/auth/csrf/");
        assertThat(csrf.status()).isEqualTo(200);
        assertThat(csrf.at("/detail").asText()).isEqualTo("CSRF cookie set.");
        ResponseCookie csrfCookie = csrf.cookies().getFirst("csrftoken");
        assertThat(csrfCookie).isNotNull();
        assertThat(csrfCookie.isHttpOnly()).isFalse();
        assertThat(csrfCookie.getSameSite()).isEqualTo("Lax");
        assertThat(csrfCookie.getPath()).isEqualTo("/");
        assertThat(csrfCookie.getValue()).hasSize(64);

        int timeout = settingsTimeout();
        Response login = browser.post("/api/auth/login/", Map.of("username", u.username(), "password", u.password()));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.at("/id").isIntegralNumber()).isTrue();
        assertThat(login.at("/id").asLong()).isEqualTo(u.user().userNumber());
        assertThat(login.at("/username").asText()).isEqualTo(u.username());
        assertThat(login.at("/email").asText()).isEqualTo(u.user().email());
        assertThat(login.at("/role").asText()).isEqualTo("readonly");
        assertThat(login.at("/is_superadmin").asBoolean()).isFalse();
        ResponseCookie session = login.cookies().getFirst("sessionid");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.getPath()).isEqualTo("/");
        assertThat(session.getMaxAge()).isEqualTo(Duration.ofMinutes(timeout));
        assertThat(login.cookies().getFirst("csrftoken").getValue()).isNotEqualTo(csrfCookie.getValue());

        Response me = browser.get("/api/auth/me/");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.at("/username").asText()).isEqualTo(u.username());

        browser.sendCsrf = false;
        Response noToken = browser.post("/api/auth/logout/", null);
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.at("/detail").asText()).startsWith("CSRF Failed");
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);

        browser.sendCsrf = true;
        Response logout = browser.post("/api/auth/logout/", null);
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.at("/detail").asText()).isEqualTo("Logged out.");
        assertThat(logout.cookies().getFirst("sessionid").getMaxAge()).isEqualTo(Duration.ZERO);

        Response after = browser.get("/api/auth/me/");
        assertThat(after.status()).isEqualTo(403);
        assertThat(after.at("/detail").asText()).isEqualTo("Authentication credentials were not provided.");
    }

    @Test
    void aSignedInUserChangesTheirOwnPasswordAndStaysSignedIn() {
        TestUser u = user(Role.READONLY);
        InventoryClient browser = new InventoryClient(http());
        browser.get("/api/auth/csrf/");
        assertThat(browser.post("/api/auth/login/", Map.of("username", u.username(), "password", u.password())).status())
                .isEqualTo(200);
        String path = "/api/auth/change-password/";

        Response wrongOld = browser.post(path, Map.of("old_password", "not-" + u.password(), "new_password", "fresh-pass-1",
                "confirm_password", "fresh-pass-1"));
        assertThat(wrongOld.status()).isEqualTo(400);
        assertThat(wrongOld.at("/old_password/0").asText()).isEqualTo("Current password is incorrect.");
        Response mismatch = browser.post(path, Map.of("old_password", u.password(), "new_password", "fresh-pass-1",
                "confirm_password", "fresh-pass-2"));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.at("/confirm_password/0").asText()).isEqualTo("Passwords do not match.");
        Response tooShort = browser.post(path, Map.of("old_password", u.password(), "new_password", "short",
                "confirm_password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.at("/new_password/0").asText()).isEqualTo("Ensure this field has at least 8 characters.");
        assertThat(browser.post(path, Map.of()).at("/old_password/0").asText()).isEqualTo("This field is required.");
        // none of those changed anything
        assertThat(new InventoryClient(http()).post("/api/auth/login/", Map.of("username", u.username(),
                "password", u.password())).status()).isEqualTo(200);

        Response changed = browser.post(path, Map.of("old_password", u.password(), "new_password", "fresh-pass-1",
                "confirm_password", "fresh-pass-1"));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().toString()).isEqualTo("{\"detail\":\"Password changed successfully.\"}");
        // the page that asked stays on, signed in
        assertThat(browser.get("/api/auth/me/").status()).isEqualTo(200);
        assertThat(new InventoryClient(http()).post("/api/auth/login/", Map.of("username", u.username(),
                "password", u.password())).status()).isEqualTo(400);
        assertThat(new InventoryClient(http()).post("/api/auth/login/", Map.of("username", u.username(),
                "password", "fresh-pass-1")).status()).isEqualTo(200);

        InventoryClient anonymous = new InventoryClient(http());
        assertThat(anonymous.post(path, Map.of("old_password", "x", "new_password", "fresh-pass-3",
                "confirm_password", "fresh-pass-3")).status()).isEqualTo(403);
    }

    @Test
    void aClosedSessionCookieIsAnonymousNotAnError() {
        TestUser u = user(Role.ADMIN);
        InventoryClient browser = new InventoryClient(http());
        browser.get("/api/auth/csrf");
        assertThat(browser.post("/api/auth/login", Map.of("username", u.username(), "password", u.password())).status()).isEqualTo(200);
        String stale = browser.cookies().get("sessionid");
        assertThat(browser.post("/api/auth/logout", null).status()).isEqualTo(200);

        InventoryClient replay = new InventoryClient(http());
        replay.cookies().put("sessionid", stale);
        replay.sendCsrf = false;
        assertThat(replay.get("/api/auth/me").status()).isEqualTo(403);
        // anonymous, so no CSRF check: logging in again works
        assertThat(replay.post("/api/auth/login", Map.of("username", u.username(), "password", u.password())).status()).isEqualTo(200);
        assertThat(replay.get("/api/auth/me").at("/role").asText()).isEqualTo("admin");

        InventoryClient garbage = new InventoryClient(http());
        garbage.cookies().put("sessionid", "not-a-session");
        assertThat(garbage.get("/api/auth/me").at("/detail").asText()).isEqualTo("Authentication credentials were not provided.");
        assertThat(garbage.get("/api/admin/users").status()).isEqualTo(403);
    }

    @Test
    void badLoginsAre400() {
        TestUser u = user(Role.READONLY);
        InventoryClient browser = new InventoryClient(http());
        Response wrong = browser.post("/api/auth/login", Map.of("username", u.username(), "password", "wrong-password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.at("/detail").asText()).isEqualTo("Invalid credentials.");
        Response unknown = browser.post("/api/auth/login", Map.of("username", "nobody-" + u.username(), "password", "whatever1"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.at("/detail").asText()).isEqualTo("Invalid credentials.");
        Response missing = browser.post("/api/auth/login", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.at("/username/0").asText()).isEqualTo("This field is required.");
        assertThat(missing.at("/password/0").asText()).isEqualTo("This field is required.");
        assertThat(browser.cookies()).doesNotContainKey("sessionid");
        assertThat(browser.get("/api/auth/login").status()).isEqualTo(405);
        assertThat(browser.get("/api/auth/login").at("/detail").asText()).isEqualTo("Method \"GET\" not allowed.");
    }

    @Test
    void configIsPublicAndTokenUsersGetMeToo() {
        InventoryClient anonymous = new InventoryClient(http());
        Response config = anonymous.get("/api/auth/config/");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().has("oidc_enabled")).isTrue();
        assertThat(config.at("/oidc_enabled").isBoolean()).isTrue();

        TestUser admin = superadmin();
        Response me = InventoryClient.withToken(http(), admin.token()).get("/api/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.at("/role").asText()).isEqualTo("superadmin");
        assertThat(me.at("/is_superadmin").asBoolean()).isTrue();
        Response bogus = InventoryClient.withToken(http(), "0000000000000000000000000000000000000000").get("/api/auth/me");
        assertThat(bogus.status()).isEqualTo(401);
        assertThat(bogus.at("/detail").asText()).isEqualTo("Invalid token.");
    }

    @Test
    void aUserCreatedByAnAdminLogsInHereAndOnDriftMgr() {
        InventoryClient admin = InventoryClient.withToken(http(), superadmin().token());
        String name = "inv-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Response created = admin.post("/api/admin/users/", Map.of("username", name, "email", name + "@example.com",
                "password", "long-enough-1", "role", "admin", "is_active", true));
        assertThat(created.status()).isEqualTo(201);

        InventoryClient browser = new InventoryClient(http());
        Response login = browser.post("/api/auth/login", Map.of("username", name, "password", "long-enough-1"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.at("/role").asText()).isEqualTo("admin");

        Response drift = new InventoryClient(http()).post("/api/v1/auth/login", Map.of("username", name, "password", "long-enough-1"));
        assertThat(drift.status()).isEqualTo(200);
        assertThat(drift.at("/success").asBoolean()).isTrue();
        assertThat(drift.at("/data/access_token").asText()).isNotBlank();
    }

    private int settingsTimeout() {
        return InventoryClient.withToken(http(), superadmin().token()).get("/api/admin/settings").at("/session_timeout_minutes").asInt();
    }
}
