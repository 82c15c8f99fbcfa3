package io.opsledger.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.identity.api.DirectoryMessages.*;
import io.opsledger.identity.api.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import static io.opsledger.identity.Docs.date;
import static io.opsledger.identity.Docs.instant;

/**
 * The directory read models: the settings in force (the bind password still encrypted) and the
 * imported groups with their members and roles. Groups are found by name in any case.
 */
@ProcessingGroup(DirectoryProjection.GROUP)
public class DirectoryProjection {

    public static final String GROUP = "projection.identity.directory";
    private final MongoCollection<Document> settings;
    private final MongoCollection<Document> groups;

    public DirectoryProjection(MongoDatabase db) {
        this.settings = db.getCollection("directory_settings");
        this.groups = db.getCollection("directory_groups");
        groups.createIndex(Indexes.ascending("nameKey"));
    }

    @EventHandler
    void on(DirectorySettingsSaved e, @Timestamp Instant at) {
        DirectorySettings s = e.settings();
        Document values = new Document("uri", s.uri()).append("bindDn", s.bindDn())
                .append("bindPassword", s.bindPassword() == null ? null : s.bindPassword().ciphertext())
                .append("userSearchBase", s.userSearchBase()).append("userFilter", s.userFilter())
                .append("groupSearchBase", s.groupSearchBase()).append("groupFilter", s.groupFilter())
                .append("startTls", s.startTls()).append("connectTimeoutMillis", s.connectTimeout().toMillis())
                .append("readTimeoutMillis", s.readTimeout().toMillis());
        settings.updateOne(Filters.eq("_id", e.directoryId()), Updates.combine(Updates.set("settings", values),
                Updates.set("vendor", e.vendor()), Updates.set("updatedAt", date(at))),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(DirectorySettingsCleared e, @Timestamp Instant at) {
        settings.replaceOne(Filters.eq("_id", e.directoryId()), new Document("updatedAt", date(at)),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(DirectorySynced e, @Timestamp Instant at) {
        settings.updateOne(Filters.eq("_id", e.directoryId()), Updates.set("lastSyncAt", date(at)),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(DirectoryGroupImported e, @Timestamp Instant at) {
        groups.updateOne(Filters.eq("_id", e.groupId()), Updates.combine(Updates.set("name", e.name()),
                Updates.set("nameKey", key(e.name())), Updates.set("dn", e.dn()), Updates.set("members", e.members()),
                Updates.set("updatedAt", date(at))), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(DirectoryGroupMembersChanged e, @Timestamp Instant at) {
        Document d = groups.find(Filters.eq("_id", e.groupId())).first();
        TreeSet<String> members = new TreeSet<>(d == null ? List.of() : d.getList("members", String.class, List.of()));
        members.addAll(e.added());
        members.removeAll(e.removed());
        groups.updateOne(Filters.eq("_id", e.groupId()), Updates.combine(Updates.set("members", new ArrayList<>(members)),
                Updates.set("updatedAt", date(at))));
    }

    @EventHandler
    void on(DirectoryGroupRemoved e) { groups.deleteOne(Filters.eq("_id", e.groupId())); }

    @EventHandler
    void on(GroupRoleAssigned e, @Timestamp Instant at) {
        groups.updateOne(Filters.eq("_id", e.groupId()), Updates.combine(Updates.set("role", e.role().name()),
                Updates.set("updatedAt", date(at))));
    }

    @ResetHandler
    void reset() {
        settings.deleteMany(new Document());
        groups.deleteMany(new Document());
    }

    @QueryHandler
    public DirectorySettingsView handle(GetDirectorySettings q) {
        Document d = settings.find().first();
        Document s = d == null ? null : d.get("settings", Document.class);
        Instant lastSync = d == null ? null : instant(d, "lastSyncAt");
        if (s == null) {
            return new DirectorySettingsView(false, null, null, d == null ? null : instant(d, "updatedAt"), lastSync);
        }
        String password = s.getString("bindPassword");
        DirectorySettings values = new DirectorySettings(s.getString("uri"), s.getString("bindDn"),
                password == null ? null : new EncryptedSecret(password), s.getString("userSearchBase"),
                s.getString("userFilter"), s.getString("groupSearchBase"), s.getString("groupFilter"),
                s.getBoolean("startTls", false), Duration.ofMillis(((Number) s.get("connectTimeoutMillis")).longValue()),
                Duration.ofMillis(((Number) s.get("readTimeoutMillis")).longValue()));
        return new DirectorySettingsView(true, values, d.getString("vendor"), instant(d, "updatedAt"), lastSync);
    }

    @QueryHandler
    public List<DirectoryGroupView> handle(ListDirectoryGroups q) {
        List<DirectoryGroupView> out = new ArrayList<>();
        groups.find().sort(Sorts.ascending("nameKey")).forEach(d -> out.add(view(d)));
        return out;
    }

    @QueryHandler
    public DirectoryGroupView handle(FindDirectoryGroup q) {
        Document d = groups.find(Filters.eq("nameKey", key(q.name()))).first();
        return d == null ? null : view(d);
    }

    private static DirectoryGroupView view(Document d) {
        String role = d.getString("role");
        return new DirectoryGroupView(d.getString("_id"), d.getString("name"), d.getString("dn"),
                d.getList("members", String.class, List.of()), role == null ? null : Role.valueOf(role),
                instant(d, "updatedAt"));
    }

    private static String key(String name) { return name == null ? "" : name.toLowerCase(Locale.ROOT); }
}
