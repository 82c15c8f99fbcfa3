package io.opsledger.web.inventory;

import io.opsledger.common.SecretCipher;
import io.opsledger.identity.api.SiteSettingsMessages.SiteSettingsUpdated;
import io.opsledger.identity.api.SiteSettingsValues;
import io.opsledger.testing.AppTest;
import io.opsledger.web.inventory.InventoryClient.Response;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InventorySettingsTest extends AppTest {

    static final List<String> FIELDS = List.of("oidc_enabled", "oidc_provider_name", "oidc_client_id", "oidc_client_secret",
            "oidc_authorization_endpoint", "oidc_token_endpoint", "oidc_userinfo_endpoint", "oidc_jwks_endpoint",
            "oidc_sign_algo", "oidc_default_role", "email_backend", "email_host", "email_port", "email_host_user",
            "email_host_password", "email_use_tls", "email_use_ssl", "default_from_email", "session_timeout_minutes",
            "discovery_interval", "updated_at");

    @Autowired
    EventStore eventStore;
    @Autowired
    SecretCipher cipher;

    private InventoryClient root() { return InventoryClient.withToken(http(), superadmin().token()); }

    @AfterEach
    void restore() {
        root().patch("/api/admin/settings", Map.of("oidc_enabled", false, "session_timeout_minutes", 480,
                "discovery_interval", "disabled", "email_backend", "console", "email_use_tls", false, "email_use_ssl", false));
    }

    @Test
    void roundTripWithWriteOnlySecrets() {
        InventoryClient admin = root();
        Response before = admin.get("/api/admin/settings/");
        assertThat(before.status()).isEqualTo(200);
        FIELDS.forEach(f -> assertThat(before.json().has(f)).as(f).isTrue());

        String oidcSecret = "oidc-" + UUID.randomUUID();
        String smtpPassword = "smtp-" + UUID.randomUUID();
        Map<String, Object> change = new HashMap<>();
        change.put("oidc_enabled", true);
        change.put("oidc_provider_name", "Keycloak");
        change.put("oidc_client_id", "inventory");
        change.put("oidc_client_secret", oidcSecret);
        change.put("oidc_default_role", "admin");
        change.put("email_host_user", "mailer");
        change.put("email_host_password", smtpPassword);
        change.put("email_port", 2525);
        change.put("session_timeout_minutes", 60);
        change.put("discovery_interval", "monthly");
        Response patched = admin.patch("/api/admin/settings/", change);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.at("/oidc_client_secret").asText()).isEqualTo("********");
        assertThat(patched.at("/email_host_password").asText()).isEqualTo("********");
        assertThat(patched.text()).doesNotContain(oidcSecret).doesNotContain(smtpPassword);
        assertThat(patched.at("/oidc_provider_name").asText()).isEqualTo("Keycloak");
        assertThat(patched.at("/email_port").asInt()).isEqualTo(2525);
        assertThat(patched.at("/session_timeout_minutes").asInt()).isEqualTo(60);
        assertThat(patched.at("/discovery_interval").asText()).isEqualTo("monthly");
        assertThat(patched.at("/updated_at").asText()).isNotBlank();

        Response read = admin.get("/api/admin/settings");
        assertThat(read.json()).isEqualTo(patched.json());
        assertThat(new InventoryClient(http()).get("/api/auth/config").at("/oidc_enabled").asBoolean()).isTrue();

        // the session lasts as long as the settings say
        TestUser u = superadmin();
        Response login = new InventoryClient(http()).post("/api/auth/login", Map.of("username", u.username(), "password", u.password()));
        assertThat(login.cookies().getFirst("sessionid").getMaxAge()).isEqualTo(Duration.ofMinutes(60));

        // a PATCH without the secrets, and a PUT echoing the mask, keep them
        assertThat(admin.patch("/api/admin/settings", Map.of("oidc_provider_name", "Other")).at("/oidc_client_secret").asText())
                .isEqualTo("********");
        Response put = admin.put("/api/admin/settings", Map.of("oidc_client_secret", "********", "email_host_password", "********",
                "oidc_provider_name", "Third"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.at("/oidc_provider_name").asText()).isEqualTo("Third");
        assertThat(put.at("/email_port").asInt()).isEqualTo(2525);
        SiteSettingsValues stored = lastStored();
        assertThat(stored.oidcClientSecret().ciphertext()).doesNotContain(oidcSecret);
        assertThat(cipher.decrypt(stored.oidcClientSecret())).isEqualTo(oidcSecret);
        assertThat(cipher.decrypt(stored.emailHostPassword())).isEqualTo(smtpPassword);

        // the audit trail shows the change, never the secrets
        Response audit = admin.get("/api/v1/audit/events?event_type=SiteSettingsUpdated&page_size=100");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.at("/data/count").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(audit.text()).doesNotContain(oidcSecret).doesNotContain(smtpPassword)
                .doesNotContain(stored.oidcClientSecret().ciphertext());
        assertThat(audit.at("/data/results/0/event_type").isMissingNode() ? audit.at("/data/results/0/eventType").asText()
                : audit.at("/data/results/0/event_type").asText()).isEqualTo("SiteSettingsUpdated");
        assertThat(audit.at("/data/results/0/payload/settings/oidcClientSecret").asText()).isEqualTo("********");
        assertThat(audit.at("/data/results/0/payload/settings/emailHostPassword").asText()).isEqualTo("********");

        // an empty value clears a secret
        Response cleared = admin.patch("/api/admin/settings", Map.of("email_host_password", ""));
        assertThat(cleared.at("/email_host_password").asText()).isEmpty();
        assertThat(cleared.at("/oidc_client_secret").asText()).isEqualTo("********");
        assertThat(lastStored().emailHostPassword()).isNull();
    }

    @Test
    void invalidSettingsAre400FieldErrors() {
        InventoryClient admin = root();
        assertField(admin.patch("/api/admin/settings", Map.of("email_backend", "pigeon")), "email_backend", "\"pigeon\" is not a valid choice.");
        assertField(admin.patch("/api/admin/settings", Map.of("discovery_interval", "hourly")), "discovery_interval", "\"hourly\" is not a valid choice.");
        assertField(admin.patch("/api/admin/settings", Map.of("email_port", "abc")), "email_port", "A valid integer is required.");
        assertField(admin.patch("/api/admin/settings", Map.of("email_port", 70000)), "email_port", "Ensure this value is between 1 and 65535.");
        assertField(admin.patch("/api/admin/settings", Map.of("session_timeout_minutes", 0)), "session_timeout_minutes",
                "Ensure this value is greater than or equal to 1.");
        assertField(admin.patch("/api/admin/settings", Map.of("email_use_tls", true, "email_use_ssl", true)), "email_use_ssl",
                "email_use_tls and email_use_ssl are mutually exclusive.");
        assertField(admin.patch("/api/admin/settings", Map.of("oidc_enabled", "maybe")), "oidc_enabled", "Must be a valid boolean.");
        assertField(admin.patch("/api/admin/settings", Map.of("oidc_default_role", "superadmin")), "oidc_default_role",
                "\"superadmin\" is not a valid choice.");
        assertField(admin.patch("/api/admin/settings", Map.of("default_from_email", "nope")), "default_from_email", "Enter a valid email address.");
        assertThat(admin.get("/api/admin/settings").at("/email_backend").asText()).isEqualTo("console");
        assertThat(admin.delete("/api/admin/settings").status()).isEqualTo(405);
    }

    private static void assertField(Response r, String field, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.at("/" + field + "/0").asText()).as(r.text()).isEqualTo(message);
    }

    private SiteSettingsValues lastStored() {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents("site").asStream()
                .filter(e -> e.getPayload() instanceof SiteSettingsUpdated).toList();
        return ((SiteSettingsUpdated) events.get(events.size() - 1).getPayload()).settings();
    }
}
