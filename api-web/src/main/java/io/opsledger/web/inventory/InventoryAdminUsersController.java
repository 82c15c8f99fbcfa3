package io.opsledger.web.inventory;

import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.RequestContext;
import io.opsledger.web.Web;
import io.opsledger.identity.Users;
import io.opsledger.web.identity.UserFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Asset inventory's user administration (asset-inventory-api.md, Admin), for admins and the superadmin. */
@RestController
@RequestMapping("/api/admin/users")
public class InventoryAdminUsersController {

    // Django's UnicodeUsernameValidator
    private static final Pattern USERNAME = Pattern.compile("^[\\w.@+-]+$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final List<String> ROLES = List.of("superadmin", "admin", "readonly");
    private static final String DUPLICATE = "A user with that username already exists.";

    private final Web web;
    private final Users accounts;

    public InventoryAdminUsersController(Web web, Users accounts) {
        this.web = web;
        this.accounts = accounts;
    }

    @GetMapping
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            return ResponseEntity.ok(accounts.all().stream().map(InventoryUsers.AdminUser::of).toList());
        });
    }

    @PostMapping
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            String username = username(f);
            String email = f.email("email", false);
            String password = f.requireText("password");
            UserFields.checkPassword(f, "password", password);
            UserFields.checkUserFieldLengths(f);
            String role = f.choice("role", InventoryWeb.ASSIGNABLE_ROLES, false);
            Boolean active = f.bool("is_active");
            f.validate();
            UserView created = accounts.register(ctx, new Users.NewUser(username, email == null ? "" : email.trim(),
                    "", "", password, InventoryWeb.role(role == null ? "readonly" : role), active == null || active));
            return ResponseEntity.status(HttpStatus.CREATED).body(InventoryUsers.AdminUser.of(created));
        });
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            return ResponseEntity.ok(InventoryUsers.AdminUser.of(find(id)));
        });
    }

    @PutMapping("/{id}")
    public Mono<ResponseEntity<?>> put(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> update(ctx, f, id, false));
    }

    @PatchMapping("/{id}")
    public Mono<ResponseEntity<?>> patch(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> update(ctx, f, id, true));
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<?>> delete(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            accounts.delete(ctx, ctx.requireUser(), find(id)); // the aggregate refuses the superadmin and oneself (403)
            return ResponseEntity.noContent().build();
        });
    }

    private ResponseEntity<?> update(RequestContext ctx, Fields f, String id, boolean partial) {
        InventoryWeb.admin(ctx);
        UserView user = find(id);
        String username = partial && !f.present("username") ? null : username(f);
        String email = partial && !f.present("email") ? null : f.email("email", !partial);
        String role = partial && !f.present("role") ? null : f.choice("role", ROLES, true);
        Boolean active = f.bool("is_active");
        String password = f.text("password");
        if (password != null && password.isEmpty()) {
            password = null; // a blank password field means "keep it"
        }
        UserFields.checkPassword(f, "password", password);
        UserFields.checkUserFieldLengths(f);
        boolean superadmin = user.role() == Role.SUPERADMIN;
        if ("superadmin".equals(role) && !superadmin) {
            f.error("role", "The superadmin role cannot be assigned.");
        }
        f.validate();
        // refuse before writing anything, so a refused update changes nothing
        if (superadmin && role != null && !"superadmin".equals(role)) {
            throw ApiException.of(HttpStatus.FORBIDDEN, "The superadmin cannot be demoted.");
        }
        if (superadmin && Boolean.FALSE.equals(active)) {
            throw ApiException.of(HttpStatus.FORBIDDEN, "The superadmin cannot be deactivated.");
        }
        // what logs in as the superadmin is the superadmin's own business (the aggregate says so too)
        boolean credentialsChange = username != null && !username.equals(user.username())
                || email != null && !email.trim().equals(user.email()) || password != null;
        if (superadmin && credentialsChange && !ctx.requireUser().userId().equals(user.userId())) {
            throw ApiException.of(HttpStatus.FORBIDDEN, "Only the superadmin may change the superadmin's password, email or username.");
        }
        if (username != null && !username.equals(user.username())) {
            UserView holder = accounts.byUsername(username);
            if (holder != null && !holder.userId().equals(user.userId())) {
                throw new ApiException(HttpStatus.CONFLICT, null, DUPLICATE, Map.of("username", List.of(DUPLICATE)), null);
            }
        }
        String newEmail = email == null ? null : email.trim();
        boolean profileChanged = username != null && !username.equals(user.username())
                || newEmail != null && !newEmail.equals(user.email())
                || active != null && active != user.active();
        if (profileChanged) {
            accounts.updateProfile(ctx, ctx.principal(), user, username, newEmail, null, null, active);
        }
        // STANDARD shows as "readonly" too: only a different name is a change
        if (role != null && !role.equals(InventoryWeb.roleName(user.role()))) {
            accounts.changeRole(ctx, user.userId(), InventoryWeb.role(role));
        }
        if (password != null) {
            accounts.changePassword(ctx, ctx.principal(), user.userId(), password);
        }
        return ResponseEntity.ok(InventoryUsers.AdminUser.of(accounts.byId(user.userId())));
    }

    private static String username(Fields f) {
        String username = f.requireText("username");
        if (username != null && !username.isBlank()) {
            if (username.length() > 150) {
                f.error("username", "Ensure this field has no more than 150 characters.");
            } else if (!USERNAME.matcher(username).matches()) {
                f.error("username", "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
            }
        }
        return username;
    }

    /** The user by integer number; 404 for an unknown or non-integer id. */
    private UserView find(String id) {
        UserView user = null;
        try {
            user = accounts.byNumber(Long.parseLong(id));
        } catch (NumberFormatException ignored) {
            // not an integer: no such user
        }
        if (user == null) {
            throw ApiException.notFound("Not found.");
        }
        return user;
    }
}
