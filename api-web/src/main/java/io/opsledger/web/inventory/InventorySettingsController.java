package io.opsledger.web.inventory;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.mail.MailDeliveryException;
import io.opsledger.gateway.mail.MailGateway;
import io.opsledger.gateway.mail.MailMessage;
import io.opsledger.identity.IdentityQueries.GetSiteSettings;
import io.opsledger.identity.IdentityQueries.SiteSettingsView;
import io.opsledger.identity.api.SiteSettingsMessages;
import io.opsledger.identity.api.SiteSettingsMessages.UpdateSiteSettings;
import io.opsledger.identity.api.SiteSettingsValues;
import io.opsledger.platform.Commands;
import io.opsledger.platform.Queries;
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
 * Asset inventory's site settings (asset-inventory-api.md, Admin). PUT and PATCH both change only
 * the fields given; the rest keep their values. Secrets are write-only: "********" when set.
 */
@RestController
@RequestMapping("/api/admin/settings")
public class InventorySettingsController {

    static final String MASK = "********";
    private static final List<String> DEFAULT_ROLES = List.of("admin", "readonly");

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final SecretCipher cipher;
    private final MailGateway mail;

    public InventorySettingsController(Web web, Commands commands, Queries queries, SecretCipher cipher, MailGateway mail) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.cipher = cipher;
        this.mail = mail;
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
            try {
                mail.send(new MailMessage(to.trim(), "OpsLedger test email",
                        "This is a test email from OpsLedger. Your email settings work.\n"));
            } catch (MailDeliveryException | IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
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
                text(f, "oidc_userinfo_endpoint", s.oidcUserinfoEndpoint()),
                text(f, "oidc_jwks_endpoint", s.oidcJwksEndpoint()),
                text(f, "oidc_sign_algo", s.oidcSignAlgo()),
                f.present("oidc_default_role") ? f.choice("oidc_default_role", DEFAULT_ROLES, true) : s.oidcDefaultRole(),
                text(f, "email_backend", s.emailBackend()),
                text(f, "email_host", s.emailHost()),
                integer(f, "email_port", s.emailPort()),
                text(f, "email_host_user", s.emailHostUser()),
                secret(f, "email_host_password", s.emailHostPassword()),
                bool(f, "email_use_tls", s.emailUseTls()),
                bool(f, "email_use_ssl", s.emailUseSsl()),
                text(f, "default_from_email", s.defaultFromEmail()),
                integer(f, "session_timeout_minutes", s.sessionTimeoutMinutes()),
                text(f, "discovery_interval", s.discoveryInterval()));
        if (f.present("default_from_email")) {
            f.email("default_from_email", true);
        }
        f.validate();
        // choices, ranges and TLS/SSL are the aggregate's rules; its refusals come back as 400 field errors
        commands.send(new UpdateSiteSettings(SiteSettingsMessages.SITE, next), ctx);
        return ResponseEntity.ok(render(settings()));
    }

    private SiteSettingsView settings() {
        return queries.one(new GetSiteSettings(), SiteSettingsView.class);
    }

    private static Map<String, Object> render(SiteSettingsView view) {
        SiteSettingsValues s = view.values();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("oidc_enabled", s.oidcEnabled());
        body.put("oidc_provider_name", s.oidcProviderName());
        body.put("oidc_client_id", s.oidcClientId());
        body.put("oidc_client_secret", s.oidcClientSecret() == null ? "" : MASK);
        body.put("oidc_authorization_endpoint", s.oidcAuthorizationEndpoint());
        body.put("oidc_token_endpoint", s.oidcTokenEndpoint());
        body.put("oidc_userinfo_endpoint", s.oidcUserinfoEndpoint());
        body.put("oidc_jwks_endpoint", s.oidcJwksEndpoint());
        body.put("oidc_sign_algo", s.oidcSignAlgo());
        body.put("oidc_default_role", s.oidcDefaultRole());
        body.put("email_backend", s.emailBackend());
        body.put("email_host", s.emailHost());
        body.put("email_port", s.emailPort());
        body.put("email_host_user", s.emailHostUser());
        body.put("email_host_password", s.emailHostPassword() == null ? "" : MASK);
        body.put("email_use_tls", s.emailUseTls());
        body.put("email_use_ssl", s.emailUseSsl());
        body.put("default_from_email", s.defaultFromEmail());
        body.put("session_timeout_minutes", s.sessionTimeoutMinutes());
        body.put("discovery_interval", s.discoveryInterval());
        body.put("updated_at", view.updatedAt());
        return body;
    }

    private static String text(Fields f, String name, String current) {
        if (!f.present(name)) {
            return current;
        }
        String value = f.text(name);
        return value == null ? "" : value.trim();
    }

    private static boolean bool(Fields f, String name, boolean current) {
        if (!f.present(name)) {
            return current;
        }
        Boolean value = f.bool(name);
        if (!f.has(name)) {
            f.error(name, "This field may not be null.");
        }
        return value == null ? current : value;
    }

    private static int integer(Fields f, String name, int current) {
        if (!f.present(name)) {
            return current;
        }
        Integer value = f.integer(name);
        if (!f.has(name)) {
            f.error(name, "This field may not be null.");
        }
        return value == null ? current : value;
    }

    /** Absent or the mask keeps the stored secret; empty or null clears it; anything else replaces it. */
    private EncryptedSecret secret(Fields f, String name, EncryptedSecret current) {
        if (!f.present(name)) {
            return current;
        }
        String value = f.text(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        return MASK.equals(value) ? current : cipher.encrypt(value);
    }
}
