package io.opsledger.inventory;

import io.opsledger.common.Sequenced;
import io.opsledger.common.UserMaps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.inventory.AssetQueries.*;
import io.opsledger.inventory.api.AccountMessages.AwsAccountDeleted;
import io.opsledger.inventory.api.AccountMessages.AwsAccountRegistered;
import io.opsledger.inventory.api.AccountMessages.AwsAccountUpdated;
import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.AssetMessages.*;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.inventory.api.DiscoveryMessages.FindMatchableAssets;
import io.opsledger.inventory.api.DiscoveryMessages.MatchableAsset;
import io.opsledger.inventory.api.CategoryMessages.CategoryCreated;
import io.opsledger.inventory.api.CategoryMessages.CategoryDeleted;
import io.opsledger.inventory.api.CategoryMessages.CategoryUpdated;
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
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The assets read model ("inventory_assets"): one document per asset under the contract's field
 * names, with the AWS account's and category's names copied in. The names come from a small lookup
 * of accounts and categories ("inventory_asset_refs") kept from their events, which also tells
 * the edge whether an account or category id exists.
 */
@ProcessingGroup(AssetProjection.GROUP)
public class AssetProjection {

    public static final String COLLECTION = "inventory_assets";

    /**
     * Assets that count as present (NOTES.md, asset_count: ACTIVE and UNKNOWN) among those whose
     * {@code field} is {@code id}; accounts and categories show this number.
     */
    public static long countPresent(MongoDatabase db, String field, String id) {
        return db.getCollection(COLLECTION).countDocuments(Filters.and(Filters.eq(field, id),
                Filters.in("status", List.of("ACTIVE", "UNKNOWN"))));
    }


    /** ".v2": documents carry {@link #SEARCH_TEXT}; the new name makes an upgraded installation rebuild them from the events. */
    public static final String GROUP = "projection.inventory.assets.v2";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    /**
     * What search looks in: name, asset_id, ARN and resource id, lower-cased and one per line (a
     * term never holds a line break, so it cannot match across two of them). One plain regex over one
     * field costs a list a quarter of four case-insensitive ones (JFR: the matcher was most of a
     * filtered list's time over 100,000 assets).
     */
    static final String SEARCH_TEXT = "search_text";
    private static final List<String> AUTOCOMPLETE_FIELDS = List.of("name", "asset_id", "aws_resource_id", "ip_addresses", "dns_names");

    private final MongoCollection<Document> assets;
    private final MongoCollection<Document> refs;
    private final ObjectMapper json;

    public AssetProjection(MongoDatabase db, ObjectMapper json) {
        this.json = json;
        this.assets = db.getCollection(COLLECTION);
        this.refs = db.getCollection("inventory_asset_refs");
        for (String field : AssetQueries.FILTER_FIELDS) {
            assets.createIndex(Indexes.ascending(field));
        }
        assets.createIndex(Indexes.ascending("name", "asset_number"));
        assets.createIndex(Indexes.ascending("asset_number"));
        assets.createIndex(Indexes.ascending("aws_resource_arn"));
        assets.createIndex(Indexes.ascending("aws_resource_id"));
        assets.createIndex(Indexes.ascending("ip_addresses"));
        assets.createIndex(Indexes.ascending("dns_names"));
        assets.createIndex(Indexes.descending("created_at"));
        refs.createIndex(Indexes.ascending("kind", "name"));
    }

    // ---- accounts and categories: the lookup, and the names copied into assets

    @EventHandler
    void on(AwsAccountRegistered e) { account(e.id(), e.details()); }

    @EventHandler
    void on(AwsAccountUpdated e) { account(e.id(), e.details()); }

    @EventHandler
    void on(AwsAccountDeleted e) { forget(AssetQueries.ACCOUNT, e.id(), "aws_account", "aws_account_name"); }

    @EventHandler
    void on(CategoryCreated e) { category(e.id(), e.details().name()); }

    @EventHandler
    void on(CategoryUpdated e) { category(e.id(), e.details().name()); }

    @EventHandler
    void on(CategoryDeleted e) { forget(AssetQueries.CATEGORY, e.id(), "category", "category_name"); }

    private void account(String id, AwsAccountDetails details) {
        String name = text(details.accountName());
        refs.updateOne(Filters.eq("_id", refKey(AssetQueries.ACCOUNT, id)), Updates.combine(
                Updates.set("kind", AssetQueries.ACCOUNT), Updates.set("ref_id", id), Updates.set("name", name),
                Updates.set("aws_account_id", text(details.awsAccountId()))), new UpdateOptions().upsert(true));
        assets.updateMany(Filters.eq("aws_account", id), Updates.set("aws_account_name", name));
    }

