package io.opsledger.web.bitblast;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import io.opsledger.identity.api.SessionKind;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.RequestContext;
import io.opsledger.web.Web;
import io.opsledger.identity.Users;
import io.opsledger.web.identity.UserFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** BitBlast's UserAuth_app endpoints (bitblast-api.md), on the shared identity store. */
@RestController
public class BitBlastAuthController {

    private static final Logger log = LoggerFactory.getLogger(BitBlastAuthController.class);
    static final String ADMIN = "Admin";
    static final String STANDARD = "Standard";
    private static final List<String> ROLES = List.of(ADMIN, STANDARD);
    // Django's default username validator
    private static final Pattern USERNAME = Pattern.compile("^[\\w.@+-]{1,150}$", Pattern.UNICODE_CHARACTER_CLASS);

    private final Web web;
    private final Users accounts;

    public BitBlastAuthController(Web web, Users accounts) {
        this.web = web;
        this.accounts = accounts;
    }

    /** BitBlast's names for the shared roles: it knows only Admin and Standard. */
    static String roleName(Role role) {
        return switch (role) {
            case SUPERADMIN, ADMIN -> ADMIN;
            case STANDARD, READONLY -> STANDARD;
        };
    }

    /** The shared role a BitBlast role name grants, or null for an unknown name. */
    static Role role(String name) {
        if (ADMIN.equals(name)) {
            return Role.ADMIN;
        }
        return STANDARD.equals(name) ? Role.STANDARD : null;
    }

