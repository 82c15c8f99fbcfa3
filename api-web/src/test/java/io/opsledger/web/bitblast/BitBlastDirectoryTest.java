package io.opsledger.web.bitblast;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.SlapdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.opsledger.testing.SlapdServer.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * BitBlast's directory endpoints against a real OpenLDAP (see {@link SlapdServer} for who is in it):
 * settings tested before they are saved, search-then-bind logins that work on every contract,
 * groups whose roles follow the directory, and disabled accounts locked out.
 */
class BitBlastDirectoryTest extends BitBlastTest {

    private static SlapdServer ldap;
    private TestUser admin;

    @BeforeAll
    static void directory() {
        ldap = SlapdServer.start();
        ldap.seedStandardDirectory();
    }

    @AfterAll
    static void stopDirectory() {
        ldap.close();
    }

    private static Map<String, Object> settings(SlapdServer server, String password) {
        return Map.of("ldapServerURI", server.uri(), "ldapServerBIND_DN", READER_DN,
                "ldapServerBIND_PASSWORD", password, "ldapGroupSearch", GROUPS_DN, "True", "True");
    }

    @BeforeEach
    void configure() {
        admin = user(Role.ADMIN);
        send("POST", "/api/v1/update_ldap_settings/", admin, settings(ldap, READER_PASSWORD)).expectStatus().isOk()
                .expectBody().jsonPath("$.message").isEqualTo("LDAP settings updated successfully");
    }

