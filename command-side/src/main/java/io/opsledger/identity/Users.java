package io.opsledger.identity;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.common.SecretCipher;
import io.opsledger.identity.api.IdentityQueries.*;
import io.opsledger.identity.api.IdentityCommands;
import io.opsledger.identity.api.IdentityCommands.*;
import io.opsledger.identity.api.Role;
import io.opsledger.identity.api.SessionKind;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The one identity store behind every login style: registering, checking passwords, opening and
 * closing sessions, keys and resets. Contract packages call this and only translate wire formats.
 * {@code caller} parameters are the authenticated user a request acts as (null: nobody, or the system).
 */
public class Users {

    public static final int MIN_PASSWORD = 8;
    /** Passwords are bcrypt-hashed, which reads no further than this many bytes. */
    public static final int MAX_PASSWORD_BYTES = 72;
    /** Django's User model: username, first_name and last_name hold 150 characters, email 254. */
    public static final int MAX_USERNAME = 150;
    public static final int MAX_PERSON_NAME = 150;
    public static final int MAX_EMAIL = 254;
    private static final Duration RESET_TTL = Duration.ofHours(24);

    public record NewUser(String username, String email, String firstName, String lastName, String password,
                          Role role, boolean active) {}

    public record JwtPair(String access, String refresh) {}

    public record CreatedKey(String keyId, String key, ApiKeyView view) {}

    private final Commands commands;
    private final Queries queries;
    private final IdentityClaims usernames;
    private final LongSupplier userNumbers;
    private final JwtService jwt;
    private final Authenticator authenticator;
    private final SecretCipher cipher;
    private final FirstAdmin firstAdmin;
    private final boolean selfRegistration;
    private final java.util.function.Supplier<DirectoryLogins> directory;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(10);
    // checked against when the username is unknown, so both cases take as long
    private final String decoyHash = passwords.encode(UUID.randomUUID().toString());

    /** {@code userNumbers}: the integer ids users are known by (atomic across nodes, never reused). */
    public Users(Commands commands, Queries queries, IdentityClaims usernames, LongSupplier userNumbers, JwtService jwt,
                 Authenticator authenticator, SecretCipher cipher, FirstAdmin firstAdmin, boolean selfRegistration,
                 java.util.function.Supplier<DirectoryLogins> directory) {
        this.commands = commands;
        this.queries = queries;
        this.usernames = usernames;
        this.userNumbers = userNumbers;
        this.jwt = jwt;
        this.authenticator = authenticator;
        this.cipher = cipher;
        this.firstAdmin = firstAdmin;
        this.selfRegistration = selfRegistration;
        this.directory = directory;
    }

    /** Why the password cannot be used, or null when it can (a missing one is the caller's "required" error). */
    public static String passwordProblem(String password) {
        if (password == null) {
            return null;
        }
        if (password.length() < MIN_PASSWORD) {
            return "Ensure this field has at least " + MIN_PASSWORD + " characters.";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return "Ensure this field has no more than " + MAX_PASSWORD_BYTES + " bytes.";
        }
        return null;
    }

    /**
     * Anonymous sign-up (DriftMgr's register, api_migration's auth): the lowest role on shared
     * infrastructure, whatever the contract; admins promote. Refused (403) when
     * OPSLEDGER_SELF_REGISTRATION is false.
     */
    public UserView selfRegister(Actor actor, String username, String email, String firstName, String lastName,
                                 String password) {
        requireSelfRegistration();
        return register(actor, new NewUser(username, email, firstName, lastName, password, Role.READONLY, true));
    }

    /** Refused (403) when anonymous sign-up is off; sign-up endpoints call this before they read the body. */
    public void requireSelfRegistration() {
        if (!selfRegistration) {
            throw RuleViolation.forbidden("Self-registration is disabled; ask an administrator for an account.");
        }
    }

