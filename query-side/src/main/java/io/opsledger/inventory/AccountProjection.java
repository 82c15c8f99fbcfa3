package io.opsledger.inventory;

import io.opsledger.common.Sequenced;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.inventory.InventoryQueries.*;
import io.opsledger.inventory.api.AccountMessages.*;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.inventory.api.DiscoveryMessages.AccountToDiscover;
import io.opsledger.inventory.api.DiscoveryMessages.DiscoveryJobCompleted;
import io.opsledger.inventory.api.DiscoveryMessages.FindAccountsToDiscover;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AWS accounts read model: one document per account, keyed by the aggregate id. Each document
 * remembers the sequence number of the last event applied, so a redelivered event changes nothing.
 * The secret access key is kept only as ciphertext plus a "has secret" flag.
 */
@ProcessingGroup(AccountProjection.GROUP)
public class AccountProjection {

    public static final String GROUP = "projection.inventory.accounts";
    public static final String COLLECTION = "inventory_accounts";
    static final String ZERO = "0.00";
    private final MongoCollection<Document> accounts;

    private final MongoDatabase db;

    public AccountProjection(MongoDatabase db) {
        this.db = db;
        this.accounts = db.getCollection(COLLECTION);
        accounts.createIndex(Indexes.ascending("accountName"));
        accounts.createIndex(Indexes.ascending("awsAccountId"));
        accounts.createIndex(Indexes.ascending("managementAccount"));
    }

