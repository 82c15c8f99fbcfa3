package io.opsledger.web.inventory;

import io.opsledger.identity.api.IdentityQueries.GetSiteSettings;
import io.opsledger.identity.api.IdentityQueries.SiteSettingsView;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.SessionKind;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.Web;
import io.opsledger.identity.Users;
import io.opsledger.web.identity.UserFields;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;

/** Asset inventory's session login (asset-inventory-api.md, Auth): Django-style cookies and CSRF. */
@RestController
@RequestMapping("/api/auth")
public class InventoryAuthController {

    private static final String LOCAL = "local";

    private final Web web;
    private final Users accounts;
    private final Queries queries;

    public InventoryAuthController(Web web, Users accounts, Queries queries) {
        this.web = web;
        this.accounts = accounts;
        this.queries = queries;
    }

    @GetMapping("/csrf")
    public Mono<ResponseEntity<?>> csrf(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, InventoryWeb.newCsrfCookie().toString())
                .body(Map.of("detail", "CSRF cookie set.")));
    }

    @PostMapping("/login")
    public Mono<ResponseEntity<?>> login(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String username = f.requireText("username");
            String password = f.requireText("password");
            f.validate();
            UserView user = accounts.verify(ctx, username, password);
            if (user == null) {
                throw ApiException.badRequest("Invalid credentials.");
            }
            int minutes = settings().values().sessionTimeoutMinutes();
            Duration ttl = Duration.ofMinutes(minutes > 0 ? minutes : 480);
            String secret = accounts.openSession(ctx, user, SessionKind.WEB_SESSION, ttl);
            // Django rotates the CSRF token at login
            return ResponseEntity.ok()
                    .header(HttpHeaders.SET_COOKIE, InventoryWeb.sessionCookie(secret, ttl).toString())
                    .header(HttpHeaders.SET_COOKIE, InventoryWeb.newCsrfCookie().toString())
                    .body(InventoryUsers.Me.of(accounts.byId(user.userId())));
        });
    }

    @GetMapping("/me")
    public Mono<ResponseEntity<?>> me(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> ResponseEntity.ok(InventoryUsers.Me.of(accounts.byId(InventoryWeb.user(ctx).userId()))));
    }

    @PostMapping("/logout")
    public Mono<ResponseEntity<?>> logout(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            accounts.logout(ctx, ctx.requireUser());
            return ResponseEntity.ok()
                    .header(HttpHeaders.SET_COOKIE, InventoryWeb.expiredSessionCookie().toString())
                    .body(Map.of("detail", "Logged out."));
        });
    }

    /**
     * The signed-in user changes their own password (the original backend's route, which its
     * frontend's settings page calls). The session that asked stays signed in.
     */
    @PostMapping("/change-password")
    public Mono<ResponseEntity<?>> changePassword(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            UserView me = accounts.byId(InventoryWeb.user(ctx).userId());
            String old = f.requireText("old_password");
            String next = f.requireText("new_password");
            String confirm = f.requireText("confirm_password");
            UserFields.checkPassword(f, "new_password", next);
            f.validate();
            if (!LOCAL.equals(me.authSource() == null ? LOCAL : me.authSource())) {
                throw ApiException.badRequest("Password change is not available for users who sign in through OIDC.");
            }
            if (!accounts.passwordMatches(me, old)) {
                f.error("old_password", "Current password is incorrect.");
            }
            if (!next.equals(confirm)) {
                f.error("confirm_password", "Passwords do not match.");
            }
            f.validate();
            accounts.changePassword(ctx, ctx.principal(), me.userId(), next);
            return ResponseEntity.ok(Map.of("detail", "Password changed successfully."));
        });
    }

    @GetMapping("/config")
    public Mono<ResponseEntity<?>> config(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> ResponseEntity.ok(Map.of("oidc_enabled", settings().values().oidcEnabled())));
    }

    @PostMapping("/forgot-password")
    public Mono<ResponseEntity<?>> forgotPassword(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String email = f.email("email", true);
            f.validate();
            accounts.requestPasswordReset(ctx, email.trim());
            return ResponseEntity.ok(Map.of("detail", "If an account with that email exists, a reset link has been sent."));
        });
    }

    @PostMapping("/reset-password")
    public Mono<ResponseEntity<?>> resetPassword(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String uid = f.requireText("uid");
            String token = f.requireText("token");
            String password = f.requireText("password");
            UserFields.checkPassword(f, "password", password);
            f.validate();
            accounts.resetPassword(ctx, uid, token, password);
            return ResponseEntity.ok(Map.of("detail", "Password has been reset."));
        });
    }

    private SiteSettingsView settings() {
        return queries.one(new GetSiteSettings(), SiteSettingsView.class);
    }
}