    /** Other tests of this application context log in with names the directory should not be asked about. */
    @AfterEach
    void reset() {
        send("POST", "/api/v1/reset_ldap_settings/", admin, null).expectStatus().isOk()
                .expectBody().json("{\"message\":\"LDAP settings disabled successfully\"}", true);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(String method, String uri, TestUser user, Object body, int status) {
        return send(method, uri, user, body).expectStatus().isEqualTo(status).expectBody(Map.class).returnResult()
                .getResponseBody();
    }

    private Map<String, Object> ldapLogin(String username, String password, int status) {
        return body("POST", "/api/v1/ldap-login/", null, Map.of("username", username, "password", password,
                "role", "Admin"), status);
    }

    private TestUser directoryUser(String username, String password) {
        Map<String, Object> login = ldapLogin(username, password, 200);
        return new TestUser(accounts.byUsername((String) login.get("username")), password, (String) login.get("token"));
    }

    private String role(String username) {
        return (String) body("GET", "/api/v1/users/" + username + "/user-role/", admin, null, 200).get("role");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> audit(String query) {
        TestUser root = superadmin();
        Map<String, Object> page = http().get().uri("/api/v1/audit/events?page_size=200&" + query)
                .header("Authorization", "Token " + root.token()).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) ((Map<String, Object>) page.get("data")).get("results");
    }

    @Test
    void settingsAreTriedBeforeTheyAreSavedAndTheBindPasswordIsNeverShown() {
        assertThat(body("POST", "/api/v1/update_ldap_settings/", admin, settings(ldap, "wrong-password"), 400)
                .get("error")).asString().contains("bind");
        try (SlapdServer gone = SlapdServer.start()) {
            gone.close();
            assertThat(body("POST", "/api/v1/update_ldap_settings/", admin, settings(gone, READER_PASSWORD), 400)
                    .get("error")).asString().contains("unreachable");
        }
        assertThat(body("POST", "/api/v1/update_ldap_settings/", admin,
                with(settings(ldap, READER_PASSWORD), "ldapGroupSearch", "ou=nowhere," + BASE_DN), 400).get("error"))
                .asString().contains("ou=nowhere");
        assertThat(body("POST", "/api/v1/update_ldap_settings/", admin,
                with(settings(ldap, READER_PASSWORD), "ldapServerURI", "http://example.com"), 400).get("error"))
                .asString().contains("URI");
        body("POST", "/api/v1/update_ldap_settings/", user(Role.STANDARD), settings(ldap, READER_PASSWORD), 403);
        body("POST", "/api/v1/update_ldap_settings/", null, settings(ldap, READER_PASSWORD), 401);

        // the refused ones changed nothing; a change without the password keeps the saved one
        Map<String, Object> shown = body("GET", "/api/v1/ldap_settings/", admin, null, 200);
        assertThat(shown).containsEntry("configured", true).containsEntry("ldapServerURI", ldap.uri())
                .containsEntry("ldapServerBIND_PASSWORD", "********").containsEntry("vendor", "OpenLDAP");
        assertThat(shown.toString()).doesNotContain(READER_PASSWORD);
        body("POST", "/api/v1/update_ldap_settings/", admin, Map.of("ldapServerURI", ldap.uri(),
                "ldapServerBIND_DN", READER_DN, "ldapGroupSearch", GROUPS_DN, "ldapConnectTimeout", 3), 200);
        directoryUser("alice", ALICE_PASSWORD);

        // the trail says who changed the settings, with the password encrypted
        List<Map<String, Object>> changes = audit("event_type=DirectorySettingsSaved");
        assertThat(changes).anySatisfy(e -> assertThat(e.get("metadata")).asString().contains(admin.username()));
        assertThat(changes.toString()).doesNotContain(READER_PASSWORD);

        body("POST", "/api/v1/reset_ldap_settings/", admin, null, 200);
        assertThat(body("GET", "/api/v1/ldap_settings/", admin, null, 200)).containsEntry("configured", false);
        assertThat(ldapLogin("alice", ALICE_PASSWORD, 400).get("error")).asString().contains("not configured");
        assertThat(audit("event_type=DirectorySettingsCleared"))
                .anySatisfy(e -> assertThat(e.get("metadata")).asString().contains(admin.username()));
        configure();
    }

    @Test
    void aDirectoryUserLogsInBySearchThenBindOnEveryContract() {
        Map<String, Object> login = ldapLogin("alice", ALICE_PASSWORD, 200);
        assertThat(login).containsEntry("username", "alice").containsEntry("role", "Standard");
        body("GET", "/api/v1/get-user-info/", new TestUser(null, null, (String) login.get("token")), null, 200);
        assertThat(ldapLogin("alice", "not-her-password", 401)).isEqualTo(Map.of("error", "Invalid credentials"));
        assertThat(ldapLogin("nobody", "whatever-pw", 401)).isEqualTo(Map.of("error", "Invalid credentials"));
        assertThat(body("POST", "/api/v1/ldap-login/", null, Map.of("username", "alice"), 400))
                .isEqualTo(Map.of("error", "Please provide both username and password"));

        // by userPrincipalName, and the one whose DN needs escaping
        assertThat(ldapLogin("bob.builder@example.com", BOB_PASSWORD, 200)).containsEntry("username", "bbuilder");
        assertThat(ldapLogin("jsmith", JSMITH_PASSWORD, 200)).containsEntry("username", "jsmith");
        assertThat(accounts.byUsername("bbuilder").email()).isEqualTo("bob@example.com");

        // the username only ever goes into a filter, escaped
        for (String injection : List.of("*", "alice)(uid=*", "*)(|(uid=*", "al*", "alice\u0000")) {
            ldapLogin(injection, ALICE_PASSWORD, 401);
        }

        // one identity, every login style: BitBlast's d-login, DriftMgr's JWT login, migasfree's token
        body("POST", "/api/v1/d-login/", null, Map.of("username", "alice", "password", ALICE_PASSWORD), 200);
        body("POST", "/api/v1/d-login/", null, Map.of("username", "alice", "password", "not-her-password"), 401);
        body("POST", "/api/v1/auth/login", null, Map.of("username", "alice", "password", ALICE_PASSWORD), 200);
        body("POST", "/token-auth/", null, Map.of("username", "carol", "password", CAROL_PASSWORD), 200);
        assertThat(accounts.byUsername("carol").directory()).isTrue();

        // there is no password here to change
        TestUser alice = directoryUser("alice", ALICE_PASSWORD);
        Map<String, Object> refused = http().post().uri("/api/v1/auth/change-password")
                .header("Authorization", "Token " + alice.token()).bodyValue(Map.of("current_password", ALICE_PASSWORD,
                        "new_password", "something-new-1")).exchange().expectStatus().isBadRequest()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(refused.toString()).contains("directory");
    }

    @Test
    void aLocalAccountIsNotTakenOverByADirectoryPersonOfTheSameName() {
        TestUser local = user(Role.STANDARD);
        ldap.add(new com.unboundid.ldap.sdk.Entry("uid=" + local.username() + "," + PEOPLE_DN,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "inetOrgPerson"),
                new com.unboundid.ldap.sdk.Attribute("uid", local.username()),
                new com.unboundid.ldap.sdk.Attribute("cn", "Impostor"), new com.unboundid.ldap.sdk.Attribute("sn", "I"),
                new com.unboundid.ldap.sdk.Attribute("userPassword", "impostor-pw")));
        try {
            body("POST", "/api/v1/ldap-login/", null, Map.of("username", local.username(), "password", "impostor-pw"), 409);
            body("POST", "/api/v1/d-login/", null, Map.of("username", local.username(), "password", "impostor-pw"), 401);
            body("POST", "/api/v1/d-login/", null, Map.of("username", local.username(), "password", local.password()), 200);
        } finally {
            ldap.delete("uid=" + local.username() + "," + PEOPLE_DN);
        }
    }

