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
import io.opsledger.identity.api.SessionKind;
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

/**
 * Open sessions and API keys, keyed by the hash of what the client holds. Every node reads this on
 * every request, so a logout or a revocation takes effect everywhere as soon as it is applied.
 */
@ProcessingGroup(CredentialProjection.GROUP)
public class CredentialProjection {

    public static final String GROUP = "projection.identity.credentials";
    private final MongoCollection<Document> sessions;
    private final MongoCollection<Document> apiKeys;

    public CredentialProjection(MongoDatabase db) {
        this.sessions = db.getCollection("sessions");
        this.apiKeys = db.getCollection("api_keys");
        sessions.createIndex(Indexes.ascending("userId"));
        apiKeys.createIndex(Indexes.ascending("userId"));
        apiKeys.createIndex(Indexes.ascending("keyHash"));
    }

    @EventHandler
    void on(SessionOpened e) {
        sessions.updateOne(Filters.eq("_id", e.sessionHash()), new Document("$set",
                new Document("userId", e.userId()).append("kind", e.kind().name()).append("expiresAt", date(e.expiresAt()))),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(SessionClosed e) { sessions.deleteOne(Filters.eq("_id", e.sessionHash())); }

    @EventHandler
    void on(ApiKeyCreated e, @Timestamp Instant at) {
        apiKeys.updateOne(Filters.eq("_id", e.keyId()), new Document("$set",
                new Document("userId", e.userId()).append("name", e.name()).append("keyHash", e.keyHash())
                        .append("keyPrefix", e.keyPrefix()).append("createdAt", date(at))
                        .append("expiresAt", date(e.expiresAt())).append("revoked", false)),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(ApiKeyRevoked e) { apiKeys.updateOne(Filters.eq("_id", e.keyId()), Updates.set("revoked", true)); }

    @EventHandler
    void on(UserDeleted e) {
        sessions.deleteMany(Filters.eq("userId", e.userId()));
        apiKeys.updateMany(Filters.eq("userId", e.userId()), Updates.set("revoked", true));
    }

    @ResetHandler
    void reset() {
        sessions.deleteMany(new Document());
        apiKeys.deleteMany(new Document());
    }

    @QueryHandler
    public SessionView handle(FindSession q) {
        Document d = sessions.find(Filters.eq("_id", q.sessionHash())).first();
        return d == null ? null : new SessionView(d.getString("_id"), d.getString("userId"),
                SessionKind.valueOf(d.getString("kind")), instant(d, "expiresAt"));
    }

    @QueryHandler
    public ApiKeyView handle(FindApiKeyByHash q) { return view(apiKeys.find(Filters.eq("keyHash", q.keyHash())).first()); }

    @QueryHandler
    public List<ApiKeyView> handle(ListApiKeys q) {
        List<ApiKeyView> out = new ArrayList<>();
        apiKeys.find(Filters.eq("userId", q.userId())).sort(Sorts.ascending("createdAt")).forEach(d -> out.add(view(d)));
        return out;
    }

    private static ApiKeyView view(Document d) {
        return d == null ? null : new ApiKeyView(d.getString("_id"), d.getString("userId"), d.getString("name"),
                d.getString("keyPrefix"), instant(d, "createdAt"), instant(d, "expiresAt"), d.getBoolean("revoked", false));
    }
}
