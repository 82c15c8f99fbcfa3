package io.opsledger.web.identity;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.SecretCipher;
import io.opsledger.identity.IdentityQueries.*;
import io.opsledger.identity.Usernames;
import io.opsledger.identity.api.IdentityCommands;
import io.opsledger.identity.api.IdentityCommands.*;
import io.opsledger.identity.api.Role;
import io.opsledger.identity.api.SessionKind;
import io.opsledger.common.Commands;
import io.opsledger.platform.IdSequences;
import io.opsledger.common.Queries;
import io.opsledger.identity.IdentityClaims;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Principal;
import io.opsledger.web.RequestContext;
import io.opsledger.web.security.Authenticator;
import io.opsledger.web.security.JwtService;
import io.opsledger.web.security.Secrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The one identity store behind every login style: registering, checking passwords, opening and
 * closing sessions, keys and resets. Contract packages call this and only translate wire formats.
 */
@Component
public class Accounts {

    public static final int MIN_PASSWORD = 8;
    private static final Duration RESET_TTL = Duration.ofHours(24);

    public record NewUser(String username, String email, String firstName, String lastName, String password,
                          Role role, boolean active) {}

    public record JwtPair(String access, String refresh) {}

    public record CreatedKey(String keyId, String key, ApiKeyView view) {}

    private final Commands commands;
    private final Queries queries;
    private final IdentityClaims usernames;
    private final IdSequences ids;
    private final JwtService jwt;
    private final Authenticator authenticator;
    private final SecretCipher cipher;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(10);
    // checked against when the username is unknown, so both cases take as long
    private final String decoyHash = passwords.encode(UUID.randomUUID().toString());

    private final boolean selfRegistration;

    private final FirstAdmin firstAdmin;

    public Accounts(Commands commands, Queries queries, IdentityClaims usernames, IdSequences ids, JwtService jwt,
                    Authenticator authenticator, SecretCipher cipher, FirstAdmin firstAdmin,
                    @Value("${opsledger.self-registration:true}") boolean selfRegistration) {
        this.firstAdmin = firstAdmin;
        this.selfRegistration = selfRegistration;
        this.commands = commands;
        this.queries = queries;
        this.usernames = usernames;
        this.ids = ids;
        this.jwt = jwt;
        this.authenticator = authenticator;
        this.cipher = cipher;
    }

    /** Django's User model: username, first_name and last_name hold 150 characters, email 254. */
    public static final int MAX_USERNAME = 150;
    public static final int MAX_PERSON_NAME = 150;
    public static final int MAX_EMAIL = 254;

    /** The length limits of a user's fields (those present), as Django's model serializers apply them. */
    public static void checkUserFieldLengths(Fields fields) {
        fields.maxLength("username", MAX_USERNAME);
        fields.maxLength("first_name", MAX_PERSON_NAME);
        fields.maxLength("last_name", MAX_PERSON_NAME);
        fields.maxLength("email", MAX_EMAIL);
    }