    private void category(String id, String name) {
        refs.updateOne(Filters.eq("_id", refKey(AssetQueries.CATEGORY, id)), Updates.combine(
                Updates.set("kind", AssetQueries.CATEGORY), Updates.set("ref_id", id), Updates.set("name", text(name))),
                new UpdateOptions().upsert(true));
        assets.updateMany(Filters.eq("category", id), Updates.set("category_name", text(name)));
    }

    /** A deleted account or category: its assets keep existing without it (like a nullable foreign key set to null). */
    private void forget(String kind, String id, String field, String nameField) {
        refs.deleteOne(Filters.eq("_id", refKey(kind, id)));
        assets.updateMany(Filters.eq(field, id), Updates.combine(Updates.set(field, null), Updates.set(nameField, "")));
    }

    private static String refKey(String kind, String id) { return kind + ":" + id; }

    private String refName(String kind, String id) {
        if (id == null) {
            return "";
        }
        Document ref = refs.find(Filters.eq("_id", refKey(kind, id))).first();
        return ref == null ? "" : text(ref.getString("name"));
    }

    // ---- assets

    @EventHandler
    void on(AssetCreated e, @Timestamp Instant at, @SequenceNumber long seq) {
        Document doc = details(e.details()).append("asset_id", e.assetNumber()).append("asset_number", number(e.assetNumber()))
                .append("created_at", Date.from(at)).append("updated_at", Date.from(at)).append("seq", seq)
                .append(SEARCH_TEXT, searchText(e.details(), e.assetNumber()));
        // a redelivered creation must not undo later changes
        assets.updateOne(Filters.eq("_id", e.id()), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(AssetUpdated e, @Timestamp Instant at, @SequenceNumber long seq) { changed(e.id(), e.details(), at, seq); }

    @EventHandler
    void on(AssetDiscovered e, @Timestamp Instant at, @SequenceNumber long seq) { changed(e.id(), e.details(), at, seq); }

    private void changed(String id, AssetDetails details, Instant at, long seq) {
        // asset_id never changes, but the search text holds it too
        Document current = assets.find(Filters.eq("_id", id)).projection(new Document("asset_id", 1)).first();
        Document doc = details(details).append("updated_at", Date.from(at)).append("seq", seq)
                .append(SEARCH_TEXT, searchText(details, current == null ? null : current.getString("asset_id")));
        assets.updateOne(Sequenced.laterThanApplied(id, seq), new Document("$set", doc));
    }

    private static String searchText(AssetDetails d, String assetId) {
        return String.join("\n", Stream.of(d.name(), assetId, d.awsResourceArn(), d.awsResourceId())
                .map(value -> value == null ? "" : value.toLowerCase(Locale.ROOT)).toList());
    }

    @EventHandler
    void on(AssetDecommissioned e, @Timestamp Instant at, @SequenceNumber long seq) {
        assets.updateOne(Sequenced.laterThanApplied(e.id(), seq), Updates.combine(Updates.set("status", AssetDetails.DECOMMISSIONED),
                Updates.set("updated_at", Date.from(at)), Updates.set("seq", seq)));
    }

    @EventHandler
    void on(AssetDeleted e) { assets.deleteOne(Filters.eq("_id", e.id())); }

    @ResetHandler
    void reset() {
        assets.deleteMany(new Document());
        refs.deleteMany(new Document());
    }


    private Document details(AssetDetails d) {
        return new Document("name", d.name()).append("asset_type", d.assetType())
                .append("aws_service_type", text(d.awsServiceType())).append("aws_account", d.awsAccount())
                .append("aws_account_name", refName(AssetQueries.ACCOUNT, d.awsAccount()))
                .append("aws_region", text(d.awsRegion())).append("aws_resource_id", text(d.awsResourceId()))
                .append("aws_resource_arn", text(d.awsResourceArn())).append("status", d.status())
                .append("criticality", d.criticality()).append("owner", text(d.owner()))
                .append("department", text(d.department())).append("data_classification", d.dataClassification())
                .append("category", d.category()).append("category_name", refName(AssetQueries.CATEGORY, d.category()))
                .append("metadata", write(d.metadata())).append("ip_addresses", list(d.ipAddresses()))
                .append("dns_names", list(d.dnsNames())).append("tags", write(d.tags()))
                .append("description", text(d.description())).append("vendor", text(d.vendor()))
                .append("url", text(d.url())).append("version", text(d.version()))
                .append("gdpr_relevant", d.gdprRelevant()).append("contains_personal_data", d.containsPersonalData())
                .append("backup_enabled", d.backupEnabled()).append("monitoring_enabled", d.monitoringEnabled())
                .append("notes", text(d.notes())).append("is_manually_added", d.isManuallyAdded())
                .append("discovered_at", date(d.discoveredAt())).append("last_seen_at", date(d.lastSeenAt()));
    }

    // ---- queries

    @QueryHandler
    public AssetView handle(FindAsset q) { return view(assets.find(Filters.eq("_id", q.id())).first()); }

    @QueryHandler
    public List<AssetView> handle(FindAssets q) {
        List<AssetView> out = new ArrayList<>();
        assets.find(Filters.in("_id", q.ids())).sort(Sorts.ascending("asset_number")).forEach(d -> out.add(view(d)));
        return out;
    }

    @QueryHandler
    public AssetPage handle(ListAssets q) {
        Bson filter = filter(q.filter());
        long count = assets.countDocuments(filter);
        List<AssetView> results = new ArrayList<>();
        if (q.limit() > 0) {
            assets.find(filter).sort(sort(q.ordering())).skip(Math.max(0, q.offset())).limit(q.limit())
                    .forEach(d -> results.add(view(d)));
        }
        return new AssetPage(count, results);
    }

    @QueryHandler
    public List<AssetSuggestion> handle(AutocompleteAssets q) {
        List<AssetSuggestion> out = new ArrayList<>();
        if (q.q() == null || q.q().trim().length() < 2) {
            return out;
        }
        Pattern term = contains(q.q().trim());
        Bson filter = Filters.and(Filters.ne("status", AssetDetails.DECOMMISSIONED),
                Filters.or(AUTOCOMPLETE_FIELDS.stream().map(f -> Filters.regex(f, term)).toList()));
        int limit = Math.min(Math.max(q.limit(), 1), AssetQueries.AUTOCOMPLETE_MAX);
        assets.find(filter).sort(Sorts.ascending("name", "asset_number")).limit(limit)
                .forEach(d -> out.add(new AssetSuggestion(d.getString("_id"), d.getString("asset_id"), d.getString("name"),
                        text(d.getString("aws_service_type")))));
        return out;
    }

    @QueryHandler
    public AssetFilterOptions handle(GetAssetFilterOptions q) {
        TreeSet<String> regions = new TreeSet<>();
        assets.distinct("aws_region", String.class).forEach(r -> {
            if (r != null && !r.isBlank()) {
                regions.add(r);
            }
        });
        List<AccountOption> accounts = new ArrayList<>();
        refs.find(Filters.eq("kind", AssetQueries.ACCOUNT)).forEach(d ->
                accounts.add(new AccountOption(d.getString("ref_id"), d.getString("name"), text(d.getString("aws_account_id")))));
        accounts.sort(Comparator.comparing(AccountOption::name).thenComparing(AccountOption::id));
        return new AssetFilterOptions(new ArrayList<>(regions), accounts);
    }

    @QueryHandler
    public List<MatchableAsset> handle(FindMatchableAssets q) {
        List<MatchableAsset> out = new ArrayList<>();
        Bson hasArn = Filters.nin("aws_resource_arn", "", null);
        assets.find(Filters.or(Filters.eq("aws_account", q.awsAccount()), hasArn))
                .projection(Projections.include("asset_number", "aws_account", "aws_resource_arn", "aws_resource_id",
                        "aws_region", "name", "aws_service_type", "asset_type", "status"))
                .forEach(d -> out.add(new MatchableAsset(d.getString("_id"), ((Number) d.get("asset_number")).longValue(),
                        d.getString("aws_account"), d.getString("aws_resource_arn"), d.getString("aws_resource_id"),
                        text(d.getString("aws_region")), d.getString("name"), text(d.getString("aws_service_type")),
                        d.getString("asset_type"), d.getString("status"))));
        return out;
    }

    @QueryHandler
    public AssetStatistics handle(GetAssetStatistics q) {
        Bson present = Filters.ne("status", AssetDetails.DECOMMISSIONED);
        long total = assets.countDocuments(present);
        long critical = assets.countDocuments(Filters.and(present, Filters.eq("criticality", "CRITICAL")));
        return new AssetStatistics(total, critical, countBy("asset_type", present), countBy("aws_service_type", present),
                countBy("criticality", present), countBy("status", present));
    }

    /** How many of the matching assets have each (non-blank) value of {@code field}: largest first, then by value. */
    private List<FieldCount> countBy(String field, Bson match) {
        List<FieldCount> out = new ArrayList<>();
        assets.aggregate(List.of(Aggregates.match(match), Aggregates.group("$" + field, Accumulators.sum("count", 1))))
                .forEach(d -> {
                    Object value = d.get("_id");
                    if (value != null && !value.toString().isBlank()) {
                        out.add(new FieldCount(value.toString(), ((Number) d.get("count")).longValue()));
                    }
                });
        out.sort(Comparator.comparingLong(FieldCount::count).reversed().thenComparing(FieldCount::value));
        return out;
    }

    @QueryHandler
    public AssetRef handle(FindAssetRef q) {
        if (q.id() == null) {
            return null;
        }
        Document d = refs.find(Filters.eq("_id", refKey(q.kind(), q.id()))).first();
        return d == null ? null : new AssetRef(q.kind(), q.id(), d.getString("name"));
    }

    /**
     * DRF's semantics: each filter field matches any of its values, each exclude_* field none of
     * them; DECOMMISSIONED only when asked for by status; search splits into terms, and every term
     * must occur (case-insensitively, as Django's icontains) in one of name, asset_id, ARN or resource
     * id ({@link #SEARCH_TEXT}).
     */
    static Bson filter(AssetFilter f) {
        List<Bson> all = new ArrayList<>();
        Map<String, List<String>> include = f == null || f.include() == null ? Map.of() : f.include();
        Map<String, List<String>> exclude = f == null || f.exclude() == null ? Map.of() : f.exclude();
        include.forEach((field, values) -> {
            if (AssetQueries.FILTER_FIELDS.contains(field) && values != null && !values.isEmpty()) {
                all.add(Filters.in(field, values));
            }
        });
        exclude.forEach((field, values) -> {
            if (AssetQueries.FILTER_FIELDS.contains(field) && values != null && !values.isEmpty()) {
                all.add(Filters.nin(field, values));
            }
        });
        if (!include.getOrDefault("status", List.of()).contains(AssetDetails.DECOMMISSIONED)) {
            all.add(Filters.ne("status", AssetDetails.DECOMMISSIONED));
        }
        String search = f == null ? null : f.search();
        if (search != null) {
            for (String term : search.trim().split("[\\s,]+")) {
                if (!term.isEmpty()) {
                    all.add(Filters.regex(SEARCH_TEXT, Pattern.compile(Pattern.quote(term.toLowerCase(Locale.ROOT)))));
                }
            }
        }
        return all.isEmpty() ? new Document() : Filters.and(all);
    }

    static Bson sort(List<String> ordering) {
        List<Bson> keys = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String term : ordering == null ? List.<String>of() : ordering) {
            String t = term == null ? "" : term.trim();
            boolean descending = t.startsWith("-");
            String field = descending ? t.substring(1) : t;
            if (!AssetQueries.ORDERING_FIELDS.contains(field) || seen.contains(field)) {
                continue; // DRF's OrderingFilter drops what it does not know
            }
            seen.add(field);
            String key = field.equals("asset_id") ? "asset_number" : field;
            keys.add(descending ? Sorts.descending(key) : Sorts.ascending(key));
        }
        if (keys.isEmpty()) {
            keys.add(Sorts.ascending(AssetQueries.DEFAULT_ORDERING));
        }
        if (!seen.contains("asset_id")) {
            keys.add(Sorts.ascending("asset_number")); // a stable order across pages
        }
        return Sorts.orderBy(keys);
    }

    private static Pattern contains(String text) {
        return Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE);
    }

