package io.opsledger.identity;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.ldap.DirectoryCallFailed;
import io.opsledger.gateway.ldap.DirectoryConnection;
import io.opsledger.gateway.ldap.DirectoryGateway;
import io.opsledger.gateway.ldap.DirectoryGateway.LoginOutcome;
import io.opsledger.gateway.ldap.DirectoryGroup;
import io.opsledger.gateway.ldap.DirectoryInfo;
import io.opsledger.gateway.ldap.DirectoryUser;
import io.opsledger.identity.api.DirectoryMessages;
import io.opsledger.identity.api.DirectoryMessages.*;
import io.opsledger.identity.api.IdentityCommands.ChangeUserRole;
import io.opsledger.identity.api.IdentityCommands.RegisterUser;
import io.opsledger.identity.api.IdentityCommands.UpdateUserProfile;
import io.opsledger.identity.api.IdentityCommands.WithdrawGroupRole;
import io.opsledger.identity.api.IdentityQueries.FindUserById;
import io.opsledger.identity.api.IdentityQueries.FindUserByUsername;
import io.opsledger.identity.api.IdentityQueries.ListUsers;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Identity's side of the directory: its settings, logins of directory users, and syncs that import
 * groups and users and make every directory user's role follow their groups. The directory is the
 * truth for its users: one disabled or gone there is deactivated here (which ends their sessions at
 * the next request), one enabled again is reactivated.
 */
public class DirectoryAccounts implements DirectoryLogins {

    private static final Logger log = LoggerFactory.getLogger(DirectoryAccounts.class);

    /** What an administrator sends; null keeps the saved value (the bind password above all: it is never shown). */
    public record SettingsInput(String uri, String bindDn, String bindPassword, String userSearchBase, String userFilter,
                                String groupSearchBase, String groupFilter, Boolean startTls, Duration connectTimeout,
                                Duration readTimeout) {
        @Override
        public String toString() { return "SettingsInput[" + uri + " as " + bindDn + "]"; }
    }

    /** What a sync read and changed. */
    public record SyncResult(String syncId, List<DirectoryGroupView> groups, List<String> importedUsers, int changes) {}

    private final DirectoryGateway gateway;
    private final Commands commands;
    private final Queries queries;
    private final SecretCipher cipher;
    private final LongSupplier userNumbers;

    public DirectoryAccounts(DirectoryGateway gateway, Commands commands, Queries queries, SecretCipher cipher,
                             LongSupplier userNumbers) {
        this.gateway = gateway;
        this.commands = commands;
        this.queries = queries;
        this.cipher = cipher;
        this.userNumbers = userNumbers;
    }

    // ---- settings

    public DirectorySettingsView settings() { return queries.one(new GetDirectorySettings(), DirectorySettingsView.class); }

    /** Tests the connection with the merged settings, and saves them only if it works. */
    public DirectoryInfo saveSettings(Actor actor, SettingsInput input) {
        DirectorySettingsView current = settings();
        DirectorySettings saved = current.configured() ? current.settings() : null;
        String uri = pick(input.uri(), saved == null ? null : saved.uri());
        if (uri == null || uri.isBlank()) {
            throw RuleViolation.invalid("ldapServerURI", "This field is required.");
        }
        String bindDn = pick(input.bindDn(), saved == null ? "" : saved.bindDn());
        String password = input.bindPassword() != null ? input.bindPassword()
                : saved == null || saved.bindPassword() == null ? "" : cipher.decrypt(saved.bindPassword());
        DirectorySettings merged = new DirectorySettings(uri.strip(), bindDn.strip(),
                password.isEmpty() ? null : cipher.encrypt(password),
                pick(input.userSearchBase(), saved == null ? "" : saved.userSearchBase()).strip(),
                pick(input.userFilter(), saved == null ? "" : saved.userFilter()).strip(),
                pick(input.groupSearchBase(), saved == null ? "" : saved.groupSearchBase()).strip(),
                pick(input.groupFilter(), saved == null ? "" : saved.groupFilter()).strip(),
                input.startTls() != null ? input.startTls() : saved != null && saved.startTls(),
                pick(input.connectTimeout(), saved == null ? DirectoryConnection.DEFAULT_CONNECT_TIMEOUT : saved.connectTimeout()),
                pick(input.readTimeout(), saved == null ? DirectoryConnection.DEFAULT_READ_TIMEOUT : saved.readTimeout()));
        DirectoryInfo info = gateway.test(connection(merged));
        commands.send(new SaveDirectorySettings(DirectoryMessages.DIRECTORY, merged, info.vendor()), actor);
        return info;
    }

