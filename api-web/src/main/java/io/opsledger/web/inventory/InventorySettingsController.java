package io.opsledger.web.inventory;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.identity.TestMail;
import io.opsledger.identity.api.IdentityQueries.GetSiteSettings;
import io.opsledger.identity.api.IdentityQueries.SiteSettingsView;
import io.opsledger.identity.api.SiteSettingsMessages;
import io.opsledger.identity.api.SiteSettingsMessages.UpdateSiteSettings;
import io.opsledger.identity.api.SiteSettingsValues;
import io.opsledger.common.Commands;
import io.opsledger.common.Masked;
import io.opsledger.common.WriteOnlySecrets;
import io.opsledger.common.WriteOnlySecrets.Blank;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.RequestContext;
import io.opsledger.web.Web;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asset inventory's site settings (asset-inventory-api.md, Admin), under the original backend's
 * names. PUT and PATCH both change only the fields given; the rest keep their values, so what a GET
 * returned can be sent back as it is. The SMTP password is write-only (never returned); the OIDC
 * client secret reads "********" when set, and sending that back keeps it.
 */
@RestController
@RequestMapping("/api/admin/settings")
public class InventorySettingsController {

    private static final List<String> DEFAULT_ROLES = List.of("admin", "readonly");
    /** The original backend's names (what its frontend sends) and the names OpsLedger served first, still accepted. */
    private static final Map<String, String> ALIASES = Map.of("smtp_host", "email_host", "smtp_port", "email_port",
            "smtp_username", "email_host_user", "smtp_password", "email_host_password", "smtp_use_tls", "email_use_tls",
            "smtp_use_ssl", "email_use_ssl", "email_from_address", "default_from_email",
            "oidc_user_endpoint", "oidc_userinfo_endpoint");

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final WriteOnlySecrets secrets;
    private final TestMail testMail;

