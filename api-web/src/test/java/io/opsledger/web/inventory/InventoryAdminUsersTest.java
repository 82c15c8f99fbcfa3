package io.opsledger.web.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.web.inventory.InventoryClient.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryAdminUsersTest extends AppTest {

    private static String unique() { return "iu" + UUID.randomUUID().toString().substring(0, 8); }

    private InventoryClient as(TestUser u) { return InventoryClient.withToken(http(), u.token()); }

    private Response create(InventoryClient admin, String name, String role) {
        Map<String, Object> body = new HashMap<>(Map.of("username", name, "email", name + "@example.com", "password", "long-enough-1"));
        if (role != null) body.put("role", role);
        return admin.post("/api/admin/users/", body);
    }

    @Test
    void createListGetUpdateAndDelete() {
        InventoryClient admin = as(user(Role.ADMIN));
        String name = unique();
        Response created = create(admin, name, null);
        assertThat(created.status()).isEqualTo(201);
        JsonNode u = created.json();
        assertThat(u.get("id").isIntegralNumber()).isTrue();
        assertThat(u.get("username").asText()).isEqualTo(name);
        assertThat(u.get("email").asText()).isEqualTo(name + "@example.com");
        assertThat(u.get("is_active").asBoolean()).isTrue();
        assertThat(u.get("role").asText()).isEqualTo("readonly");
        assertThat(u.get("is_superadmin").asBoolean()).isFalse();
        assertThat(u.get("auth_source").asText()).isEqualTo("local");
        assertThat(u.get("date_joined").asText()).isNotBlank();
        assertThat(u.has("last_login")).isTrue();
        assertThat(u.has("password")).isFalse();
        long id = u.get("id").asLong();

        Response list = admin.get("/api/admin/users");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().isArray()).isTrue();
        assertThat(list.json().findValuesAsText("username")).contains(name);

        assertThat(admin.get("/api/admin/users/" + id + "/").at("/username").asText()).isEqualTo(name);

        String renamed = unique();
        Response put = admin.put("/api/admin/users/" + id + "/", Map.of("username", renamed, "email", renamed + "@example.com",
                "role", "admin", "is_active", true, "password", "another-pass-1"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.at("/username").asText()).isEqualTo(renamed);
        assertThat(put.at("/role").asText()).isEqualTo("admin");
        Response login = new InventoryClient(http()).post("/api/auth/login", Map.of("username", renamed, "password", "another-pass-1"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.at("/role").asText()).isEqualTo("admin");
        assertThat(admin.get("/api/admin/users/" + id).at("/last_login").asText()).isNotBlank();

        Response patch = admin.patch("/api/admin/users/" + id, Map.of("is_active", false));
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.at("/is_active").asBoolean()).isFalse();
        assertThat(patch.at("/username").asText()).isEqualTo(renamed);
        assertThat(patch.at("/role").asText()).isEqualTo("admin");
        assertThat(new InventoryClient(http()).post("/api/auth/login", Map.of("username", renamed, "password", "another-pass-1")).status())
                .isEqualTo(400);

        Response deleted = admin.delete("/api/admin/users/" + id + "/");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertThat(admin.get("/api/admin/users/" + id).status()).isEqualTo(404);
        // the name is free again
        assertThat(create(admin, renamed, "admin").status()).isEqualTo(201);
    }

    @Test
    void validationAndDuplicates() {
        InventoryClient admin = as(user(Role.ADMIN));
        Response empty = admin.post("/api/admin/users", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.at("/username/0").asText()).isEqualTo("This field is required.");
        assertThat(empty.at("/password/0").asText()).isEqualTo("This field is required.");

        Response bad = admin.post("/api/admin/users", Map.of("username", "has space", "email", "nope", "password", "short", "role", "superadmin"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().has("username")).isTrue();
        assertThat(bad.at("/email/0").asText()).isEqualTo("Enter a valid email address.");
        assertThat(bad.at("/password/0").asText()).isEqualTo("Ensure this field has at least 8 characters.");
        assertThat(bad.at("/role/0").asText()).isEqualTo("\"superadmin\" is not a valid choice.");

        String name = unique();
        assertThat(create(admin, name, "admin").status()).isEqualTo(201);
        Response duplicate = create(admin, name, "readonly");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.at("/username/0").asText()).isEqualTo("A user with that username already exists.");

        long other = create(admin, unique(), null).at("/id").asLong();
        Response clash = admin.patch("/api/admin/users/" + other, Map.of("username", name));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.at("/username/0").asText()).isEqualTo("A user with that username already exists.");

        Response putMissing = admin.put("/api/admin/users/" + other, Map.of("is_active", true));
        assertThat(putMissing.status()).isEqualTo(400);
        assertThat(putMissing.json().has("username")).isTrue();
        assertThat(putMissing.json().has("email")).isTrue();
        assertThat(putMissing.json().has("role")).isTrue();

        Response shortPassword = admin.patch("/api/admin/users/" + other, Map.of("password", "1234567"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.at("/password/0").asText()).isEqualTo("Ensure this field has at least 8 characters.");

        Response promote = admin.patch("/api/admin/users/" + other, Map.of("role", "superadmin"));
        assertThat(promote.status()).isEqualTo(400);
        assertThat(promote.json().has("role")).isTrue();
        assertThat(admin.patch("/api/admin/users/" + other, Map.of("role", "boss")).status()).isEqualTo(400);
    }

    @Test
    void notFoundAndMethodNotAllowed() {
        InventoryClient admin = as(user(Role.ADMIN));
        for (String id : new String[]{"999999999", "abc", "1.5"}) {
            Response r = admin.get("/api/admin/users/" + id);
            assertThat(r.status()).as(id).isEqualTo(404);
            assertThat(r.at("/detail").asText()).isEqualTo("Not found.");
        }
        assertThat(admin.delete("/api/admin/users/999999999").status()).isEqualTo(404);
        assertThat(admin.patch("/api/admin/users/abc", Map.of("is_active", true)).status()).isEqualTo(404);

        long id = create(admin, unique(), null).at("/id").asLong();
        Response post = admin.post("/api/admin/users/" + id, Map.of());
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.at("/detail").asText()).isEqualTo("Method \"POST\" not allowed.");
        assertThat(admin.delete("/api/admin/users").status()).isEqualTo(405);
    }

    @Test
    void onlyAdminsAndTheSuperadminMayAdminister() {
        TestUser readonly = user(Role.READONLY);
        TestUser operator = user(Role.STANDARD);
        long target = create(as(user(Role.ADMIN)), unique(), null).at("/id").asLong();
        for (TestUser u : new TestUser[]{readonly, operator}) {
            InventoryClient c = as(u);
            Response list = c.get("/api/admin/users");
            assertThat(list.status()).isEqualTo(403);
            assertThat(list.at("/detail").asText()).isEqualTo("You do not have permission to perform this action.");
            assertThat(create(c, unique(), null).status()).isEqualTo(403);
            assertThat(c.get("/api/admin/users/" + target).status()).isEqualTo(403);
            assertThat(c.patch("/api/admin/users/" + target, Map.of("role", "admin")).status()).isEqualTo(403);
            assertThat(c.delete("/api/admin/users/" + target).status()).isEqualTo(403);
            assertThat(c.get("/api/admin/settings").status()).isEqualTo(403);
            assertThat(c.patch("/api/admin/settings", Map.of("session_timeout_minutes", 5)).status()).isEqualTo(403);
            assertThat(c.post("/api/admin/settings/test-email", Map.of("to", "x@example.com")).status()).isEqualTo(403);
        }
        assertThat(as(operator).get("/api/auth/me").at("/role").asText()).isEqualTo("readonly");

        InventoryClient anonymous = new InventoryClient(http());
        Response anon = anonymous.get("/api/admin/users");
        assertThat(anon.status()).isEqualTo(403);
        assertThat(anon.at("/detail").asText()).isEqualTo("Authentication credentials were not provided.");
        assertThat(anonymous.get("/api/admin/settings").status()).isEqualTo(403);

        Response badToken = InventoryClient.withToken(http(), "ffffffffffffffffffffffffffffffffffffffff").get("/api/admin/users");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.at("/detail").asText()).isEqualTo("Invalid token.");
    }

    @Test
    void theSuperadminCannotBeDeletedOrDemotedAndNobodyDeletesThemselves() {
        TestUser root = superadmin();
        assertThat(root.user().role()).isEqualTo(Role.SUPERADMIN);
        long rootId = root.user().userNumber();
        TestUser adminUser = user(Role.ADMIN);
        InventoryClient admin = as(adminUser);

        Response del = admin.delete("/api/admin/users/" + rootId);
        assertThat(del.status()).isEqualTo(403);
        assertThat(del.at("/detail").asText()).isEqualTo("The superadmin cannot be deleted.");
        Response demote = admin.patch("/api/admin/users/" + rootId, Map.of("role", "admin"));
        assertThat(demote.status()).isEqualTo(403);
        assertThat(demote.at("/detail").asText()).isEqualTo("The superadmin cannot be demoted.");
        Response putDemote = admin.put("/api/admin/users/" + rootId, Map.of("username", root.username(),
                "email", root.user().email(), "role", "readonly", "is_active", true));
        assertThat(putDemote.status()).isEqualTo(403);
        assertThat(admin.patch("/api/admin/users/" + rootId, Map.of("is_active", false)).status()).isEqualTo(403);
        Response still = admin.get("/api/admin/users/" + rootId);
        assertThat(still.at("/role").asText()).isEqualTo("superadmin");
        assertThat(still.at("/is_superadmin").asBoolean()).isTrue();
        assertThat(still.at("/is_active").asBoolean()).isTrue();
        // keeping the role is fine
        Response keep = as(root).put("/api/admin/users/" + rootId, Map.of("username", root.username(),
                "email", root.user().email(), "role", "superadmin", "is_active", true));
        assertThat(keep.status()).isEqualTo(200);

        Response self = admin.delete("/api/admin/users/" + adminUser.user().userNumber());
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.at("/detail").asText()).isEqualTo("You cannot delete your own account.");
        assertThat(as(root).delete("/api/admin/users/" + rootId).status()).isEqualTo(403);

        // an admin may delete another admin
        assertThat(as(root).delete("/api/admin/users/" + adminUser.user().userNumber()).status()).isEqualTo(204);
    }

    @Test
    void sessionCookieAdminsNeedTheCsrfHeader() {
        TestUser u = user(Role.ADMIN);
        InventoryClient browser = new InventoryClient(http());
        browser.get("/api/auth/csrf");
        browser.post("/api/auth/login", Map.of("username", u.username(), "password", u.password()));
        browser.sendCsrf = false;
        Response refused = create(browser, unique(), null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.at("/detail").asText()).isEqualTo("CSRF Failed: CSRF token missing.");
        assertThat(browser.get("/api/admin/users").status()).isEqualTo(200);
        browser.sendCsrf = true;
        assertThat(create(browser, unique(), null).status()).isEqualTo(201);
    }
}
