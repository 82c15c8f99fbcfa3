package io.opsledger.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.identity.api.IdentityQueries.*;
import io.opsledger.identity.api.IdentityEvents.*;
import io.opsledger.identity.api.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.opsledger.identity.Docs.date;
import static io.opsledger.identity.Docs.instant;

/**
 * The users read model: one document per user, keyed by the user's aggregate id. Users are found
 * by their username's {@link Usernames#key} (any case). Role, active flag and password hash carry
 * a {@link Seal}; a user whose seal does not hold is not served (logged), so writing to the
 * projection store cannot make a user nor raise one.
 */
@ProcessingGroup(UserProjection.GROUP)
public class UserProjection {

    private static final Logger log = LoggerFactory.getLogger(UserProjection.class);
    /** ".v2": sealed documents; the new name makes an upgraded installation rebuild them from the events. */
    public static final String GROUP = "projection.identity.users.v2";
    private final MongoCollection<Document> users;
    private final Seal seal;

    public UserProjection(MongoDatabase db, Seal seal) {
        this.users = db.getCollection("users");
        this.seal = seal;
        users.createIndex(Indexes.ascending("usernameKey"));
        users.createIndex(Indexes.ascending("userNumber"));
        users.createIndex(Indexes.ascending("email"));
        // documents written before usernames were keyed
        users.find(Filters.exists("usernameKey", false)).forEach(d -> users.updateOne(Filters.eq("_id", d.get("_id")),
                Updates.set("usernameKey", Usernames.key(d.getString("username")))));
    }

    @EventHandler
    void on(UserRegistered e, @Timestamp Instant at) {
        Document doc = new Document("userNumber", e.userNumber()).append("username", e.username())
                .append("usernameKey", Usernames.key(e.username())).append("email", e.email()).append("firstName", e.firstName()).append("lastName", e.lastName())
                .append("passwordHash", e.passwordHash()).append("role", e.role().name())
                .append("active", e.active()).append("authSource", e.authSource())
                .append("dateJoined", date(at)).append("updatedAt", date(at))
                .append("seal", new Document("role", seal.of(e.userId(), "role", e.role().name()))
                        .append("active", seal.of(e.userId(), "active", e.active()))
                        .append("passwordHash", seal.of(e.userId(), "passwordHash", e.passwordHash())));
        users.updateOne(Filters.eq("_id", e.userId()), new Document("$set", doc), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(UserProfileUpdated e, @Timestamp Instant at) {
        users.updateOne(Filters.eq("_id", e.userId()), Updates.combine(Updates.set("username", e.username()),
                Updates.set("usernameKey", Usernames.key(e.username())),
                Updates.set("email", e.email()), Updates.set("firstName", e.firstName()),
                Updates.set("lastName", e.lastName()), Updates.set("active", e.active()),
                Updates.set("seal.active", seal.of(e.userId(), "active", e.active())),
                Updates.set("updatedAt", date(at))));
    }

    @EventHandler
    void on(UserRoleChanged e, @Timestamp Instant at) {
        setRole(e.userId(), e.role(), e.group(), at);
    }

    @EventHandler
    void on(GroupRoleWithdrawn e, @Timestamp Instant at) {
        setRole(e.userId(), e.role(), null, at);
    }

    private void setRole(String userId, Role role, String group, Instant at) {
        users.updateOne(Filters.eq("_id", userId),
                Updates.combine(Updates.set("role", role.name()), Updates.set("roleGroup", group),
                        Updates.set("seal.role", seal.of(userId, "role", role.name())), Updates.set("updatedAt", date(at))));
    }

    @EventHandler
    void on(UserPasswordChanged e, @Timestamp Instant at) {
        users.updateOne(Filters.eq("_id", e.userId()),
                Updates.combine(Updates.set("passwordHash", e.passwordHash()),
                        Updates.set("seal.passwordHash", seal.of(e.userId(), "passwordHash", e.passwordHash())),
                        Updates.set("updatedAt", date(at))));
    }

    @EventHandler
    void on(SessionOpened e, @Timestamp Instant at) {
        users.updateOne(Filters.eq("_id", e.userId()), Updates.max("lastLogin", date(at)));
    }

    @EventHandler
    void on(UserDeleted e) {
        users.deleteOne(Filters.eq("_id", e.userId()));
    }

    @ResetHandler
    void reset() { users.deleteMany(new Document()); }

    @QueryHandler
    public UserView handle(FindUserById q) { return view(users.find(Filters.eq("_id", q.userId())).first()); }

    /** Any case; should two users differ only in case (made before keys existed), the exact spelling wins. */
    @QueryHandler
    public UserView handle(FindUserByUsername q) {
        List<UserView> found = list(users.find(Filters.eq("usernameKey", Usernames.key(q.username())))
                .sort(Sorts.ascending("userNumber")));
        return found.stream().filter(u -> u.username().equals(q.username())).findFirst()
                .orElse(found.isEmpty() ? null : found.get(0));
    }

    @QueryHandler
    public UserView handle(FindUserByNumber q) { return view(users.find(Filters.eq("userNumber", q.userNumber())).first()); }

    @QueryHandler
    public List<UserView> handle(FindUsersByEmail q) {
        return list(users.find(Filters.eq("email", q.email())).sort(Sorts.ascending("userNumber")));
    }

    @QueryHandler
    public List<UserView> handle(ListUsers q) { return list(users.find().sort(Sorts.ascending("userNumber"))); }

    @QueryHandler
    public Long handle(CountUsersWithRoles q) {
        return (long) list(users.find(Filters.in("role", q.roles().stream().map(Role::name).toList()))).size();
    }

    private List<UserView> list(Iterable<Document> docs) {
        List<UserView> out = new ArrayList<>();
        docs.forEach(d -> {
            UserView user = view(d);
            if (user != null) {
                out.add(user);
            }
        });
        return out;
    }

    private UserView view(Document d) {
        if (d == null) {
            return null;
        }
        String id = d.getString("_id");
        Document seals = d.get("seal", Document.class);
        if (seals == null || !seal.holds(seals.getString("role"), id, "role", d.getString("role"))
                || !seal.holds(seals.getString("active"), id, "active", d.getBoolean("active"))
                || !seal.holds(seals.getString("passwordHash"), id, "passwordHash", d.getString("passwordHash"))) {
            log.warn("user document {} in the projection store does not carry the server's seal: ignored", id);
            return null;
        }
        return new UserView(d.getString("_id"), ((Number) d.get("userNumber")).longValue(), d.getString("username"),
                d.getString("email"), d.getString("firstName"), d.getString("lastName"), d.getString("passwordHash"),
                Role.valueOf(d.getString("role")), d.getBoolean("active", true), d.getString("authSource"),
                instant(d, "dateJoined"), instant(d, "lastLogin"), instant(d, "updatedAt"), d.getString("roleGroup"));
    }
}