    public void clearSettings(Actor actor) {
        commands.send(new ClearDirectorySettings(DirectoryMessages.DIRECTORY), actor);
    }

    // ---- logins

    @Override
    public boolean configured() { return settings().configured(); }

    @Override
    public UserView login(Actor actor, String username, String password) {
        DirectorySettingsView view = settings();
        if (!view.configured()) {
            return null;
        }
        return login(actor, connection(view.settings()), username, password);
    }

    @Override
    public UserView firstLogin(Actor actor, String username, String password) {
        try {
            return login(actor, username, password);
        } catch (DirectoryCallFailed failed) {
            log.warn("login of a name unknown here: the directory could not be asked: {}", failed.getMessage());
            return null;
        }
    }

    /** ldap-login: like {@link #login(Actor, String, String)}, but a missing directory is the caller's error. */
    public UserView directoryLogin(Actor actor, String username, String password) {
        return login(actor, requiredConnection(), username, password);
    }

    private UserView login(Actor actor, DirectoryConnection connection, String username, String password) {
        LoginOutcome outcome = gateway.authenticate(connection, username, password.toCharArray());
        if (outcome instanceof LoginOutcome.Disabled disabled) {
            UserView known = queries.one(new FindUserByUsername(disabled.user().username()), UserView.class);
            if (known != null && known.directory() && known.active()) {
                setActive(Actor.system("directory-login"), known, false);
            }
            return null;
        }
        if (!(outcome instanceof LoginOutcome.Authenticated authenticated)) {
            return null;
        }
        DirectoryUser person = authenticated.user();
        UserView user = queries.one(new FindUserByUsername(person.username()), UserView.class);
        if (user != null && !user.directory()) {
            throw RuleViolation.conflict("username", "A local account already uses the username '" + user.username()
                    + "'; it signs in with its own password, not the directory's.");
        }
        if (user == null) {
            try {
                user = register(actor, person, true);
            } catch (RuntimeException raced) { // a second first login of the same person, at the same time
                user = queries.one(new FindUserByUsername(person.username()), UserView.class);
                if (user == null || !user.directory()) {
                    throw raced;
                }
            }
        }
        // what a login changes is the user's own doing, as in any other login
        Actor as = actor.metadata().get("userId") != null ? actor : Actor.as(actor, user.userId(), user.username());
        user = refresh(as, user, person);
        applyGroupRoles(as, user, groups());
        return byId(user.userId());
    }

    // ---- imports and syncs

    /** save-ad-users: every user of the directory becomes (or stays) a user here. */
    public List<String> importUsers(Actor actor) {
        return sync(actor, "save-ad-users", true).importedUsers();
    }

    /** save-ad-groups: the groups and their members, and the roles they give. */
    public SyncResult importGroups(Actor actor) {
        return sync(actor, "save-ad-groups", false);
    }

