package io.opsledger.web.bitblast;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.testing.Http;
import io.opsledger.testing.InProcessApp;
import io.opsledger.testing.SlapdServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import static io.opsledger.testing.SlapdServer.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory syncs itself on OPSLEDGER_LDAP_SYNC_INTERVAL while it is set up: nobody calls
 * save-ad-groups, yet a member taken out of a group loses its role and a disabled account's session
 * ends; after a reset nothing syncs any more.
 */
class DirectoryScheduledSyncTest {

    private static final String PASSWORD = "directory-sync-password";

    @TempDir
    Path data;

    private static <T> T await(Callable<T> value, Predicate<T> condition) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = value.call();
        while (!condition.test(last) && System.nanoTime() < until) {
            Thread.sleep(250);
            last = value.call();
        }
        assertThat(condition.test(last)).as("still %s", last).isTrue();
        return last;
    }

    @Test
    void theScheduleSyncsRolesAndDisabledAccountsUntilTheSettingsAreReset() throws Exception {
        try (SlapdServer ldap = SlapdServer.start();
             ConfigurableApplicationContext app = InProcessApp.start(data, PASSWORD, "--opsledger.ldap.sync-interval=PT1S")) {
            ldap.seedStandardDirectory();
            Http http = InProcessApp.http(app);
            String root = "Token " + http.post("/api/v1/d-login/", Map.of("username", "root", "password", PASSWORD), null)
                    .body().path("token").asText();
            assertThat(http.post("/api/v1/update_ldap_settings/", Map.of("ldapServerURI", ldap.uri(),
                    "ldapServerBIND_DN", READER_DN, "ldapServerBIND_PASSWORD", READER_PASSWORD), root).status()).isEqualTo(200);
            assertThat(http.get("/api/v1/save-ad-groups/", root).status()).isEqualTo(200);
            assertThat(http.post("/api/v1/assign-role-group/", Map.of("group_name", "admins", "role_name", "Admin"),
                    root).status()).isEqualTo(201);
            Callable<String> aliceRole = () -> http.get("/api/v1/users/alice/user-role/", root).body().path("role").asText();
            assertThat(aliceRole.call()).isEqualTo("Admin");
            String jsmith = "Token " + http.post("/api/v1/ldap-login/", Map.of("username", "jsmith", "password",
                    JSMITH_PASSWORD), null).body().path("token").asText();
            assertThat(http.get("/api/v1/get-user-info/", jsmith).status()).isEqualTo(200);

            ldap.removeMember(ADMINS_DN, ALICE_DN);
            ldap.replace(JSMITH_DN, "userAccountControl", "514");
            await(aliceRole, "Standard"::equals);
            await(() -> http.get("/api/v1/get-user-info/", jsmith).status(), status -> status == 401);
            JsonNode syncs = http.get("/api/v1/audit/events?event_type=DirectorySynced", root).body().path("data");
            assertThat(syncs.path("results").get(0).path("payload").path("trigger").asText()).isEqualTo("schedule");

            assertThat(http.post("/api/v1/reset_ldap_settings/", Map.of(), root).status()).isEqualTo(200);
            long before = http.get("/api/v1/audit/events?event_type=DirectorySynced", root).body().path("data")
                    .path("count").asLong();
            ldap.addMember(ADMINS_DN, ALICE_DN);
            Thread.sleep(3_000); // three intervals: a sync would have run by now
            assertThat(http.get("/api/v1/audit/events?event_type=DirectorySynced", root).body().path("data")
                    .path("count").asLong()).isEqualTo(before);
            assertThat(aliceRole.call()).isEqualTo("Standard");
        }
    }
}