    @EventHandler
    void on(AwsAccountRegistered e, @SequenceNumber Long seq, @Timestamp Instant at) {
        Document doc = details(e.details()).append("seq", seq)
                .append("lastDiscoveryAt", null).append("estimatedMonthlyCost", ZERO).append("previousMonthCost", ZERO)
                .append("costUpdatedAt", null).append("createdAt", Date.from(at)).append("updatedAt", Date.from(at));
        // insert only: a redelivered registration must not undo later changes
        accounts.updateOne(Filters.eq("_id", e.id()), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(AwsAccountUpdated e, @SequenceNumber Long seq, @Timestamp Instant at) {
        Document set = details(e.details()).append("seq", seq).append("updatedAt", Date.from(at));
        accounts.updateOne(Sequenced.laterThanApplied(e.id(), seq), new Document("$set", set));
    }

    @EventHandler
    void on(AccountCostsRecorded e, @SequenceNumber Long seq, @Timestamp Instant at) {
        accounts.updateOne(Sequenced.laterThanApplied(e.id(), seq), Updates.combine(Updates.set("seq", seq),
                Updates.set("estimatedMonthlyCost", money(e.estimatedMonthlyCost())),
                Updates.set("previousMonthCost", money(e.previousMonthCost())),
                Updates.set("costUpdatedAt", Date.from(e.at() == null ? at : e.at())),
                Updates.set("updatedAt", Date.from(at))));
    }

    @EventHandler
    void on(AwsAccountDeleted e) {
        accounts.deleteOne(Filters.eq("_id", e.id()));
        // the members of a deleted management account no longer have one (Django's SET_NULL)
        accounts.updateMany(Filters.eq("managementAccount", e.id()), Updates.set("managementAccount", null));
    }

    @EventHandler
    void on(DiscoveryJobCompleted e) {
        if (!e.accountIds().isEmpty()) {
            accounts.updateMany(Filters.in("_id", e.accountIds()), Updates.set("lastDiscoveryAt", Date.from(e.completedAt())));
        }
    }

    /** The accounts a discovery run walks through, with their encrypted secrets (for the saga to open). */
    @QueryHandler
    public List<AccountToDiscover> handle(FindAccountsToDiscover q) {
        Bson filter = q.ids() == null || q.ids().isEmpty() ? Filters.eq("active", true) : Filters.in("_id", q.ids());
        List<Document> docs = new ArrayList<>();
        accounts.find(filter).sort(Sorts.ascending("accountName", "_id")).forEach(docs::add);
        return views(docs).stream().map(v -> new AccountToDiscover(v.id(), v.details())).toList();
    }

    @ResetHandler
    void reset() { accounts.deleteMany(new Document()); }

    @QueryHandler
    public AccountView handle(FindAccount q) {
        Document doc = accounts.find(Filters.eq("_id", q.id())).first();
        return doc == null ? null : views(List.of(doc)).get(0);
    }

    @QueryHandler
    public AccountPage handle(ListAccounts q) {
        Bson filter = filter(q.filter() == null ? AccountFilter.none() : q.filter());
        long count = accounts.countDocuments(filter);
        if (q.limit() <= 0) {
            return new AccountPage(count, List.of());
        }
        List<Document> docs = new ArrayList<>();
        accounts.find(filter).sort(Sorts.ascending("accountName", "_id")).skip(Math.max(0, q.offset())).limit(q.limit())
                .forEach(docs::add);
        return new AccountPage(count, views(docs));
    }

    /** ACTIVE and UNKNOWN assets of this account, from the assets read model. */
    long assetCount(String accountId) {
        return AssetProjection.countPresent(db, "aws_account", accountId);
    }

    private static Bson filter(AccountFilter f) {
        List<Bson> parts = new ArrayList<>();
        if (f.accountType() != null) {
            parts.add(Filters.eq("accountType", f.accountType()));
        }
        if (f.environment() != null) {
            parts.add(Filters.eq("environment", f.environment()));
        }
        if (f.active() != null) {
            parts.add(Filters.eq("active", f.active()));
        }
        if (f.managementAccount() != null) {
            parts.add(Filters.eq("managementAccount", f.managementAccount()));
        }
        if (f.search() != null && !f.search().isBlank()) {
            Pattern p = Pattern.compile(Pattern.quote(f.search().trim()), Pattern.CASE_INSENSITIVE);
            parts.add(Filters.or(Filters.regex("accountName", p), Filters.regex("awsAccountId", p)));
        }
        return parts.isEmpty() ? new Document() : Filters.and(parts);
    }


    private static Document details(AwsAccountDetails d) {
        return new Document("awsAccountId", d.awsAccountId()).append("accountName", d.accountName())
                .append("accountType", d.accountType()).append("environment", d.environment())
                .append("organizationRoleName", d.organizationRoleName()).append("accessKeyId", d.accessKeyId())
                .append("hasSecret", d.secretAccessKey() != null)
                .append("secretCiphertext", d.secretAccessKey() == null ? null : d.secretAccessKey().ciphertext())
                .append("managementAccount", d.managementAccount())
                .append("discoveryRegions", d.discoveryRegions() == null ? List.of() : d.discoveryRegions())
                .append("active", d.active());
    }

    private static String money(BigDecimal value) {
        return value == null ? ZERO : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Views for these documents, with their management accounts' names looked up in one query. */
    private List<AccountView> views(List<Document> docs) {
        List<String> managers = docs.stream().map(d -> d.getString("managementAccount")).filter(m -> m != null).distinct().toList();
        Map<String, String> names = new HashMap<>();
        if (!managers.isEmpty()) {
            accounts.find(Filters.in("_id", managers)).forEach(m -> names.put(m.getString("_id"), m.getString("accountName")));
        }
        List<AccountView> out = new ArrayList<>();
        for (Document d : docs) {
            String id = d.getString("_id");
            String manager = d.getString("managementAccount");
            String ciphertext = d.getString("secretCiphertext");
            out.add(new AccountView(id, d.getString("awsAccountId"), d.getString("accountName"), d.getString("accountType"),
                    d.getString("environment"), d.getString("organizationRoleName"), d.getString("accessKeyId"),
                    d.getBoolean("hasSecret", false), ciphertext == null ? null : new EncryptedSecret(ciphertext),
                    manager, manager == null ? "" : names.getOrDefault(manager, ""),
                    d.getList("discoveryRegions", String.class, List.of()), d.getBoolean("active", true),
                    instant(d, "lastDiscoveryAt"), d.get("estimatedMonthlyCost", ZERO), d.get("previousMonthCost", ZERO),
                    instant(d, "costUpdatedAt"), instant(d, "createdAt"), instant(d, "updatedAt"), assetCount(id)));
        }
        return out;
    }

    private static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
