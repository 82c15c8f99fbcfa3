package io.opsledger.web.identity;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Nobody gains rights they were not given: anonymous sign-up, and admins against the superadmin. */
class PrivilegesTest extends AppTest {

    private static final String PASSWORD = "long-enough-password";

    private static String unique(String prefix) { return prefix + UUID.randomUUID().toString().substring(0, 8); }

    private String driftJwt(String username, String password) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) http().post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("username", username, "password", password)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("data");
        return (String) data.get("access_token");
    }

    @Test
    void anonymousSignUpOnDriftMgrGivesAViewerThatCannotDetectOrLockUntilAnAdminPromotes() {
        String name = unique("selfdm");
        http().post().uri("/api/v1/auth/register")
                .bodyValue(Map.of("username", name, "email", name + "@example.com", "password", PASSWORD))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.data.role").isEqualTo("viewer");
        String jwt = driftJwt(name, PASSWORD);
        http().post().uri("/api/v1/drift/detect").header("Authorization", "Bearer " + jwt).bodyValue(Map.of())
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.error.code").isEqualTo("INSUFFICIENT_PERMISSIONS");
        http().post().uri("/api/v1/state/lock").header("Authorization", "Bearer " + jwt)
                .bodyValue(Map.of("state_id", UUID.randomUUID().toString(), "reason", "mine now"))
                .exchange().expectStatus().isForbidden();
        // the inventory shows the same user as readonly
        http().get().uri("/api/auth/me").header("Authorization", "Bearer " + jwt).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("readonly");

        // an admin promotes: BitBlast's "Standard" makes a DriftMgr operator
        http().post().uri("/api/v1/users/" + name + "/assign-role/").header("Authorization", "Token " + superadmin().token())
                .bodyValue(Map.of("role", "Standard")).exchange().expectStatus().isCreated();
        http().get().uri("/api/v1/auth/profile").header("Authorization", "Bearer " + jwt).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.role").isEqualTo("operator");
    }

    @Test
    void anonymousSignUpOnApiMigrationGivesTheLowestRole() {
        String name = unique("selfmig");
        http().post().uri("/api/v1/auth/").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=" + name + "&password=" + PASSWORD).exchange().expectStatus().isCreated();
        String jwt = driftJwt(name, PASSWORD);
        http().get().uri("/api/v1/auth/profile").header("Authorization", "Bearer " + jwt).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.role").isEqualTo("viewer");
        http().post().uri("/api/v1/drift/detect").header("Authorization", "Bearer " + jwt).bodyValue(Map.of())
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void anOrdinaryAdminCannotTakeOverTheSuperadmin() {
        TestUser root = superadmin();
        TestUser admin = user(Role.ADMIN);
        String path = "/api/admin/users/" + root.user().userNumber() + "/";
        String originalEmail = accounts.byId(root.user().userId()).email();

        for (Map<String, Object> change : java.util.List.<Map<String, Object>>of(
                Map.of("password", "taken-over-password"),
                Map.of("email", "attacker@example.com"),
                Map.of("username", unique("notroot")),
                Map.of("email", "attacker@example.com", "password", "taken-over-password"))) {
            http().patch().uri(path).header("Authorization", "Token " + admin.token()).bodyValue(change)
                    .exchange().expectStatus().isForbidden();
        }
        http().put().uri(path).header("Authorization", "Token " + admin.token())
                .bodyValue(Map.of("username", root.username(), "email", "attacker@example.com", "role", "superadmin",
                        "password", "taken-over-password")).exchange().expectStatus().isForbidden();

        // nothing changed: the attacker cannot log in as the superadmin, the superadmin still can
        http().post().uri("/api/v1/auth/login").bodyValue(Map.of("username", root.username(), "password", "taken-over-password"))
                .exchange().expectStatus().isUnauthorized();
        driftJwt(root.username(), root.password());
        assertThat(accounts.byId(root.user().userId()).email()).isEqualTo(originalEmail);
        assertThat(accounts.byId(root.user().userId()).username()).isEqualTo(root.username());

        // the admin may still change other users, and the superadmin its own email
        TestUser plain = user(Role.READONLY);
        http().patch().uri("/api/admin/users/" + plain.user().userNumber() + "/").header("Authorization", "Token " + admin.token())
                .bodyValue(Map.of("email", "plain-new@example.com")).exchange().expectStatus().isOk();
        http().patch().uri(path).header("Authorization", "Token " + root.token())
                .bodyValue(Map.of("email", "root-new@example.com")).exchange().expectStatus().isOk();
        http().patch().uri(path).header("Authorization", "Token " + root.token())
                .bodyValue(Map.of("email", originalEmail)).exchange().expectStatus().isOk();
    }
}