    @Test
    void aDisabledAccountCannotLogInAndItsSessionsEndAtTheNextSync() {
        ldapLogin("dave", DAVE_PASSWORD, 401);
        TestUser alice = directoryUser("alice", ALICE_PASSWORD);
        body("GET", "/api/v1/get-user-info/", alice, null, 200);
        ldap.replace(ALICE_DN, "userAccountControl", "514");
        try {
            ldapLogin("alice", ALICE_PASSWORD, 401);
            body("GET", "/api/v1/get-user-info/", alice, null, 401); // the refused login saw it first
            ldap.replace(ALICE_DN, "userAccountControl", "512");
            alice = directoryUser("alice", ALICE_PASSWORD);

            ldap.replace(ALICE_DN, "userAccountControl", "514");
            body("GET", "/api/v1/get-user-info/", alice, null, 200); // until the directory is asked again
            body("GET", "/api/v1/save-ad-groups/", admin, null, 200);
            body("GET", "/api/v1/get-user-info/", alice, null, 401);
            body("POST", "/api/v1/d-login/", null, Map.of("username", "alice", "password", ALICE_PASSWORD), 401);
        } finally {
            ldap.replace(ALICE_DN, "userAccountControl", "512");
        }
        directoryUser("alice", ALICE_PASSWORD);
    }

