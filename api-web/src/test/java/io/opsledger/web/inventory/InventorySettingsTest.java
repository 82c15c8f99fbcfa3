package io.opsledger.web.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The original backend's names (its frontend reads and sends these), and OpsLedger's two additions. */
    static final List<String> FIELDS = List.of("oidc_enabled", "oidc_provider_name", "oidc_client_id", "oidc_client_secret",
            "oidc_authority_url", "oidc_authorization_endpoint", "oidc_token_endpoint", "oidc_user_endpoint",
            "oidc_jwks_endpoint", "oidc_sign_algo", "oidc_role_claim", "oidc_admin_role_value", "oidc_default_role",
            "email_backend", "email_from_address", "email_from_name", "smtp_host", "smtp_port", "smtp_username",
            "smtp_use_tls", "smtp_use_ssl", "session_timeout_minutes", "discovery_interval", "updated_at");

    @Autowired
    EventStore eventStore;
    @Autowired
    SecretCipher cipher;

    private InventoryClient root() { return InventoryClient.withToken(http(), superadmin().token()); }

    @AfterEach
    void restore() {
        root().patch("/api/admin/settings", Map.of("oidc_enabled", false, "session_timeout_minutes", 480,
                "discovery_interval", "disabled", "email_backend", "console", "smtp_use_tls", false, "smtp_use_ssl", false));
    }

    @Test
    void roundTripWithWriteOnlySecrets() {
        InventoryClient admin = root();
        Response before = admin.get("/api/admin/settings/");
        assertThat(before.status()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        before.json().fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(FIELDS); // smtp_password is write-only

        String oidcSecret = "oidc-" + UUID.randomUUID();
        String smtpPassword = "smtp-" + UUID.randomUUID();
        Map<String, Object> change = new HashMap<>();
        change.put("oidc_enabled", true);
        change.put("oidc_provider_name", "Keycloak");
        change.put("oidc_client_id", "inventory");
        change.put("oidc_client_secret", oidcSecret);
        change.put("oidc_default_role", "admin");
        change.put("smtp_username", "mailer");
        change.put("smtp_password", smtpPassword);
        change.put("smtp_port", 2525);
        change.put("session_timeout_minutes", 60);
        change.put("discovery_interval", "monthly");
        Response patched = admin.patch("/api/admin/settings/", change);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.at("/oidc_client_secret").asText()).isEqualTo("********");
        assertThat(patched.json().has("smtp_password")).isFalse();
        assertThat(patched.text()).doesNotContain(oidcSecret).doesNotContain(smtpPassword);
        assertThat(patched.at("/oidc_provider_name").asText()).isEqualTo("Keycloak");
        assertThat(patched.at("/smtp_port").asInt()).isEqualTo(2525);
        assertThat(patched.at("/smtp_username").asText()).isEqualTo("mailer");
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
        Response put = admin.put("/api/admin/settings", Map.of("oidc_client_secret", "********", "oidc_provider_name", "Third"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.at("/oidc_provider_name").asText()).isEqualTo("Third");
        assertThat(put.at("/smtp_port").asInt()).isEqualTo(2525);
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
        Response cleared = admin.patch("/api/admin/settings", Map.of("smtp_password", ""));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.at("/oidc_client_secret").asText()).isEqualTo("********");
        assertThat(lastStored().emailHostPassword()).isNull();
    }

    @Test
    void invalidSettingsAre400FieldErrors() {
        InventoryClient admin = root();
        assertField(admin.patch("/api/admin/settings", Map.of("email_backend", "pigeon")), "email_backend", "\"pigeon\" is not a valid choice.");
        assertField(admin.patch("/api/admin/settings", Map.of("discovery_interval", "hourly")), "discovery_interval", "\"hourly\" is not a valid choice.");
        assertField(admin.patch("/api/admin/settings", Map.of("smtp_port", "abc")), "smtp_port", "A valid integer is required.");
        assertField(admin.patch("/api/admin/settings", Map.of("smtp_port", 70000)), "smtp_port", "Ensure this value is between 1 and 65535.");
        assertField(admin.patch("/api/admin/settings", Map.of("session_timeout_minutes", 0)), "session_timeout_minutes",
                "Ensure this value is greater than or equal to 1.");
        assertField(admin.patch("/api/admin/settings", Map.of("smtp_use_tls", true, "smtp_use_ssl", true)), "smtp_use_ssl",
                "smtp_use_tls and smtp_use_ssl are mutually exclusive.");
        assertField(admin.patch("/api/admin/settings", Map.of("oidc_enabled", "maybe")), "oidc_enabled", "Must be a valid boolean.");
        assertField(admin.patch("/api/admin/settings", Map.of("oidc_default_role", "superadmin")), "oidc_default_role",
                "\"superadmin\" is not a valid choice.");
        assertField(admin.patch("/api/admin/settings", Map.of("email_from_address", "nope")), "email_from_address", "Enter a valid email address.");
        assertField(admin.patch("/api/admin/settings", Map.of("email_from_address", "a@b@example.com")), "email_from_address",
                "Enter a valid email address.");
        // an error is named as the request named the field
        assertField(admin.patch("/api/admin/settings", Map.of("default_from_email", "nope")), "default_from_email", "Enter a valid email address.");
        assertThat(admin.get("/api/admin/settings").at("/email_backend").asText()).isEqualTo("console");
        assertThat(admin.delete("/api/admin/settings").status()).isEqualTo(405);
    }

    @Test
    void whatGetReturnsCanBeSentBack() {
        InventoryClient admin = root();
        // what the frontend's OIDC tab does: the whole of GET's answer, one field changed
        Map<String, Object> form = admin.get("/api/admin/settings/").json().properties().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue()));
        form.put("oidc_authority_url", "https://login.example.com/tenant/v2.0");
        Response patched = admin.patch("/api/admin/settings/", form);
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.at("/oidc_authority_url").asText()).isEqualTo("https://login.example.com/tenant/v2.0");
        Response put = admin.put("/api/admin/settings/", patched.json());
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        JsonNode putBack = ((ObjectNode) put.json().deepCopy()).without("updated_at");
        assertThat(putBack).isEqualTo(((ObjectNode) patched.json().deepCopy()).without("updated_at"));

        // Django's EmailField takes a bare localhost domain, as the default sender has
        Response local = admin.patch("/api/admin/settings/", Map.of("email_from_address", "opsledger@localhost"));
        assertThat(local.status()).as(local.text()).isEqualTo(200);
        assertThat(local.at("/email_from_address").asText()).isEqualTo("opsledger@localhost");
        assertThat(admin.post("/api/admin/settings/test-email/", Map.of("to", "root@localhost")).status()).isEqualTo(200);
    }

    @Test
    void theOriginalNamesAndTodaysAliasesBothWrite() {
        InventoryClient admin = root();
        Response defaults = admin.get("/api/admin/settings/");
        assertThat(defaults.at("/oidc_role_claim").asText()).isNotBlank();
        assertThat(defaults.at("/email_from_name").isTextual()).isTrue();

        Map<String, Object> original = new HashMap<>();
        original.put("smtp_host", "smtp.example.com");
        original.put("smtp_port", 587);
        original.put("smtp_username", "relay");
        original.put("smtp_use_tls", true);
        original.put("smtp_use_ssl", false);
        original.put("email_from_address", "assets@example.com");
        original.put("email_from_name", "Asset Manager");
        original.put("oidc_user_endpoint", "https://idp.example.com/userinfo");
        original.put("oidc_role_claim", "groups");
        original.put("oidc_admin_role_value", "inventory-admins");
        Response written = admin.patch("/api/admin/settings/", original);
        assertThat(written.status()).as(written.text()).isEqualTo(200);
        original.forEach((k, v) -> assertThat(written.at("/" + k).asText()).as(k).isEqualTo(String.valueOf(v)));

        Map<String, Object> aliases = new HashMap<>();
        aliases.put("email_host", "mail.example.org");
        aliases.put("email_port", 2525);
        aliases.put("email_host_user", "other");
        aliases.put("email_use_tls", false);
        aliases.put("email_use_ssl", true);
        aliases.put("default_from_email", "ops@example.org");
        aliases.put("oidc_userinfo_endpoint", "https://idp.example.org/me");
        aliases.put("email_host_password", "alias-secret");
        Response viaAliases = admin.patch("/api/admin/settings/", aliases);
        assertThat(viaAliases.status()).as(viaAliases.text()).isEqualTo(200);
        assertThat(viaAliases.at("/smtp_host").asText()).isEqualTo("mail.example.org");
        assertThat(viaAliases.at("/smtp_port").asInt()).isEqualTo(2525);
        assertThat(viaAliases.at("/smtp_username").asText()).isEqualTo("other");
        assertThat(viaAliases.at("/smtp_use_tls").asBoolean()).isFalse();
        assertThat(viaAliases.at("/smtp_use_ssl").asBoolean()).isTrue();
        assertThat(viaAliases.at("/email_from_address").asText()).isEqualTo("ops@example.org");
        assertThat(viaAliases.at("/oidc_user_endpoint").asText()).isEqualTo("https://idp.example.org/me");
        assertThat(viaAliases.json().has("email_host")).isFalse();
        assertThat(cipher.decrypt(lastStored().emailHostPassword())).isEqualTo("alias-secret");

        // both names at once: the original's wins
        Response both = admin.patch("/api/admin/settings/", Map.of("smtp_host", "wins.example.com", "email_host", "loses.example.com"));
        assertThat(both.at("/smtp_host").asText()).isEqualTo("wins.example.com");
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