    /** Password rules shared by every contract; adds field errors under {@code field}. */
    public static void checkPassword(Fields fields, String field, String password) {
        if (password == null) {
            return;
        }
        if (password.length() < MIN_PASSWORD) {
            fields.error(field, "Ensure this field has at least " + MIN_PASSWORD + " characters.");
        } else if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            fields.error(field, "Ensure this field has no more than 72 bytes.");
        }
    }

    /**
     * Anonymous sign-up (DriftMgr's register, api_migration's auth): the lowest role on shared
     * infrastructure, whatever the contract; admins promote. Refused (403) when
     * OPSLEDGER_SELF_REGISTRATION is false.
     */
    public UserView selfRegister(RequestContext ctx, String username, String email, String firstName, String lastName,
                                 String password) {
        requireSelfRegistration();
        return register(ctx, new NewUser(username, email, firstName, lastName, password, Role.READONLY, true));
    }

    /** 403 when anonymous sign-up is off; sign-up endpoints call this before they read the body. */
    public void requireSelfRegistration() {
        if (!selfRegistration) {
            throw ApiException.of(HttpStatus.FORBIDDEN, "Self-registration is disabled; ask an administrator for an account.");
        }
    }

    public UserView register(RequestContext ctx, NewUser user) {
        String userId = UUID.randomUUID().toString();
        commands.send(new RegisterUser(userId, ids.next("user"), user.username(), user.email(), user.firstName(),
                user.lastName(), passwords.encode(user.password()), user.role(), user.active(), "local"), ctx);
        return byId(userId);
    }

    /**
     * BitBlast's first admin: the superadmin of the whole system, once ever. It is registered under
     * the one first-admin id, so the event store lets only one such registration through, on any
     * node, whatever state the projections are in.
     */
    public UserView createFirstAdmin(RequestContext ctx, NewUser user) {
        if (firstAdmin.exists()) {
            throw RuleViolation.invalid(null, "Admin user already exists.");
        }
        String id = IdentityCommands.FIRST_ADMIN_ID;
        try {
            commands.send(new RegisterUser(id, ids.next("user"), user.username(), user.email(), user.firstName(),
                    user.lastName(), passwords.encode(user.password()), Role.SUPERADMIN, true, "local"), ctx);
        } catch (RuntimeException e) {
            if (firstAdmin.exists()) {
                // another call (on any node) was first: if it registered this very name, under the same id,
                // this call's failure may just have given the claim back; the first admin keeps it
                String registered = firstAdmin.registeredUsername();
                if (registered != null && Usernames.key(registered).equals(Usernames.key(user.username()))) {
                    usernames.keepFirstAdminName(id, registered);
                }
                throw RuleViolation.invalid(null, "Admin user already exists.");
            }
            throw e;
        }
        return byId(id);
    }

    /** Whether the first admin exists, from the event store (see {@link FirstAdmin}). */
    public boolean superadminExists() {
        return firstAdmin.exists();
    }

    public UserView byId(String userId) { return queries.one(new FindUserById(userId), UserView.class); }

    public UserView byUsername(String username) { return queries.one(new FindUserByUsername(username), UserView.class); }

    public UserView byNumber(long number) { return queries.one(new FindUserByNumber(number), UserView.class); }

    public List<UserView> all() { return queries.list(new ListUsers(), UserView.class); }

    /** The user if the password is theirs and the account is active; null otherwise. */
    public UserView verify(String username, String password) {
        UserView user = username == null ? null : byUsername(username);
        boolean matches = passwords.matches(password == null ? "" : password, user == null ? decoyHash : user.passwordHash());
        return matches && user != null && user.active() ? user : null;
    }

    public boolean passwordMatches(UserView user, String password) {
        return password != null && passwords.matches(password, user.passwordHash());
    }

    /** Opens a session and returns the secret the client keeps (only its hash is stored). */
    public String openSession(RequestContext ctx, UserView user, SessionKind kind, Duration ttl) {
        String secret = Secrets.newToken();
        Instant expires = ttl == null ? null : Instant.now().plus(ttl);
        commands.send(new OpenSession(user.userId(), Secrets.sha256(secret), kind, expires), as(ctx, user));
        return secret;
    }

    public JwtPair openJwt(RequestContext ctx, UserView user) {
        String sid = openSession(ctx, user, SessionKind.JWT, JwtService.REFRESH_TTL);
        return new JwtPair(jwt.issue(user.userId(), sid, JwtService.Type.ACCESS), jwt.issue(user.userId(), sid, JwtService.Type.REFRESH));
    }

    /** A new access token for a live refresh token, or 401 (TOKEN_EXPIRED only for a genuine, expired one). */
    public String refreshAccess(String refreshToken) {
        try {
            Principal who = authenticator.refresh(refreshToken);
            if (who == null) { // its session was ended: logged out, or the password changed
                throw ApiException.invalidToken(false);
            }
            return jwt.issue(who.userId(), jwt.verify(refreshToken).sessionId(), JwtService.Type.ACCESS);
        } catch (JwtService.Rejected rejected) {
            throw ApiException.invalidToken(rejected.expired());
        }
    }

    /** Ends the session the caller used (an API key is revoked, not logged out). */
    public void logout(RequestContext ctx) {
        Principal who = ctx.requireUser();
        if (who.credential() != Principal.Credential.API_KEY) {
            commands.send(new CloseSession(who.userId(), who.sessionHash()), ctx);
        }
    }

    public void changeRole(RequestContext ctx, String userId, Role role) {
        commands.send(new ChangeUserRole(userId, role), ctx);
    }

    /** Changes what is given (null keeps); a new username is claimed (see {@link IdentityClaims}). */
    public UserView updateProfile(RequestContext ctx, UserView user, String username, String email, String firstName,
                                  String lastName, Boolean active) {
        commands.send(new UpdateUserProfile(user.userId(), username, email, firstName, lastName, active, requestedBy(ctx)), ctx);
        return byId(user.userId());
    }

    /**
     * Sets a password; every other session, token and refresh token of the user ends (API keys
     * stay). A user changing their own password keeps the session they did it through, as Django's
     * update_session_auth_hash does; a password set by an admin, or by a reset link, keeps none.
     */
    public void changePassword(RequestContext ctx, String userId, String password) {
        Principal who = ctx.principal();
        String keep = who != null && who.userId().equals(userId) && who.credential() != Principal.Credential.API_KEY
                ? who.sessionHash() : null;
        commands.send(new ChangeUserPassword(userId, passwords.encode(password), requestedBy(ctx), keep), ctx);
    }

    public void delete(RequestContext ctx, UserView user) {
        commands.send(new DeleteUser(user.userId(), ctx.requireUser().userId()), ctx);
    }

    /** Who asks, for the aggregate's rules: the caller, or null for the system itself. */
    private static String requestedBy(RequestContext ctx) {
        return ctx.principal() == null ? null : ctx.principal().userId();
    }

    public CreatedKey createApiKey(RequestContext ctx, String name, Instant expiresAt) {
        Principal who = ctx.requireUser();
        String keyId = UUID.randomUUID().toString();
        String key = "olk_" + Secrets.hex(24);
        commands.send(new CreateApiKey(who.userId(), keyId, name, Secrets.sha256(key), key.substring(0, 8), expiresAt), ctx);
        ApiKeyView view = queries.list(new ListApiKeys(who.userId()), ApiKeyView.class).stream()
                .filter(k -> k.keyId().equals(keyId)).findFirst().orElseThrow();
        return new CreatedKey(keyId, key, view);
    }

    public List<ApiKeyView> apiKeys(String userId) {
        return queries.list(new ListApiKeys(userId), ApiKeyView.class);
    }

    public void revokeApiKey(RequestContext ctx, String keyId) {
        commands.send(new RevokeApiKey(ctx.requireUser().userId(), keyId), ctx);
    }

    /** Sends a reset link to every active account with this address; silent either way. */
    public void requestPasswordReset(RequestContext ctx, String email) {
        for (UserView user : queries.list(new FindUsersByEmail(email), UserView.class)) {
            String token = Secrets.newToken();
            commands.send(new RequestPasswordReset(user.userId(), Secrets.sha256(token), cipher.encrypt(token),
                    Instant.now().plus(RESET_TTL)), as(ctx, user));
        }
    }

    /** uid is the base64 of the user's integer id, as in Django's reset links. */
    public void resetPassword(RequestContext ctx, String uid, String token, String password) {
        UserView user = null;
        try {
            long number = Long.parseLong(new String(Base64.getUrlDecoder().decode(uid.trim()), StandardCharsets.UTF_8));
            user = byNumber(number);
        } catch (IllegalArgumentException ignored) {
            // an unreadable uid is an invalid link like any other
        }
        if (user == null) {
            throw ApiException.badRequest("Invalid or expired token.");
        }
        try {
            commands.send(new ResetPassword(user.userId(), Secrets.sha256(token), passwords.encode(password), Instant.now()),
                    as(ctx, user));
        } catch (RuleViolation violation) {
            throw ApiException.badRequest("Invalid or expired token.");
        } catch (org.axonframework.commandhandling.CommandExecutionException remote) {
            throw ApiException.badRequest("Invalid or expired token.");
        }
    }

    /** Commands a user causes before they hold a session (logins, resets) are recorded as theirs. */
    private static RequestContext as(RequestContext ctx, UserView user) {
        return ctx.principal() != null ? ctx : ctx.authenticated(new Principal(user, Principal.Credential.TOKEN, null));
    }
}
