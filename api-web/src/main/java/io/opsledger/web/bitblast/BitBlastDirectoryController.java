package io.opsledger.web.bitblast;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.common.RuleViolation;
import io.opsledger.gateway.ldap.DirectoryCallFailed;
import io.opsledger.gateway.ldap.DirectoryInfo;
import io.opsledger.identity.DirectoryAccounts;
import io.opsledger.identity.DirectoryAccounts.SettingsInput;
import io.opsledger.identity.DirectoryAccounts.SyncResult;
import io.opsledger.identity.Users;
import io.opsledger.identity.api.DirectoryMessages.DirectoryGroupView;
import io.opsledger.identity.api.DirectoryMessages.DirectorySettings;
import io.opsledger.identity.api.DirectoryMessages.DirectorySettingsView;
import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BitBlast's directory endpoints (ldap-login, AD groups and users, group roles, ADSapp's LDAP
 * settings; bitblast-api.md) on identity's directory accounts. Everything but the login is for
 * Admins (the contract's IsAllowedRole).
 */
@RestController
public class BitBlastDirectoryController {

    /** Longer names and passwords than any directory takes are refused before the directory is asked. */
    private static final int MAX_USERNAME = 256;
    private static final int MAX_PASSWORD = 1024;

    private final Web web;
    private final Users accounts;
    private final DirectoryAccounts directory;

    public BitBlastDirectoryController(Web web, Users accounts, DirectoryAccounts directory) {
        this.web = web;
        this.accounts = accounts;
        this.directory = directory;
    }

    /** The contract's body also has a role; a directory user's role comes from their groups, never from the login. */
    @PostMapping("/api/v1/ldap-login")
    public Mono<ResponseEntity<?>> login(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            BitBlastAuthController.Login login = BitBlastAuthController.Login.of(f);
            boolean tooLong = login.username().length() > MAX_USERNAME || login.password().length() > MAX_PASSWORD;
            return BitBlastAuthController.loggedIn(accounts, ctx,
                    tooLong ? null : directory.directoryLogin(ctx, login.username(), login.password()));
        });
    }

    @GetMapping("/api/v1/save-ad-groups")
    public Mono<ResponseEntity<?>> saveGroups(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            SyncResult sync = directory.importGroups(ctx);
            return ResponseEntity.ok(new Saved("LDAP groups and members saved successfully", sync.syncId(),
                    sync.groups().size(), sync.changes()));
        });
    }

    @GetMapping("/api/v1/list-gmember")
    public Mono<ResponseEntity<?>> groups(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            return ResponseEntity.ok(Map.of("groups", directory.groups().stream().map(GroupMembers::of).toList()));
        });
    }

    @GetMapping("/api/v1/save-ad-users")
    public Mono<ResponseEntity<?>> saveUsers(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            List<Map<String, String>> users = directory.importUsers(ctx).stream()
                    .map(name -> Map.of("sAMAccountName", name)).toList();
            return ResponseEntity.ok(Map.of("users", users));
        });
    }

    /** The directory's users as imported here (save-ad-users, group imports, logins), not a live search. */
    @GetMapping("/api/v1/ad-users")
    public Mono<ResponseEntity<?>> directoryUsers(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            return ResponseEntity.ok(Map.of("user_names", directory.directoryUsernames()));
        });
    }

    /** sAMAccountNames is for the caller's log only (the contract): the group's members are the directory's. */
    @PostMapping("/api/v1/assign-role-group")
    public Mono<ResponseEntity<?>> assignGroupRole(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            String group = f.text("group_name");
            String roleName = f.text("role_name");
            f.textList("sAMAccountNames");
            if (group == null || group.isBlank() || roleName == null || roleName.isBlank() || !f.valid()) {
                return outcome(HttpStatus.BAD_REQUEST, false, "group_name, role_name, and sAMAccountNames are required.");
            }
            Role role = BitBlastAuthController.role(roleName);
            if (role == null) {
                return outcome(HttpStatus.BAD_REQUEST, false, "Invalid role");
            }
            try {
                directory.assignGroupRole(ctx, group, role);
            } catch (RuleViolation refused) {
                return outcome(HttpStatus.BAD_REQUEST, false, refused.getMessage());
            }
            return outcome(HttpStatus.CREATED, true, "Roles assigned to members of " + group);
        });
    }

    @RequestMapping(path = "/api/v1/assign-role-group",
            method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    public Mono<ResponseEntity<?>> assignGroupRoleOtherwise(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> outcome(HttpStatus.METHOD_NOT_ALLOWED, false, "Invalid request method"));
    }

    @GetMapping("/api/v1/fetch-group-role/{groupName}")
    public Mono<ResponseEntity<?>> groupRole(@PathVariable String groupName, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            DirectoryGroupView group = directory.group(groupName);
            if (group == null || group.role() == null) {
                return outcome(HttpStatus.NOT_FOUND, false, "No role assigned to group " + groupName);
            }
            return ResponseEntity.ok(new GroupRole(true, group.name(), BitBlastAuthController.roleName(group.role())));
        });
    }

    /**
     * The contract's four fields, and beyond it: ldapUserSearch, ldapUserFilter, ldapGroupFilter,
     * ldapStartTLS, ldapConnectTimeout and ldapReadTimeout (seconds). A field left out keeps what is
     * saved. The connection is tried before anything is saved.
     */
    @PostMapping("/api/v1/update_ldap_settings")
    public Mono<ResponseEntity<?>> updateSettings(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            SettingsInput input = new SettingsInput(f.text("ldapServerURI"), f.text("ldapServerBIND_DN"),
                    f.text("ldapServerBIND_PASSWORD"), f.text("ldapUserSearch"), f.text("ldapUserFilter"),
                    f.text("ldapGroupSearch"), f.text("ldapGroupFilter"), f.bool("ldapStartTLS"),
                    seconds(f, "ldapConnectTimeout"), seconds(f, "ldapReadTimeout"));
            f.validate();
            DirectoryInfo info;
            try {
                info = directory.saveSettings(ctx, input);
            } catch (DirectoryCallFailed failed) { // the settings given do not work: the caller's to fix
                throw ApiException.badRequest(failed.getMessage());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", "LDAP settings updated successfully");
            body.put("vendor", info.vendor());
            body.put("user_search_base", info.userSearchBase());
            body.put("group_search_base", info.groupSearchBase());
            return ResponseEntity.ok(body);
        });
    }

    /** The settings in force, the bind password masked (beyond the contract, which has no read). */
    @GetMapping("/api/v1/ldap_settings")
    public Mono<ResponseEntity<?>> settings(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            return ResponseEntity.ok(SettingsShown.of(directory.settings()));
        });
    }

    @PostMapping("/api/v1/reset_ldap_settings")
    public Mono<ResponseEntity<?>> resetSettings(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            directory.clearSettings(ctx);
            return ResponseEntity.ok(Map.of("message", "LDAP settings disabled successfully"));
        });
    }

    private static Duration seconds(Fields f, String name) {
        Integer seconds = f.integer(name);
        if (seconds != null && (seconds < 1 || seconds > 300)) {
            f.error(name, "Ensure this value is between 1 and 300 seconds.");
            return null;
        }
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    private static ResponseEntity<?> outcome(HttpStatus status, boolean success, String message) {
        return ResponseEntity.status(status).body(new Outcome(success, message));
    }

    record Outcome(boolean success, String message) {}

    record Saved(String message, @JsonProperty("sync_id") String syncId, int groups, int changes) {}

    record GroupMembers(@JsonProperty("group_name") String groupName, List<String> members,
                        @JsonProperty("role_name") String roleName) {
        static GroupMembers of(DirectoryGroupView group) {
            return new GroupMembers(group.name(), group.members(),
                    group.role() == null ? null : BitBlastAuthController.roleName(group.role()));
        }
    }

    record GroupRole(boolean success, @JsonProperty("group_name") String groupName,
                     @JsonProperty("role_name") String roleName) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SettingsShown(boolean configured, String ldapServerURI, String ldapServerBIND_DN,
                         String ldapServerBIND_PASSWORD, String ldapUserSearch, String ldapUserFilter,
                         String ldapGroupSearch, String ldapGroupFilter, Boolean ldapStartTLS, Long ldapConnectTimeout,
                         Long ldapReadTimeout, String vendor, @JsonProperty("updated_at") Instant updatedAt,
                         @JsonProperty("last_sync") Instant lastSync) {
        static SettingsShown of(DirectorySettingsView view) {
            if (!view.configured()) {
                return new SettingsShown(false, null, null, null, null, null, null, null, null, null, null, null,
                        view.updatedAt(), view.lastSyncAt());
            }
            DirectorySettings s = view.settings();
            return new SettingsShown(true, s.uri(), s.bindDn(), s.bindPassword() == null ? "" : "********",
                    s.userSearchBase(), s.userFilter(), s.groupSearchBase(), s.groupFilter(), s.startTls(),
                    s.connectTimeout().toSeconds(), s.readTimeout().toSeconds(), view.vendor(), view.updatedAt(),
                    view.lastSyncAt());
        }
    }
}