    public InventorySettingsController(Web web, Commands commands, Queries queries, WriteOnlySecrets secrets, TestMail testMail) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.secrets = secrets;
        this.testMail = testMail;
    }

    @GetMapping
    public Mono<ResponseEntity<?>> get(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            return ResponseEntity.ok(render(settings()));
        });
    }

    @PutMapping
    public Mono<ResponseEntity<?>> put(ServerWebExchange exchange) {
        return web.run(exchange, this::update);
    }

    @PatchMapping
    public Mono<ResponseEntity<?>> patch(ServerWebExchange exchange) {
        return web.run(exchange, this::update);
    }

    @PostMapping("/test-email")
    public Mono<ResponseEntity<?>> testEmail(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            String to = f.email("to", true);
            f.validate();
            testMail.send(to).ifPresent(failure -> {
                throw ApiException.badRequest(failure);
            });
            return ResponseEntity.ok(Map.of("detail", "Test email sent successfully."));
        });
    }

    private ResponseEntity<?> update(RequestContext ctx, Fields f) {
        InventoryWeb.admin(ctx);
        SiteSettingsValues s = settings().values();
        SiteSettingsValues next = new SiteSettingsValues(
                bool(f, "oidc_enabled", s.oidcEnabled()),
                text(f, "oidc_provider_name", s.oidcProviderName()),
                text(f, "oidc_client_id", s.oidcClientId()),
                secret(f, "oidc_client_secret", s.oidcClientSecret()),
                text(f, "oidc_authorization_endpoint", s.oidcAuthorizationEndpoint()),
                text(f, "oidc_token_endpoint", s.oidcTokenEndpoint()),
                text(f, "oidc_user_endpoint", s.oidcUserinfoEndpoint()),
                text(f, "oidc_jwks_endpoint", s.oidcJwksEndpoint()),
                text(f, "oidc_sign_algo", s.oidcSignAlgo()),
                f.present("oidc_default_role") ? f.choice("oidc_default_role", DEFAULT_ROLES, true) : s.oidcDefaultRole(),
                text(f, "email_backend", s.emailBackend()),
                text(f, "smtp_host", s.emailHost()),
                integer(f, "smtp_port", s.emailPort()),
                text(f, "smtp_username", s.emailHostUser()),
                secret(f, "smtp_password", s.emailHostPassword()),
                bool(f, "smtp_use_tls", s.emailUseTls()),
                bool(f, "smtp_use_ssl", s.emailUseSsl()),
                text(f, "email_from_address", s.defaultFromEmail()),
                integer(f, "session_timeout_minutes", s.sessionTimeoutMinutes()),
                text(f, "discovery_interval", s.discoveryInterval()),
                text(f, "email_from_name", s.emailFromName()),
                text(f, "oidc_authority_url", s.oidcAuthorityUrl()),
                text(f, "oidc_role_claim", s.oidcRoleClaim()),
                text(f, "oidc_admin_role_value", s.oidcAdminRoleValue()));
        if (f.present(given(f, "email_from_address"))) {
            f.email(given(f, "email_from_address"), true);
        }
        f.validate();
        // choices, ranges and TLS/SSL are the aggregate's rules; its refusals come back as 400 field errors
        commands.send(new UpdateSiteSettings(SiteSettingsMessages.SITE, next), ctx);
        return ResponseEntity.ok(render(settings()));
    }

    private SiteSettingsView settings() {
        return queries.one(new GetSiteSettings(), SiteSettingsView.class);
    }

    /** The original backend's names, in its model's order; the SMTP password is write-only. */
    private static Map<String, Object> render(SiteSettingsView view) {
        SiteSettingsValues s = view.values();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("oidc_enabled", s.oidcEnabled());
        body.put("oidc_provider_name", s.oidcProviderName());
        body.put("oidc_client_id", s.oidcClientId());
        body.put("oidc_client_secret", s.oidcClientSecret() == null ? "" : Masked.MASK);
        body.put("oidc_authority_url", s.oidcAuthorityUrl());
        body.put("oidc_authorization_endpoint", s.oidcAuthorizationEndpoint());
        body.put("oidc_token_endpoint", s.oidcTokenEndpoint());
        body.put("oidc_user_endpoint", s.oidcUserinfoEndpoint());
        body.put("oidc_jwks_endpoint", s.oidcJwksEndpoint());
        body.put("oidc_sign_algo", s.oidcSignAlgo());
        body.put("oidc_role_claim", s.oidcRoleClaim());
        body.put("oidc_admin_role_value", s.oidcAdminRoleValue());
        body.put("oidc_default_role", s.oidcDefaultRole());
        body.put("email_backend", s.emailBackend());
        body.put("email_from_address", s.defaultFromEmail());
        body.put("email_from_name", s.emailFromName());
        body.put("smtp_host", s.emailHost());
        body.put("smtp_port", s.emailPort());
        body.put("smtp_username", s.emailHostUser());
        body.put("smtp_use_tls", s.emailUseTls());
        body.put("smtp_use_ssl", s.emailUseSsl());
        body.put("session_timeout_minutes", s.sessionTimeoutMinutes());
        body.put("discovery_interval", s.discoveryInterval());
        body.put("updated_at", view.updatedAt());
        return body;
    }

    /** The name a request uses for a setting: its own, else the name OpsLedger served it under first. */
    private static String given(Fields f, String name) {
        String alias = ALIASES.get(name);
        return alias != null && !f.present(name) && f.present(alias) ? alias : name;
    }

    private static String text(Fields f, String setting, String current) {
        String name = given(f, setting);
        if (!f.present(name)) {
            return current;
        }
        String value = f.text(name);
        return value == null ? "" : value.trim();
    }

    private static boolean bool(Fields f, String setting, boolean current) {
        String name = given(f, setting);
        if (!f.present(name)) {
            return current;
        }
        Boolean value = f.bool(name);
        if (!f.has(name)) {
            f.error(name, "This field may not be null.");
        }
        return value == null ? current : value;
    }

    private static int integer(Fields f, String setting, int current) {
        String name = given(f, setting);
        if (!f.present(name)) {
            return current;
        }
        Integer value = f.integer(name);
        if (!f.has(name)) {
            f.error(name, "This field may not be null.");
        }
        return value == null ? current : value;
    }

    /** Absent keeps the stored secret; empty clears it; the rest as {@link WriteOnlySecrets} says. */
    private EncryptedSecret secret(Fields f, String setting, EncryptedSecret current) {
        String name = given(f, setting);
        return f.present(name) ? secrets.after(current, f.text(name), Blank.CLEARS) : current;
    }
}
