package io.opsledger.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.identity.IdentityQueries.*;
import io.opsledger.identity.api.IdentityEvents.*;
import io.opsledger.identity.api.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.opsledger.identity.Docs.date;
import static io.opsledger.identity.Docs.instant;

/** The users read model: one document per user, keyed by the user's aggregate id. */
@ProcessingGroup(UserProjection.GROUP)
public class UserProjection {

    public static final String GROUP = "projection.identity.users";
    private final MongoCollection<Document> users;

    public UserProjection(MongoDatabase db) {
        this.users = db.getCollection("users");
        users.createIndex(Indexes.ascending("username"));
        users.createIndex(Indexes.ascending("userNumber"));
        users.createIndex(Indexes.ascending("email"));
    }

    @EventHandler
    void on(UserRegistered e, @Timestamp Instant at) {
        Document doc = new Document("userNumber", e.userNumber()).append("username", e.username())
                .append("email", e.email()).append("firstName", e.firstName()).append("lastName", e.lastName())
                .append("passwordHash", e.passwordHash()).append("role", e.role().name())
                .append("active", e.active()).append("authSource", e.authSource())
                .append("dateJoined", date(at)).append("updatedAt", date(at));
        users.updateOne(Filters.eq("_id", e.userId()), new Document("$set", doc), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(UserProfileUpdated e, @Timestamp Instant at) {
        users.updateOne(Filters.eq("_id", e.userId()), Updates.combine(Updates.set("username", e.username()),
                Updates.set("email", e.email()), Updates.set("firstName", e.firstName()),
                Updates.set("lastName", e.lastName()), Updates.set("active", e.active()),
                Updates.set("updatedAt", date(at))));
    }

    @EventHandler
    void on(UserRoleChanged e, @Timestamp Instant at) {
        users.updateOne(Filters.eq("_id", e.userId()),
                Updates.combine(Updates.set("role", e.role().name()), Updates.set("updatedAt", date(at))));
    }

    @EventHandler
    void on(UserPasswordChanged e, @Timestamp Instant at) {
        users.updateOne(Filters.eq("_id", e.userId()),
                Updates.combine(Updates.set("passwordHash", e.passwordHash()), Updates.set("updatedAt", date(at))));
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

    @QueryHandler
    public UserView handle(FindUserByUsername q) { return view(users.find(Filters.eq("username", q.username())).first()); }

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
        return users.countDocuments(Filters.in("role", q.roles().stream().map(Role::name).toList()));
    }

    private static List<UserView> list(Iterable<Document> docs) {
        List<UserView> out = new ArrayList<>();
        docs.forEach(d -> out.add(view(d)));
        return out;
    }

    private static UserView view(Document d) {
        if (d == null) {
            return null;
        }
        return new UserView(d.getString("_id"), ((Number) d.get("userNumber")).longValue(), d.getString("username"),
                d.getString("email"), d.getString("firstName"), d.getString("lastName"), d.getString("passwordHash"),
                Role.valueOf(d.getString("role")), d.getBoolean("active", true), d.getString("authSource"),
                instant(d, "dateJoined"), instant(d, "lastLogin"), instant(d, "updatedAt"));
    }
}