    /** The username is claimed as the command is sent (see {@link IdentityClaims}). */
    public UserView register(Actor actor, NewUser user) {
        String userId = UUID.randomUUID().toString();
        commands.send(new RegisterUser(userId, userNumbers.getAsLong(), user.username(), user.email(), user.firstName(),
                user.lastName(), passwords.encode(user.password()), user.role(), user.active(), "local"), actor);
        return byId(userId);
    }

    /**
     * BitBlast's first admin: the superadmin of the whole system, once ever. It is registered under
     * the one first-admin id, so the event store lets only one such registration through, on any
     * node, whatever state the projections are in.
     */
    public UserView createFirstAdmin(Actor actor, NewUser user) {
        if (firstAdmin.exists()) {
            throw RuleViolation.invalid(null, "Admin user already exists.");
        }
        String id = IdentityCommands.FIRST_ADMIN_ID;
        try {
            commands.send(new RegisterUser(id, userNumbers.getAsLong(), user.username(), user.email(), user.firstName(),
                    user.lastName(), passwords.encode(user.password()), Role.SUPERADMIN, true, "local"), actor);
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

    /**
     * The user if the password is theirs and the account is active; null otherwise. A directory
     * user's password is checked by the directory; so is an unknown name's while a directory is
     * set up, which makes a directory person a user on their first login through any contract.
     */
    public UserView verify(Actor actor, String username, String password) {
        UserView user = username == null ? null : byUsername(username);
        if (user != null && user.directory()) {
            return password == null || password.isEmpty() ? null : directory.get().login(actor, username, password);
        }
        if (user == null && username != null && password != null && !password.isEmpty() && directory.get().configured()) {
            UserView fromDirectory = directory.get().firstLogin(actor, username, password);
            if (fromDirectory != null) {
                return fromDirectory;
            }
        }
        boolean matches = passwords.matches(password == null ? "" : password, user == null ? decoyHash : user.passwordHash());
        return matches && user != null && user.active() ? user : null;
    }

    /** A directory user has no password here to match: that is their error, not a mismatch. */
    public boolean passwordMatches(UserView user, String password) {
        if (user.directory()) {
            throw RuleViolation.invalid("password", "This account's password is kept in the directory (LDAP); change it there.");
        }
        return password != null && passwords.matches(password, user.passwordHash());
    }

    /** Opens a session and returns the secret the client keeps (only its hash is stored). */
    public String openSession(Actor actor, UserView user, SessionKind kind, Duration ttl) {
        String secret = Secrets.newToken();
        Instant expires = ttl == null ? null : Instant.now().plus(ttl);
        commands.send(new OpenSession(user.userId(), Secrets.sha256(secret), kind, expires), as(actor, user));
        return secret;
    }

    public JwtPair openJwt(Actor actor, UserView user) {
        String sid = openSession(actor, user, SessionKind.JWT, JwtService.REFRESH_TTL);
        return new JwtPair(jwt.issue(user.userId(), sid, JwtService.Type.ACCESS), jwt.issue(user.userId(), sid, JwtService.Type.REFRESH));
    }

    /** A new access token for a live refresh token; {@link InvalidToken} (expired only for a genuine, expired one) otherwise. */
    public String refreshAccess(String refreshToken) {
        try {
            Principal who = authenticator.refresh(refreshToken);
            if (who == null) { // its session was ended: logged out, or the password changed
                throw new InvalidToken(false);
            }
            return jwt.issue(who.userId(), jwt.verify(refreshToken).sessionId(), JwtService.Type.ACCESS);
        } catch (JwtService.Rejected rejected) {
            throw new InvalidToken(rejected.expired());
        }
    }

    /** Ends the session the caller used (an API key is revoked, not logged out). */
    public void logout(Actor actor, Principal caller) {
        if (caller.credential() != Principal.Credential.API_KEY) {
            commands.send(new CloseSession(caller.userId(), caller.sessionHash()), actor);
        }
    }

    public void changeRole(Actor actor, String userId, Role role) {
        commands.send(new ChangeUserRole(userId, role), actor);
    }

    /** Changes what is given (null keeps); a new username is claimed (see {@link IdentityClaims}). */
    public UserView updateProfile(Actor actor, Principal caller, UserView user, String username, String email,
                                  String firstName, String lastName, Boolean active) {
        commands.send(new UpdateUserProfile(user.userId(), username, email, firstName, lastName, active,
                requestedBy(caller)), actor);
        return byId(user.userId());
    }

    /**
     * Sets a password; every other session, token and refresh token of the user ends (API keys
     * stay). A user changing their own password keeps the session they did it through, as Django's
     * update_session_auth_hash does; a password set by an admin, or by a reset link, keeps none.
     */
    public void changePassword(Actor actor, Principal caller, String userId, String password) {
        String keep = caller != null && caller.userId().equals(userId) && caller.credential() != Principal.Credential.API_KEY
                ? caller.sessionHash() : null;
        commands.send(new ChangeUserPassword(userId, passwords.encode(password), requestedBy(caller), keep), actor);
    }

    public void delete(Actor actor, Principal caller, UserView user) {
        commands.send(new DeleteUser(user.userId(), caller.userId()), actor);
    }

    /** Who asks, for the aggregate's rules: the caller, or null for the system itself. */
    private static String requestedBy(Principal caller) {
        return caller == null ? null : caller.userId();
    }

    public CreatedKey createApiKey(Actor actor, Principal caller, String name, Instant expiresAt) {
        String keyId = UUID.randomUUID().toString();
        String key = "olk_" + Secrets.hex(24);
        commands.send(new CreateApiKey(caller.userId(), keyId, name, Secrets.sha256(key), key.substring(0, 8), expiresAt), actor);
        ApiKeyView view = queries.list(new ListApiKeys(caller.userId()), ApiKeyView.class).stream()
                .filter(k -> k.keyId().equals(keyId)).findFirst().orElseThrow();
        return new CreatedKey(keyId, key, view);
    }

    public List<ApiKeyView> apiKeys(String userId) {
        return queries.list(new ListApiKeys(userId), ApiKeyView.class);
    }

    public void revokeApiKey(Actor actor, Principal caller, String keyId) {
        commands.send(new RevokeApiKey(caller.userId(), keyId), actor);
    }

    /** Sends a reset link to every active account with this address; silent either way. */
    public void requestPasswordReset(Actor actor, String email) {
        for (UserView user : queries.list(new FindUsersByEmail(email), UserView.class)) {
            String token = Secrets.newToken();
            commands.send(new RequestPasswordReset(user.userId(), Secrets.sha256(token), cipher.encrypt(token),
                    Instant.now().plus(RESET_TTL)), as(actor, user));
        }
    }

    /** uid is the base64 of the user's integer id, as in Django's reset links; any bad link is the same 400. */
    public void resetPassword(Actor actor, String uid, String token, String password) {
        RuleViolation invalidLink = RuleViolation.invalid(null, "Invalid or expired token.");
        UserView user = null;
        try {
            long number = Long.parseLong(new String(Base64.getUrlDecoder().decode(uid.trim()), StandardCharsets.UTF_8));
            user = byNumber(number);
        } catch (IllegalArgumentException ignored) {
            // an unreadable uid is an invalid link like any other
        }
        if (user == null) {
            throw invalidLink;
        }
        try {
            commands.send(new ResetPassword(user.userId(), Secrets.sha256(token), passwords.encode(password), Instant.now()),
                    as(actor, user));
        } catch (RuleViolation | CommandExecutionException refused) {
            throw invalidLink;
        }
    }

    /** Commands a user causes before they hold a session (logins, resets) are recorded as theirs. */
    private static Actor as(Actor actor, UserView user) {
        return actor.metadata().get("userId") != null ? actor : Actor.as(actor, user.userId(), user.username());
    }
}