    /**
     * Reads the directory once and brings everything here in line with it: groups and their members,
     * members (or, with {@code allUsers}, everyone) made users, users disabled or gone there deactivated,
     * and every directory user's role following their groups. Each change is its own event; the
     * summary is recorded as DirectorySynced, and every command carries the sync's id.
     */
    public SyncResult sync(Actor origin, String trigger, boolean allUsers) {
        DirectoryConnection connection = requiredConnection();
        String syncId = UUID.randomUUID().toString();
        Actor actor = withSync(origin, syncId);
        List<DirectoryUser> people = gateway.users(connection);
        List<DirectoryGroup> found = gateway.groups(connection);
        Map<String, DirectoryUser> byName = new LinkedHashMap<>();
        people.forEach(p -> byName.putIfAbsent(key(p.username()), p));
        int changes = importGroups(actor, syncId, found);

        Set<String> wanted = new TreeSet<>();
        if (allUsers) {
            byName.keySet().forEach(wanted::add);
        } else {
            found.forEach(g -> g.members().forEach(m -> wanted.add(key(m))));
        }
        Map<String, UserView> users = directoryUsers();
        List<String> imported = new ArrayList<>();
        for (String name : wanted) {
            DirectoryUser person = byName.get(name);
            if (person == null || !person.enabled()) {
                continue;
            }
            UserView user = users.get(name);
            if (user == null) {
                UserView existing = queries.one(new FindUserByUsername(person.username()), UserView.class);
                if (existing != null) { // a local account of that name: not the directory's person
                    log.warn("directory sync {}: {} is a local account here; not imported", syncId, person.username());
                    continue;
                }
                users.put(name, register(actor, person, false));
                changes++;
            }
            imported.add(person.username());
        }
        List<DirectoryGroupView> groups = groups();
        for (UserView user : users.values()) {
            DirectoryUser person = byName.get(key(user.username()));
            boolean enabled = person != null && person.enabled();
            if (enabled) {
                UserView refreshed = refresh(actor, user, person);
                changes += refreshed == user ? 0 : 1;
                changes += applyGroupRoles(actor, refreshed, groups);
            } else if (user.active()) {
                setActive(actor, user, false);
                changes++;
            }
        }
        commands.send(new RecordDirectorySync(DirectoryMessages.DIRECTORY, syncId, trigger, found.size(), people.size(),
                changes), actor);
        log.info("directory sync {} ({}): {} groups, {} users, {} changes", syncId, trigger, found.size(), people.size(),
                changes);
        return new SyncResult(syncId, groups, imported, changes);
    }

    /** assign-role-group: the group's role, and at once every member's. */
    public DirectoryGroupView assignGroupRole(Actor actor, String groupName, Role role) {
        DirectoryGroupView group = group(groupName);
        if (group == null) {
            throw RuleViolation.invalid("group_name", "Group " + groupName + " does not exist");
        }
        commands.send(new AssignGroupRole(group.groupId(), role), actor);
        List<DirectoryGroupView> groups = groups();
        Set<String> members = group.members().stream().map(DirectoryAccounts::key).collect(Collectors.toSet());
        for (UserView user : directoryUsers().values()) {
            if (members.contains(key(user.username())) || group.name().equals(user.roleGroup())) {
                applyGroupRoles(actor, user, groups);
            }
        }
        return group(groupName);
    }

    public List<DirectoryGroupView> groups() { return queries.list(new ListDirectoryGroups(), DirectoryGroupView.class); }

    public DirectoryGroupView group(String name) { return queries.one(new FindDirectoryGroup(name), DirectoryGroupView.class); }

    /** The directory users known here (imported or logged in), active ones, by username: ad-users. */
    public List<String> directoryUsernames() {
        return directoryUsers().values().stream().filter(UserView::active).map(UserView::username).sorted().toList();
    }

    // ---- the rules behind them

    private int importGroups(Actor actor, String syncId, List<DirectoryGroup> found) {
        Map<String, DirectoryGroupView> known = new HashMap<>();
        groups().forEach(g -> known.put(key(g.name()), g));
        int changes = 0;
        Set<String> seen = new TreeSet<>();
        for (DirectoryGroup group : found) {
            if (!seen.add(key(group.name()))) {
                continue; // two groups of one name under different bases: the first one found counts
            }
            DirectoryGroupView before = known.get(key(group.name()));
            if (before == null || !new TreeSet<>(before.members()).equals(new TreeSet<>(group.members()))) {
                commands.send(new ImportDirectoryGroup(DirectoryMessages.groupId(group.name()), group.name(), group.dn(),
                        group.members(), syncId), actor);
                changes++;
            }
        }
        for (DirectoryGroupView gone : known.values()) {
            if (!seen.contains(key(gone.name()))) {
                commands.send(new RemoveDirectoryGroup(gone.groupId(), syncId), actor);
                changes++;
            }
        }
        return changes;
    }

