package io.opsledger.identity.api;

import io.opsledger.common.EncryptedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The LDAP / Active Directory part of identity: where the directory is, the groups imported from it
 * and the roles those groups give their members. Directory users are ordinary users whose
 * {@code authSource} is {@link #AUTH_SOURCE}: they have no local password and their roles follow
 * their groups.
 */
public final class DirectoryMessages {
    private DirectoryMessages() {}

    /** There is one directory for the whole site. */
    public static final String DIRECTORY = "directory";
    public static final String AUTH_SOURCE = "ldap";
    /** The password hash of a directory user: no password ever matches it, the directory checks them. */
    public static final String NO_LOCAL_PASSWORD = "!directory";

    /** The aggregate id of a group: one per name, whatever its case, so an import can never make two. */
    public static String groupId(String name) {
        return UUID.nameUUIDFromBytes(("directory-group:" + name.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The bind password travels encrypted; blank bases and filters mean the directory's defaults. */
    public record DirectorySettings(String uri, String bindDn, EncryptedSecret bindPassword, String userSearchBase,
                                    String userFilter, String groupSearchBase, String groupFilter, boolean startTls,
                                    Duration connectTimeout, Duration readTimeout) {}

    // ---- settings and syncs (the Directory aggregate)

    /** {@code vendor}: what the connection test found (e.g. "OpenLDAP"), for the record. */
    public record SaveDirectorySettings(@TargetAggregateIdentifier String directoryId, DirectorySettings settings,
                                        String vendor) {}

    public record DirectorySettingsSaved(String directoryId, DirectorySettings settings, String vendor) {}

    public record ClearDirectorySettings(@TargetAggregateIdentifier String directoryId) {}

    public record DirectorySettingsCleared(String directoryId) {}

    /** A sync's summary: what it read and how many changes it caused (each of which is its own event). */
    public record RecordDirectorySync(@TargetAggregateIdentifier String directoryId, String syncId, String trigger,
                                      int groups, int users, int changes) {}

    public record DirectorySynced(String directoryId, String syncId, String trigger, int groups, int users, int changes) {}

    // ---- groups (the DirectoryGroup aggregate)

    /** Creates the group or brings its members up to date; {@code syncId} names the import that saw it. */
    public record ImportDirectoryGroup(@TargetAggregateIdentifier String groupId, String name, String dn,
                                       List<String> members, String syncId) {}

    public record DirectoryGroupImported(String groupId, String name, String dn, List<String> members, String syncId) {}

    public record DirectoryGroupMembersChanged(String groupId, String name, List<String> added, List<String> removed,
                                               String syncId) {}

    /** The group is gone from the directory: its members no longer get its role. */
    public record RemoveDirectoryGroup(@TargetAggregateIdentifier String groupId, String syncId) {}

    public record DirectoryGroupRemoved(String groupId, String name, String syncId) {}

    public record AssignGroupRole(@TargetAggregateIdentifier String groupId, Role role) {}

    public record GroupRoleAssigned(String groupId, String name, Role previousRole, Role role) {}

    // ---- reads

    public record GetDirectorySettings() {}

    /** {@code configured} false: no settings (never saved, or reset). */
    public record DirectorySettingsView(boolean configured, DirectorySettings settings, String vendor,
                                        Instant updatedAt, Instant lastSyncAt) {}

    public record ListDirectoryGroups() {}

    public record FindDirectoryGroup(String name) {}

    /** {@code role} null: no role assigned. Members are usernames, sorted. */
    public record DirectoryGroupView(String groupId, String name, String dn, List<String> members, Role role,
                                     Instant updatedAt) {}
}
