package io.opsledger.web.inventory;

import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.identity.Principal;
import io.opsledger.web.RequestContext;
import io.opsledger.web.security.AuthenticationFilter;
import io.opsledger.identity.Secrets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;

import java.time.Duration;
import java.util.List;

/** What the asset-inventory controllers share: its role names, user JSON, permission checks and cookies. */
final class InventoryWeb {
    private InventoryWeb() {}

    static final List<String> ASSIGNABLE_ROLES = List.of("admin", "readonly");
    static final Duration CSRF_COOKIE_AGE = Duration.ofDays(365); // Django's CSRF_COOKIE_AGE

    /** The inventory's names for the shared roles. */
    static String roleName(Role role) {
        return switch (role) {
            case SUPERADMIN -> "superadmin";
            case ADMIN -> "admin";
            case STANDARD, READONLY -> "readonly";
        };
    }

    static Role role(String name) {
        return switch (name) {
            case "superadmin" -> Role.SUPERADMIN;
            case "admin" -> Role.ADMIN;
            default -> Role.READONLY;
        };
    }

    /**
     * The caller. Anonymous gets 403, not 401: the inventory authenticates with Django's
     * SessionAuthentication, which sends no WWW-Authenticate header, so DRF answers 403.
     */
    static Principal user(RequestContext ctx) {
        if (ctx.principal() == null && !ctx.invalidCredential()) {
            throw ApiException.of(HttpStatus.FORBIDDEN, "Authentication credentials were not provided.");
        }
        return ctx.requireUser();
    }

    /** The caller if admin or superadmin; 403 otherwise. */
    static Principal admin(RequestContext ctx) {
        user(ctx);
        return ctx.require(Role.ADMIN);
    }

    static ResponseCookie newCsrfCookie() {
        return ResponseCookie.from(AuthenticationFilter.CSRF_COOKIE, Secrets.hex(32))
                .path("/").sameSite("Lax").httpOnly(false).maxAge(CSRF_COOKIE_AGE).build();
    }

    static ResponseCookie sessionCookie(String secret, Duration maxAge) {
        return ResponseCookie.from(AuthenticationFilter.SESSION_COOKIE, secret)
                .path("/").sameSite("Lax").httpOnly(true).maxAge(maxAge).build();
    }

    static ResponseCookie expiredSessionCookie() {
        return sessionCookie("", Duration.ZERO);
    }
}