    @PostMapping("/api/v1/create_first_admin")
    public Mono<ResponseEntity<?>> createFirstAdmin(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String username = f.text("username");
            String password = f.text("password");
            if (username == null || username.isBlank() || password == null || password.isEmpty()) {
                throw ApiException.badRequest("Username and password are required.");
            }
            String role = f.text("role");
            if (role != null && !ADMIN.equals(role)) {
                throw ApiException.badRequest("Invalid role");
            }
            checkUsername(f, username);
            UserFields.checkPassword(f, "password", password);
            UserFields.checkUserFieldLengths(f);
            String email = f.email("email", false);
            f.validate();
            accounts.createFirstAdmin(ctx, new Users.NewUser(username, orEmpty(email),
                    orEmpty(f.text("first_name")), orEmpty(f.text("last_name")), password, Role.SUPERADMIN, true));
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("success", "Admin user created successfully."));
        });
    }

    /** True once the first admin exists, i.e. exactly when create_first_admin would refuse. */
    @GetMapping("/api/v1/check-admin-user-exists")
    public Mono<ResponseEntity<?>> checkAdminUserExists(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> ResponseEntity.ok(Map.of("exists", accounts.superadminExists())));
    }

    @PostMapping("/api/v1/register")
    public Mono<ResponseEntity<?>> register(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            String username = f.requireText("username");
            if (username != null && !username.isBlank()) {
                checkUsername(f, username);
            }
            String password = f.requireText("password");
            UserFields.checkPassword(f, "password", password);
            // the contract's validation example leaves role out: a missing role defaults to Standard
            String roleName = f.choice("role", ROLES, false);
            UserFields.checkUserFieldLengths(f);
            String email = f.email("email", false);
            f.validate();
            UserView user = accounts.register(ctx, new Users.NewUser(username, orEmpty(email),
                    orEmpty(f.text("first_name")), orEmpty(f.text("last_name")), password,
                    roleName == null ? Role.STANDARD : role(roleName), true));
            return ResponseEntity.status(HttpStatus.CREATED).body(new Registered(user.userNumber(), user.username(),
                    roleName(user.role()), orEmpty(user.email()), orEmpty(user.firstName()), orEmpty(user.lastName())));
        });
    }

    @PostMapping("/api/v1/d-login")
    public Mono<ResponseEntity<?>> login(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Login login = Login.of(f);
            return loggedIn(accounts, ctx, accounts.verify(ctx, login.username(), login.password()));
        });
    }

    @GetMapping("/api/v1/get-user-info")
    public Mono<ResponseEntity<?>> userInfo(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            UserView user = accounts.byId(ctx.requireUser().userId());
            return ResponseEntity.ok(new UserInfo(user.username(), orEmpty(user.email()), user.userNumber(),
                    orEmpty(user.firstName()), orEmpty(user.lastName()), roleName(user.role())));
        });
    }

    @GetMapping("/api/v1/users")
    public Mono<ResponseEntity<?>> users(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            return ResponseEntity.ok(accounts.all().stream().sorted(Comparator.comparingLong(UserView::userNumber))
                    .map(Listed::of).toList());
        });
    }

    @PostMapping("/api/v1/users/{username}/assign-role")
    public Mono<ResponseEntity<?>> assignRole(@PathVariable String username, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            UserView user = existing(username);
            String roleName = f.text("role");
            Role target = role(roleName);
            if (target == null) {
                throw ApiException.badRequest("Invalid role");
            }
            // BitBlast cannot tell SUPERADMIN from ADMIN or READONLY from STANDARD: a same-name role keeps what is
            // there, but for a readonly user (e.g. self-registered) "Standard" is the promotion BitBlast can say
            if (!roleName(user.role()).equals(roleName) || target == Role.STANDARD && user.role() == Role.READONLY) {
                accounts.changeRole(ctx, user.userId(), target);
            }
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(Map.of("message", "Role for " + user.username() + " changed to " + roleName));
        });
    }

    @GetMapping("/api/v1/users/{username}/user-role")
    public Mono<ResponseEntity<?>> userRole(@PathVariable String username, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.requireUser();
            return ResponseEntity.ok(Map.of("role", roleName(existing(username).role())));
        });
    }

    /** Whether this server's event store and projections answer (the original read a settings flag). */
    @GetMapping("/api/v1/is-connected")
    public Mono<ResponseEntity<?>> isConnected(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            boolean connected;
            try {
                accounts.superadminExists();
                connected = true;
            } catch (RuntimeException e) {
                log.warn("is-connected: the identity store did not answer", e);
                connected = false;
            }
            return ResponseEntity.ok(Map.of("is_connected", String.valueOf(connected)));
        });
    }

    @PostMapping("/api/v1/logout")
    public Mono<ResponseEntity<?>> logout(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            accounts.logout(ctx, ctx.requireUser());
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("detail", "Successfully logged out."));
        });
    }

    private UserView existing(String username) {
        UserView user = accounts.byUsername(username);
        if (user == null) {
            throw ApiException.notFound("User not found");
        }
        return user;
    }

    private static void checkUsername(Fields f, String username) {
        if (!USERNAME.matcher(username).matches()) {
            f.error("username", username.length() > 150 ? "Ensure this field has no more than 150 characters."
                    : "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
        }
    }

    record Registered(long id, String username, String role, String email, @JsonProperty("first_name") String firstName,
                      @JsonProperty("last_name") String lastName) {}

    /** A login body's username and password, both required in BitBlast's words. */
    record Login(String username, String password) {
        static Login of(Fields f) {
            String username = f.text("username");
            String password = f.text("password");
            if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
                throw ApiException.badRequest("Please provide both username and password");
            }
            return new Login(username, password);
        }
    }

    /** BitBlast's answer to a login (d-login, ldap-login): a DRF token for the user, or 401 when there is none. */
    static ResponseEntity<?> loggedIn(Users accounts, RequestContext ctx, UserView user) {
        if (user == null) {
            throw ApiException.invalidCredentials("Invalid credentials");
        }
        String token = accounts.openSession(ctx, user, SessionKind.TOKEN, null);
        return ResponseEntity.ok(new LoggedIn(token, user.username(), roleName(user.role())));
    }

    record LoggedIn(String token, String username, String role) {}

    record UserInfo(String username, String email, long id, @JsonProperty("first_name") String firstName,
                    @JsonProperty("last_name") String lastName, String role) {}

    record Listed(long id, String username, @JsonProperty("first_name") String firstName,
                  @JsonProperty("last_name") String lastName, String email, String role,
                  @JsonProperty("is_superuser") boolean superuser, @JsonProperty("is_staff") boolean staff,
                  @JsonProperty("is_active") boolean active, @JsonProperty("date_joined") Instant dateJoined) {
        static Listed of(UserView user) {
            return new Listed(user.userNumber(), user.username(), orEmpty(user.firstName()), orEmpty(user.lastName()),
                    orEmpty(user.email()), roleName(user.role()), user.role() == Role.SUPERADMIN,
                    user.role().atLeast(Role.ADMIN), user.active(), user.dateJoined());
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