    @SuppressWarnings("unchecked")
    private AssetView view(Document d) {
        if (d == null) {
            return null;
        }
        AssetDetails details = new AssetDetails(d.getString("name"), d.getString("asset_type"), d.getString("aws_service_type"),
                d.getString("aws_account"), d.getString("aws_region"), d.getString("aws_resource_id"),
                d.getString("aws_resource_arn"), d.getString("status"), d.getString("criticality"), d.getString("owner"),
                d.getString("department"), d.getString("data_classification"), d.getString("category"),
                read(d.get("metadata")), (List<String>) d.get("ip_addresses", List.class),
                (List<String>) d.get("dns_names", List.class), read(d.get("tags")), d.getString("description"),
                d.getString("vendor"), d.getString("url"), d.getString("version"), d.getBoolean("gdpr_relevant", false),
                d.getBoolean("contains_personal_data", false), d.getBoolean("backup_enabled", false),
                d.getBoolean("monitoring_enabled", false), d.getString("notes"), d.getBoolean("is_manually_added", false),
                instant(d, "discovered_at"), instant(d, "last_seen_at"));
        return new AssetView(d.getString("_id"), d.getString("asset_id"), details, text(d.getString("aws_account_name")),
                text(d.getString("category_name")), instant(d, "created_at"), instant(d, "updated_at"));
    }

    /** metadata and tags are the user's maps: any key (dots, dollars) round-trips through {@link UserMaps}. */
    private static Document write(Map<String, Object> value) {
        return UserMaps.toDocument(value == null ? Map.of() : value);
    }

    /** Also reads the JSON text these fields were kept as before. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> read(Object value) {
        if (value instanceof Map<?, ?> doc) {
            return UserMaps.fromDocument((Map<String, ?>) doc);
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long number(String assetNumber) {
        String digits = assetNumber == null ? "" : assetNumber.replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private static List<String> list(List<String> values) { return values == null ? List.of() : values; }

    private static String text(String value) { return value == null ? "" : value; }

    private static Date date(Instant instant) { return instant == null ? null : Date.from(instant); }

    private static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
