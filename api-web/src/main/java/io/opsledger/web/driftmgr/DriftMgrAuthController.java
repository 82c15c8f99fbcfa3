package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.identity.api.IdentityQueries.ApiKeyView;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import io.opsledger.identity.Users;
import io.opsledger.web.identity.UserFields;
import io.opsledger.identity.JwtService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** DriftMgr's authentication endpoints (driftmgr-api.md), on the shared identity store. */
@RestController
@RequestMapping("/api/v1/auth")
public class DriftMgrAuthController {

    private final Web web;
    private final Users accounts;

    public DriftMgrAuthController(Web web, Users accounts) {
        this.web = web;
        this.accounts = accounts;
    }

    /** DriftMgr's names for the shared roles. */
    static String roleName(Role role) {
        return switch (role) {
            case SUPERADMIN, ADMIN -> "admin";
            case STANDARD -> "operator";
            case READONLY -> "viewer";
        };
    }

    @PostMapping("/register")
    public Mono<ResponseEntity<?>> register(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            accounts.requireSelfRegistration();
            String username = f.requireText("username");
            String email = f.email("email", true);
            String password = f.requireText("password");
            UserFields.checkPassword(f, "password", password);
            UserFields.checkUserFieldLengths(f);
            validate(f);
            // anonymous sign-up gives viewer; an admin promotes to operator
            UserView user = accounts.selfRegister(ctx, username, email, f.text("first_name"), f.text("last_name"), password);
            return Envelope.created(profile(user));
        });
    }

    @PostMapping("/login")
    public Mono<ResponseEntity<?>> login(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String username = f.requireText("username");
            String password = f.requireText("password");
            validate(f);
            UserView user = accounts.verify(ctx, username, password);
            if (user == null) {
                throw ApiException.invalidCredentials("Invalid username or password");
            }
            Users.JwtPair pair = accounts.openJwt(ctx, user);
            return Envelope.ok(tokens(pair.access(), pair.refresh()));
        });
    }

    @PostMapping("/refresh")
    public Mono<ResponseEntity<?>> refresh(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String refresh = f.requireText("refresh_token");
            validate(f);
            return Envelope.ok(tokens(accounts.refreshAccess(refresh), refresh));
        });
    }

    @GetMapping("/profile")
    public Mono<ResponseEntity<?>> profile(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> Envelope.ok(profile(accounts.byId(ctx.requireUser().userId()))));
    }

    @PutMapping("/profile")
    public Mono<ResponseEntity<?>> updateProfile(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            UserView me = accounts.byId(ctx.requireUser().userId());
            String email = f.email("email", false);
            String username = f.text("username");
            if (username != null && username.isBlank()) {
                f.error("username", "This field may not be blank.");
            }
            UserFields.checkUserFieldLengths(f);
            validate(f);
            return Envelope.ok(profile(accounts.updateProfile(ctx, ctx.principal(), me, username, email, f.text("first_name"),
                    f.text("last_name"), null)));
        });
    }

    @PostMapping("/change-password")
    public Mono<ResponseEntity<?>> changePassword(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            UserView me = accounts.byId(ctx.requireUser().userId());
            String current = f.has("current_password") ? f.requireText("current_password") : f.requireText("old_password");
            String next = f.requireText("new_password");
            UserFields.checkPassword(f, "new_password", next);
            validate(f);
            if (!accounts.passwordMatches(me, current)) {
                throw new ApiException(HttpStatus.BAD_REQUEST, ApiException.INVALID_CREDENTIALS, "Current password is incorrect", null, null);
            }
            accounts.changePassword(ctx, ctx.principal(), me.userId(), next);
            return Envelope.ok(Map.of("message", "Password changed successfully"));
        });
    }

    @PostMapping("/api-keys")
    public Mono<ResponseEntity<?>> createKey(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.requireUser();
            String name = f.requireText("name");
            Instant expires = null;
            String expiresAt = f.text("expires_at");
            if (expiresAt != null && !expiresAt.isBlank()) {
                try {
                    expires = Instant.parse(expiresAt);
                    if (expires.isBefore(Instant.now())) {
                        f.error("expires_at", "Must be in the future.");
                    }
                } catch (DateTimeParseException e) {
                    f.error("expires_at", "Must be an RFC 3339 timestamp, e.g. 2030-01-01T00:00:00Z.");
                }
            }
            validate(f);
            Users.CreatedKey created = accounts.createApiKey(ctx, ctx.requireUser(), name, expires);
            return Envelope.created(NewKey.of(created)); // the key is shown this once; only its hash is kept
        });
    }

    @GetMapping("/api-keys")
    public Mono<ResponseEntity<?>> listKeys(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> Envelope.ok(accounts.apiKeys(ctx.requireUser().userId()).stream()
                .filter(k -> !k.revoked()).map(Key::of).toList()));
    }

    @DeleteMapping("/api-keys/{id}")
    public Mono<ResponseEntity<?>> revokeKey(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.requireUser();
            accounts.revokeApiKey(ctx, ctx.requireUser(), id);
            return Envelope.ok(Map.of("message", "API key revoked"));
        });
    }

    private static void validate(Fields f) {
        if (!f.valid()) {
            try {
                f.validate();
            } catch (ApiException e) {
                throw new ApiException(e.status(), "VALIDATION_ERROR", "Request validation failed", e.fieldErrors(), e.fieldErrors());
            }
        }
    }

    private static Tokens tokens(String access, String refresh) {
        return new Tokens(access, refresh, JwtService.ACCESS_TTL.toSeconds(), "Bearer");
    }

    static Profile profile(UserView user) {
        return new Profile(user.userId(), user.username(), user.email(), user.firstName(), user.lastName(),
                user.role().atLeast(Role.ADMIN), roleName(user.role()), user.active(), user.dateJoined(), user.updatedAt());
    }

    record Tokens(@JsonProperty("access_token") String accessToken, @JsonProperty("refresh_token") String refreshToken,
                  @JsonProperty("expires_in") long expiresIn, @JsonProperty("token_type") String tokenType) {}

    record Profile(String id, String username, String email, @JsonProperty("first_name") String firstName,
                   @JsonProperty("last_name") String lastName, @JsonProperty("is_admin") boolean admin, String role,
                   @JsonProperty("is_active") boolean active, @JsonProperty("created_at") Instant createdAt,
                   @JsonProperty("updated_at") Instant updatedAt) {}

    record Key(String id, String name, String prefix, @JsonProperty("created_at") Instant createdAt,
               @JsonProperty("expires_at") Instant expiresAt) {
        static Key of(ApiKeyView k) {
            return new Key(k.keyId(), k.name(), k.keyPrefix(), k.createdAt(), k.expiresAt());
        }
    }

    /** A key as it is created: the listing's fields and, this once, the key itself. */
    record NewKey(String id, String name, String prefix, @JsonProperty("created_at") Instant createdAt,
                  @JsonProperty("expires_at") Instant expiresAt, String key) {
        static NewKey of(Users.CreatedKey created) {
            ApiKeyView k = created.view();
            return new NewKey(k.keyId(), k.name(), k.keyPrefix(), k.createdAt(), k.expiresAt(), created.key());
        }
    }
}
