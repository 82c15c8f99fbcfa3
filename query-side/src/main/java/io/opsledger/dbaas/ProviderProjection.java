package io.opsledger.dbaas;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.Sequenced;
import io.opsledger.dbaas.api.DbaasQueries.*;
import io.opsledger.dbaas.api.ProviderMessages.*;
import io.opsledger.dbaas.api.ProviderSettings;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The providers read model: one document per provider, its credentials as ciphertext only (for
 * the gateways that use them) and the last connection check.
 */
@ProcessingGroup(ProviderProjection.GROUP)
public class ProviderProjection {

    public static final String GROUP = "projection.dbaas.providers";
    public static final String COLLECTION = "dbaas_providers";
    private final MongoCollection<Document> providers;

    public ProviderProjection(MongoDatabase db) {
        this.providers = db.getCollection(COLLECTION);
        providers.createIndex(Indexes.ascending("number"));
        providers.createIndex(Indexes.ascending("ownerId", "nameKey"));
    }

    @EventHandler
    void on(ProviderRegistered e, @SequenceNumber Long seq, @Timestamp Instant at) {
        Document doc = settings(e.settings()).append("number", e.number()).append("ownerId", e.ownerId()).append("seq", seq)
                .append("connected", null).append("connectionDetail", null).append("checkedAt", null)
                .append("createdAt", Date.from(at)).append("updatedAt", Date.from(at));
        providers.updateOne(Filters.eq("_id", e.id()), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(ProviderUpdated e, @SequenceNumber Long seq, @Timestamp Instant at) {
        providers.updateOne(Sequenced.laterThanApplied(e.id(), seq),
                new Document("$set", settings(e.settings()).append("seq", seq).append("updatedAt", Date.from(at))));
    }

    @EventHandler
    void on(ProviderConnectionChecked e, @SequenceNumber Long seq) {
        providers.updateOne(Sequenced.laterThanApplied(e.id(), seq), Updates.combine(Updates.set("seq", seq),
                Updates.set("connected", e.connected()), Updates.set("connectionDetail", e.detail()),
                Updates.set("checkedAt", Date.from(e.checkedAt()))));
    }

    @ResetHandler
    void reset() { providers.deleteMany(new Document()); }

    @QueryHandler
    public ProviderView handle(FindProvider q) {
        return view(providers.find(Filters.eq("number", q.number())).first());
    }

    @QueryHandler
    public ProviderView handle(FindProviderById q) {
        return view(providers.find(Filters.eq("_id", q.id())).first());
    }

    @QueryHandler
    public ProviderView handle(FindOwnProvider q) {
        return view(providers.find(Filters.and(Filters.eq("ownerId", q.ownerId()), Filters.eq("nameKey", nameKey(q.providerName()))))
                .first());
    }

    @QueryHandler
    public List<ProviderView> handle(ListProviders q) {
        Bson filter = q.ownerId() == null ? new Document() : Filters.eq("ownerId", q.ownerId());
        List<ProviderView> out = new ArrayList<>();
        providers.find(filter).sort(Sorts.ascending("number")).forEach(d -> out.add(view(d)));
        return out;
    }

    static String nameKey(String providerName) {
        return providerName == null ? "" : providerName.strip().toLowerCase(Locale.ROOT);
    }

    private static Document settings(ProviderSettings s) {
        return new Document("providerName", s.providerName()).append("nameKey", nameKey(s.providerName()))
                .append("keyName", s.keyName()).append("providerUrl", s.providerUrl())
                .append("secretKey", ciphertext(s.secretKey())).append("accessToken", ciphertext(s.accessToken()))
                .append("kubeconfig", ciphertext(s.kubeconfig())).append("openstackUsername", s.openstackUsername())
                .append("tenantName", s.tenantName()).append("openstackPassword", ciphertext(s.openstackPassword()))
                .append("authUrl", s.authUrl()).append("region", s.region())
                .append("openshiftUsername", s.openshiftUsername()).append("openshiftPassword", ciphertext(s.openshiftPassword()))
                .append("apiUrl", s.apiUrl());
    }

    private static String ciphertext(EncryptedSecret secret) { return secret == null ? null : secret.ciphertext(); }

    private static EncryptedSecret secret(Document d, String key) {
        String ciphertext = d.getString(key);
        return ciphertext == null ? null : new EncryptedSecret(ciphertext);
    }

    private static ProviderView view(Document d) {
        if (d == null) {
            return null;
        }
        ProviderSettings settings = new ProviderSettings(d.getString("providerName"), d.getString("keyName"),
                d.getString("providerUrl"), secret(d, "secretKey"), secret(d, "accessToken"), secret(d, "kubeconfig"),
                d.getString("openstackUsername"), d.getString("tenantName"), secret(d, "openstackPassword"),
                d.getString("authUrl"), d.getString("region"), d.getString("openshiftUsername"),
                secret(d, "openshiftPassword"), d.getString("apiUrl"));
        return new ProviderView(d.getString("_id"), ((Number) d.get("number")).longValue(), d.getString("ownerId"), settings,
                d.getBoolean("connected"), d.getString("connectionDetail"), instant(d, "checkedAt"),
                instant(d, "createdAt"), instant(d, "updatedAt"));
    }

    static Instant instant(Document d, String key) {
        Date date = d.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