    /**
     * The user's role from their groups: the highest role any of their groups gives (Admin before
     * Standard, then the group's name), or, when none gives one any more, the role they had before it
     * was given. The superadmin's role never follows a group. Answers how many changes it made.
     */
    private int applyGroupRoles(Actor actor, UserView user, List<DirectoryGroupView> groups) {
        if (user.role() == Role.SUPERADMIN) {
            return 0;
        }
        String name = key(user.username());
        Optional<DirectoryGroupView> giving = groups.stream()
                .filter(g -> g.role() != null && g.members().stream().anyMatch(m -> key(m).equals(name)))
                .min(Comparator.comparing((DirectoryGroupView g) -> g.role().ordinal()).thenComparing(DirectoryGroupView::name));
        if (giving.isPresent()) {
            DirectoryGroupView group = giving.get();
            if (user.role() != group.role() || !group.name().equals(user.roleGroup())) {
                commands.send(new ChangeUserRole(user.userId(), group.role(), group.name()), actor);
                return 1;
            }
            return 0;
        }
        if (user.roleGroup() != null) {
            commands.send(new WithdrawGroupRole(user.userId(), user.roleGroup(), withdrawal(user, groups)), actor);
            return 1;
        }
        return 0;
    }

    private static String withdrawal(UserView user, List<DirectoryGroupView> groups) {
        DirectoryGroupView group = groups.stream().filter(g -> g.name().equals(user.roleGroup())).findFirst().orElse(null);
        if (group == null) {
            return "the group is gone from the directory";
        }
        return group.role() == null ? "the group gives no role any more" : "no longer a member of the group";
    }

    private UserView register(Actor actor, DirectoryUser person, boolean asThemselves) {
        String userId = UUID.randomUUID().toString();
        Actor by = asThemselves ? Actor.as(actor, userId, person.username()) : actor;
        commands.send(new RegisterUser(userId, userNumbers.getAsLong(), person.username(), person.email(),
                person.firstName(), person.lastName(), DirectoryMessages.NO_LOCAL_PASSWORD, Role.STANDARD, true,
                DirectoryMessages.AUTH_SOURCE), by);
        return byId(userId);
    }

    /** The user with the directory's names and mail, active; the same view when nothing changed. */
    private UserView refresh(Actor actor, UserView user, DirectoryUser person) {
        if (user.active() && Objects.equals(user.email(), person.email())
                && Objects.equals(user.firstName(), person.firstName()) && Objects.equals(user.lastName(), person.lastName())) {
            return user;
        }
        commands.send(new UpdateUserProfile(user.userId(), null, person.email(), person.firstName(), person.lastName(),
                true, null), actor);
        return byId(user.userId());
    }

    private void setActive(Actor actor, UserView user, boolean active) {
        commands.send(new UpdateUserProfile(user.userId(), null, null, null, null, active, null), actor);
    }

    /** Directory users here, by username key. */
    private Map<String, UserView> directoryUsers() {
        Map<String, UserView> out = new LinkedHashMap<>();
        queries.list(new ListUsers(), UserView.class).stream().filter(UserView::directory)
                .forEach(u -> out.put(key(u.username()), u));
        return out;
    }

    private UserView byId(String userId) { return queries.one(new FindUserById(userId), UserView.class); }

    private DirectoryConnection requiredConnection() {
        DirectorySettingsView view = settings();
        if (!view.configured()) {
            throw RuleViolation.invalid(null, "LDAP is not configured; an Admin sets it up with update_ldap_settings.");
        }
        return connection(view.settings());
    }

    private DirectoryConnection connection(DirectorySettings s) {
        char[] password = s.bindPassword() == null ? new char[0] : cipher.decrypt(s.bindPassword()).toCharArray();
        return new DirectoryConnection(s.uri(), s.bindDn(), password, s.userSearchBase(), s.userFilter(),
                s.groupSearchBase(), s.groupFilter(), s.startTls(), s.connectTimeout(), s.readTimeout());
    }

    /** The origin's metadata with the sync's id, so the audit trail ties each change to the sync that made it. */
    private static Actor withSync(Actor origin, String syncId) {
        Map<String, Object> metadata = new HashMap<>(origin.metadata());
        metadata.put("cause", "directory-sync:" + syncId);
        return () -> metadata;
    }

    private static String key(String username) { return Usernames.key(username); }

    private static <T> T pick(T given, T saved) { return given != null ? given : saved; }
}