    @Test
    void anAccountDeletedFromTheDirectoryIsLockedOutAtTheNextSync() {
        String name = "leaver" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String dn = "uid=" + name + "," + PEOPLE_DN;
        ldap.addLdif("dn: " + dn + "\nobjectClass: inetOrgPerson\nuid: " + name + "\ncn: Leaver\nsn: L\n"
                + "userPassword: leaver-pw\n");
        TestUser leaver = directoryUser(name, "leaver-pw");
        body("GET", "/api/v1/get-user-info/", leaver, null, 200);
        ldap.delete(dn);
        body("GET", "/api/v1/save-ad-users/", admin, null, 200);
        body("GET", "/api/v1/get-user-info/", leaver, null, 401);
        ldapLogin(name, "leaver-pw", 401);
        assertThat(accounts.byUsername(name).active()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void groupsGiveTheirRolesAndASyncTakesThemBackWhenMembershipChanges() {
        assertThat(body("GET", "/api/v1/save-ad-groups/", admin, null, 200))
                .containsEntry("message", "LDAP groups and members saved successfully");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) body("GET", "/api/v1/list-gmember/", admin, null, 200)
                .get("groups");
        Map<String, Object> byName = new java.util.HashMap<>();
        groups.forEach(g -> byName.put((String) g.get("group_name"), g.get("members")));
        assertThat(byName).containsEntry("admins", List.of("alice", "jsmith"))
                .containsEntry("ssh-users", List.of("carol"));
        // nested: developers holds the group admins, staff holds developers
        assertThat((List<String>) byName.get("staff")).contains("alice", "bbuilder", "carol", "jsmith");

        assertThat(body("POST", "/api/v1/assign-role-group/", admin, Map.of("group_name", "admins", "role_name", "Admin",
                "sAMAccountNames", List.of("alice", "jsmith")), 201))
                .isEqualTo(Map.of("success", true, "message", "Roles assigned to members of admins"));
        assertThat(body("GET", "/api/v1/fetch-group-role/admins/", admin, null, 200))
                .isEqualTo(Map.of("success", true, "group_name", "admins", "role_name", "Admin"));
        assertThat(role("alice")).isEqualTo("Admin");
        assertThat(role("jsmith")).isEqualTo("Admin");
        assertThat(ldapLogin("jsmith", JSMITH_PASSWORD, 200)).containsEntry("role", "Admin");

        ldap.removeMember(ADMINS_DN, ALICE_DN);
        try {
            assertThat(role("alice")).isEqualTo("Admin"); // until the next sync
            body("GET", "/api/v1/save-ad-groups/", admin, null, 200);
            assertThat(role("alice")).isEqualTo("Standard");
            assertThat(role("jsmith")).isEqualTo("Admin");
            String aliceId = accounts.byUsername("alice").userId();
            assertThat(audit("aggregate_id=" + aliceId + "&event_type=GroupRoleWithdrawn")).first().satisfies(e -> {
                assertThat((Map<String, Object>) e.get("payload")).containsEntry("group", "admins")
                        .containsEntry("reason", "no longer a member of the group");
                assertThat((Map<String, Object>) e.get("metadata")).hasEntrySatisfying("cause",
                        cause -> assertThat(cause).asString().startsWith("directory-sync:"));
            });
        } finally {
            ldap.addMember(ADMINS_DN, ALICE_DN);
        }
        body("GET", "/api/v1/save-ad-groups/", admin, null, 200);
        assertThat(role("alice")).isEqualTo("Admin");
        body("POST", "/api/v1/assign-role-group/", admin, Map.of("group_name", "admins", "role_name", "Standard"), 201);
        assertThat(role("alice")).isEqualTo("Standard");
    }

    @Test
    void groupRoleRequestsAreCheckedInTheContractsShape() {
        body("GET", "/api/v1/save-ad-groups/", admin, null, 200);
        assertThat(body("POST", "/api/v1/assign-role-group/", admin, Map.of("role_name", "Admin"), 400))
                .isEqualTo(Map.of("success", false, "message", "group_name, role_name, and sAMAccountNames are required."));
        assertThat(body("POST", "/api/v1/assign-role-group/", admin, Map.of("group_name", "nope", "role_name", "Admin"), 400))
                .isEqualTo(Map.of("success", false, "message", "Group nope does not exist"));
        assertThat(body("POST", "/api/v1/assign-role-group/", admin, Map.of("group_name", "admins", "role_name", "Root"), 400))
                .isEqualTo(Map.of("success", false, "message", "Invalid role"));
        assertThat(body("GET", "/api/v1/assign-role-group/", admin, null, 405))
                .isEqualTo(Map.of("success", false, "message", "Invalid request method"));
        assertThat(body("GET", "/api/v1/fetch-group-role/ssh-users/", admin, null, 404))
                .isEqualTo(Map.of("success", false, "message", "No role assigned to group ssh-users"));
        assertThat(body("GET", "/api/v1/fetch-group-role/nope/", admin, null, 404))
                .containsEntry("success", false);
        TestUser standard = user(Role.STANDARD);
        for (String uri : List.of("/api/v1/save-ad-groups/", "/api/v1/list-gmember/", "/api/v1/save-ad-users/",
                "/api/v1/ad-users/", "/api/v1/fetch-group-role/admins/", "/api/v1/ldap_settings/")) {
            body("GET", uri, standard, null, 403);
            body("GET", uri, null, null, 401);
        }
        body("POST", "/api/v1/assign-role-group/", standard, Map.of("group_name", "admins", "role_name", "Admin"), 403);
        body("POST", "/api/v1/reset_ldap_settings/", standard, null, 403);
    }

    @Test
    void badInputIsA4xxInTheContractsShape() {
        for (String uri : List.of("/api/v1/ldap-login/", "/api/v1/update_ldap_settings/", "/api/v1/assign-role-group/")) {
            http().post().uri(uri).header("Authorization", "Token " + admin.token())
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue("{\"username\": ")
                    .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error").exists();
        }
        assertThat(body("POST", "/api/v1/update_ldap_settings/", admin,
                with(settings(ldap, READER_PASSWORD), "ldapConnectTimeout", "soon"), 400)).containsKey("ldapConnectTimeout");
        assertThat(body("POST", "/api/v1/update_ldap_settings/", admin,
                with(settings(ldap, READER_PASSWORD), "ldapReadTimeout", 100_000), 400)).containsKey("ldapReadTimeout");
        assertThat(body("POST", "/api/v1/update_ldap_settings/", admin,
                with(settings(ldap, READER_PASSWORD), "ldapStartTLS", Map.of("$set", 1)), 400)).containsKey("ldapStartTLS");
        assertThat(body("POST", "/api/v1/update_ldap_settings/", admin,
                with(settings(ldap, READER_PASSWORD), "ldapServerURI", List.of("ldap://x")), 400)).containsKey("ldapServerURI");
        body("POST", "/api/v1/ldap-login/", null, Map.of("username", Map.of("$ne", ""), "password", "x"), 400);
        body("POST", "/api/v1/ldap-login/", null, Map.of("username", "a".repeat(20_000), "password", "whatever-pw"), 401);
        body("POST", "/api/v1/ldap-login/", null, Map.of("username", "alice\r\n(uid=*)", "password", ALICE_PASSWORD), 401);
        body("POST", "/api/v1/assign-role-group/", admin, Map.of("group_name", List.of("admins"), "role_name", "Admin"), 400);
        body("POST", "/api/v1/assign-role-group/", admin, Map.of("group_name", "admins", "role_name", "Admin",
                "sAMAccountNames", Map.of("a.b", 1)), 400);
        body("GET", "/api/v1/fetch-group-role/" + "%00%24x.y/", admin, null, 404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void usersAreImportedFromTheDirectory() {
        List<Map<String, Object>> saved = (List<Map<String, Object>>) body("GET", "/api/v1/save-ad-users/", admin, null, 200)
                .get("users");
        assertThat(saved).extracting(u -> u.get("sAMAccountName")).contains("alice", "bbuilder", "carol", "jsmith")
                .doesNotContain("dave");
        assertThat(accounts.byUsername("bbuilder").directory()).isTrue();
        // read back from what was imported: the disabled one was not
        assertThat((List<String>) body("GET", "/api/v1/ad-users/", admin, null, 200).get("user_names"))
                .contains("alice", "bbuilder", "carol", "jsmith").doesNotContain("dave");
    }

    @Test
    void aDirectoryThatIsDownIsNamedAsTheCauseAndNeverHangs() {
        directoryUser("carol", CAROL_PASSWORD);
        try (SlapdServer doomed = SlapdServer.start()) {
            doomed.seedStandardDirectory();
            send("POST", "/api/v1/update_ldap_settings/", admin, settings(doomed, READER_PASSWORD)).expectStatus().isOk();
            doomed.close();
            assertThat(ldapLogin("alice", ALICE_PASSWORD, 503).get("error")).asString().contains("LDAP server unreachable");
            assertThat(body("GET", "/api/v1/save-ad-groups/", admin, null, 503).get("error")).asString()
                    .contains("LDAP server unreachable");
            body("GET", "/api/v1/ad-users/", admin, null, 200); // what was imported is still known here
            // a directory user's login says why; a name nobody knows is just wrong
            body("POST", "/api/v1/d-login/", null, Map.of("username", "carol", "password", CAROL_PASSWORD), 503);
            body("POST", "/api/v1/d-login/", null, Map.of("username", "nobody-here", "password", "whatever-pw"), 401);
            // local users never depend on the directory
            TestUser local = user(Role.STANDARD);
            body("POST", "/api/v1/d-login/", null, Map.of("username", local.username(), "password", local.password()), 200);
        }
    }
}
