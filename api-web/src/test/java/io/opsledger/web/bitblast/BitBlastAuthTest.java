package io.opsledger.web.bitblast;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BitBlastAuthTest extends AppTest {

    private static String unique() { return "bb" + UUID.randomUUID().toString().substring(0, 8); }

    private WebTestClient.ResponseSpec post(String uri, String token, Object body) {
        var spec = http().post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            spec = spec.header("Authorization", "Token " + token);
        }
        return spec.bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec get(String uri, String token) {
        WebTestClient.RequestHeadersSpec<?> spec = http().get().uri(uri);
        if (token != null) {
            spec = spec.header("Authorization", "Token " + token);
        }
        return spec.exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> dLogin(String username, String password) {
        return post("/api/v1/d-login/", null, Map.of("username", username, "password", password))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private Map<String, Object> registration(String name, String role) {
        return Map.of("username", name, "password", "longenough1", "role", role, "email", name + "@example.com",
                "first_name", "New", "last_name", "User");
    }

    @Test
    void firstAdminIsCreatedOnceAndThenRefused() {
        Object answer = get("/api/v1/check-admin-user-exists/", null).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("exists");
        assertThat(answer).isInstanceOf(Boolean.class);
        boolean exists = (Boolean) answer;
        String name = unique();
        Map<String, Object> body = Map.of("username", name, "password", "securepassword",
                "email", name + "@example.com", "role", "Admin");
        if (!exists) {
            post("/api/v1/create_first_admin/", null, body).expectStatus().isCreated()
                    .expectBody().json("{\"success\":\"Admin user created successfully.\"}", true);
            Map<String, Object> login = dLogin(name, "securepassword");
            assertThat(login).containsEntry("role", "Admin");
            get("/api/v1/users", (String) login.get("token")).expectStatus().isOk()
                    .expectBody().jsonPath("$[?(@.username == '" + name + "')].is_superuser").isEqualTo(List.of(true));
        }
        get("/api/v1/check-admin-user-exists", null).expectStatus().isOk().expectBody().json("{\"exists\":true}", true);
        post("/api/v1/create_first_admin", null, Map.of("username", unique(), "password", "securepassword", "role", "Admin"))
                .expectStatus().isBadRequest().expectBody().json("{\"error\":\"Admin user already exists.\"}", true);
        post("/api/v1/create_first_admin", null, Map.of("username", unique()))
                .expectStatus().isBadRequest().expectBody().json("{\"error\":\"Username and password are required.\"}", true);
        post("/api/v1/create_first_admin", null, Map.of("username", unique(), "password", "securepassword", "role", "Standard"))
                .expectStatus().isBadRequest().expectBody().json("{\"error\":\"Invalid role\"}", true);
        http().get().uri("/api/v1/create_first_admin/").exchange().expectStatus().isEqualTo(405)
                .expectBody().json("{\"error\":\"GET method is not allowed.\"}", true);
    }

    @Test
    void adminsRegisterUsersWithIntegerIdsAndBitBlastRoles() {
        TestUser admin = user(Role.ADMIN);
        String name = unique();
        post("/api/v1/register/", admin.token(), registration(name, "Admin")).expectStatus().isCreated()
                .expectBody().jsonPath("$.id").value(id -> assertThat(id).isInstanceOf(Integer.class))
                .jsonPath("$.username").isEqualTo(name)
                .jsonPath("$.role").isEqualTo("Admin")
                .jsonPath("$.email").isEqualTo(name + "@example.com")
                .jsonPath("$.first_name").isEqualTo("New")
                .jsonPath("$.last_name").isEqualTo("User")
                .jsonPath("$.password").doesNotExist();
        assertThat(dLogin(name, "longenough1")).containsEntry("role", "Admin").containsEntry("username", name);

        post("/api/v1/register", admin.token(), registration(name, "Standard")).expectStatus().isEqualTo(409)
                .expectBody().json("{\"username\":[\"A user with that username already exists.\"]}", true);
        post("/api/v1/register", admin.token(), Map.of("email", "not-an-email")).expectStatus().isBadRequest()
                .expectBody().json("{\"username\":[\"This field is required.\"],\"password\":[\"This field is required.\"],"
                        + "\"email\":[\"Enter a valid email address.\"]}", true);
        post("/api/v1/register", admin.token(), registration(unique(), "User")).expectStatus().isBadRequest()
                .expectBody().json("{\"role\":[\"\\\"User\\\" is not a valid choice.\"]}", true);
        post("/api/v1/register", admin.token(), Map.of("username", unique(), "password", "short"))
                .expectStatus().isBadRequest()
                .expectBody().json("{\"password\":[\"Ensure this field has at least 8 characters.\"]}", true);
    }

    @Test
    void registerNeedsAnAdminToken() {
        post("/api/v1/register", null, registration(unique(), "Standard")).expectStatus().isUnauthorized()
                .expectBody().json("{\"detail\":\"Authentication credentials were not provided.\"}", true);
        post("/api/v1/register", "not-a-token", registration(unique(), "Standard")).expectStatus().isUnauthorized()
                .expectBody().json("{\"detail\":\"Invalid token.\"}", true);
        post("/api/v1/register", user(Role.STANDARD).token(), registration(unique(), "Standard")).expectStatus().isForbidden()
                .expectBody().json("{\"detail\":\"You do not have permission to perform this action.\"}", true);
        post("/api/v1/register", superadmin().token(), registration(unique(), "Standard")).expectStatus().isCreated()
                .expectBody().jsonPath("$.role").isEqualTo("Standard");
    }

    @Test
    void loginAnswersErrorsInBitBlastsWords() {
        TestUser u = user(Role.STANDARD);
        post("/api/v1/d-login", null, Map.of("username", u.username())).expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"Please provide both username and password\"}", true);
        post("/api/v1/d-login", null, Map.of("username", u.username(), "password", "wrong-password"))
                .expectStatus().isUnauthorized().expectBody().json("{\"error\":\"Invalid credentials\"}", true);
        post("/api/v1/d-login", null, Map.of("username", "nobody-" + unique(), "password", "whatever1"))
                .expectStatus().isUnauthorized().expectBody().json("{\"error\":\"Invalid credentials\"}", true);
        http().get().uri("/api/v1/d-login").exchange().expectStatus().isEqualTo(405)
                .expectBody().json("{\"error\":\"GET method is not allowed.\"}", true);
    }

    @Test
    void formLoginGivesATokenThatWorksUntilLogout() {
        TestUser u = user(Role.READONLY);
        @SuppressWarnings("unchecked")
        Map<String, Object> login = http().post().uri("/api/v1/d-login/").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", u.username()).with("password", u.password()))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(login).containsEntry("username", u.username()).containsEntry("role", "Standard");
        String token = (String) login.get("token");
        assertThat(token).isNotBlank();

        get("/api/v1/get-user-info/", token).expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo(u.username())
                .jsonPath("$.email").isEqualTo(u.username() + "@example.com")
                .jsonPath("$.id").isEqualTo((int) u.user().userNumber())
                .jsonPath("$.role").isEqualTo("Standard");

        post("/api/v1/logout/", token, Map.of()).expectStatus().isCreated()
                .expectBody().json("{\"detail\":\"Successfully logged out.\"}", true);
        get("/api/v1/get-user-info", token).expectStatus().isUnauthorized()
                .expectBody().json("{\"detail\":\"Invalid token.\"}", true);
        post("/api/v1/logout", token, Map.of()).expectStatus().isUnauthorized()
                .expectBody().json("{\"detail\":\"Invalid token.\"}", true);
        post("/api/v1/logout", null, Map.of()).expectStatus().isUnauthorized()
                .expectBody().json("{\"detail\":\"Authentication credentials were not provided.\"}", true);
        // the token from AppTest is another session and still works
        get("/api/v1/get-user-info", u.token()).expectStatus().isOk();
    }

    @Test
    void userInfoNeedsAuthentication() {
        get("/api/v1/get-user-info", null).expectStatus().isUnauthorized()
                .expectBody().json("{\"detail\":\"Authentication credentials were not provided.\"}", true);
    }

    @Test
    void adminsListUsersWithDjangoFlags() {
        TestUser admin = user(Role.ADMIN);
        TestUser standard = user(Role.STANDARD);
        TestUser top = superadmin();
        get("/api/v1/users/", admin.token()).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.username == '" + standard.username() + "')].role").isEqualTo(List.of("Standard"))
                .jsonPath("$[?(@.username == '" + standard.username() + "')].is_staff").isEqualTo(List.of(false))
                .jsonPath("$[?(@.username == '" + standard.username() + "')].is_active").isEqualTo(List.of(true))
                .jsonPath("$[?(@.username == '" + standard.username() + "')].id").isEqualTo(List.of((int) standard.user().userNumber()))
                .jsonPath("$[?(@.username == '" + admin.username() + "')].role").isEqualTo(List.of("Admin"))
                .jsonPath("$[?(@.username == '" + admin.username() + "')].is_staff").isEqualTo(List.of(true))
                .jsonPath("$[?(@.username == '" + admin.username() + "')].is_superuser").isEqualTo(List.of(false))
                .jsonPath("$[?(@.username == '" + top.username() + "')].is_superuser").isEqualTo(List.of(true))
                .jsonPath("$[0].date_joined").isNotEmpty()
                .jsonPath("$[0].password").doesNotExist();
        get("/api/v1/users", standard.token()).expectStatus().isForbidden()
                .expectBody().json("{\"detail\":\"You do not have permission to perform this action.\"}", true);
        get("/api/v1/users", null).expectStatus().isUnauthorized()
                .expectBody().json("{\"detail\":\"Authentication credentials were not provided.\"}", true);
    }

    @Test
    void adminsAssignRolesAndAnyoneSignedInReadsThem() {
        TestUser admin = user(Role.ADMIN);
        TestUser target = user(Role.STANDARD);
        get("/api/v1/users/" + target.username() + "/user-role/", target.token()).expectStatus().isOk()
                .expectBody().json("{\"role\":\"Standard\"}", true);

        post("/api/v1/users/" + target.username() + "/assign-role/", admin.token(), Map.of("role", "Admin"))
                .expectStatus().isCreated()
                .expectBody().json("{\"message\":\"Role for " + target.username() + " changed to Admin\"}", true);
        get("/api/v1/users/" + target.username() + "/user-role", target.token()).expectStatus().isOk()
                .expectBody().json("{\"role\":\"Admin\"}", true);
        // the promoted user now passes the admin check
        get("/api/v1/users", target.token()).expectStatus().isOk();

        post("/api/v1/users/" + target.username() + "/assign-role", admin.token(), Map.of("role", "Superuser"))
                .expectStatus().isBadRequest().expectBody().json("{\"error\":\"Invalid role\"}", true);
        post("/api/v1/users/nobody-" + unique() + "/assign-role", admin.token(), Map.of("role", "Admin"))
                .expectStatus().isNotFound().expectBody().json("{\"error\":\"User not found\"}", true);
        get("/api/v1/users/nobody-" + unique() + "/user-role", admin.token())
                .expectStatus().isNotFound().expectBody().json("{\"error\":\"User not found\"}", true);
        post("/api/v1/users/" + admin.username() + "/assign-role", user(Role.STANDARD).token(), Map.of("role", "Standard"))
                .expectStatus().isForbidden();
        post("/api/v1/users/" + admin.username() + "/assign-role", null, Map.of("role", "Standard"))
                .expectStatus().isUnauthorized()
                .expectBody().json("{\"detail\":\"Authentication credentials were not provided.\"}", true);
        get("/api/v1/users/" + admin.username() + "/user-role", null).expectStatus().isUnauthorized();
    }

    @Test
    void theSuperadminCannotBeDemoted() {
        TestUser top = superadmin();
        TestUser admin = user(Role.ADMIN);
        post("/api/v1/users/" + top.username() + "/assign-role", admin.token(), Map.of("role", "Standard"))
                .expectStatus().isForbidden().expectBody().jsonPath("$.detail").isNotEmpty();
        // "Admin" is what BitBlast already sees: nothing changes and the superadmin stays one
        post("/api/v1/users/" + top.username() + "/assign-role", admin.token(), Map.of("role", "Admin"))
                .expectStatus().isCreated();
        get("/api/v1/users", admin.token()).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.username == '" + top.username() + "')].is_superuser").isEqualTo(List.of(true));
    }

    @Test
    void isConnectedIsPublic() {
        get("/api/v1/is-connected/", null).expectStatus().isOk().expectBody().json("{\"is_connected\":\"true\"}", true);
        get("/api/v1/is-connected", null).expectStatus().isOk();
    }

    @Test
    void aBitBlastUserLogsInThroughDriftMgr() {
        TestUser admin = user(Role.ADMIN);
        String name = unique();
        post("/api/v1/register", admin.token(), registration(name, "Standard")).expectStatus().isCreated();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) http().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("username", name, "password", "longenough1"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("data");
        assertThat((String) data.get("access_token")).isNotBlank();
        http().get().uri("/api/v1/get-user-info").header("Authorization", "Bearer " + data.get("access_token"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo(name);
    }
}
