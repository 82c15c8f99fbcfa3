package io.opsledger.inventory;

import io.opsledger.common.Sequenced;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import io.opsledger.inventory.InventoryQueries.*;
import io.opsledger.inventory.api.CategoryMessages.*;
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
import java.util.regex.Pattern;

/** The asset categories read model: one document per category; redelivered events change nothing. */
@ProcessingGroup(CategoryProjection.GROUP)
public class CategoryProjection {

    public static final String GROUP = "projection.inventory.categories";
    public static final String COLLECTION = "inventory_categories";
    private final MongoCollection<Document> categories;

    private final MongoDatabase db;

    public CategoryProjection(MongoDatabase db) {
        this.db = db;
        this.categories = db.getCollection(COLLECTION);
        categories.createIndex(Indexes.ascending("name"));
    }

    @EventHandler
    void on(CategoryCreated e, @SequenceNumber Long seq, @Timestamp Instant at) {
        Document doc = details(e.details()).append("seq", seq).append("createdAt", Date.from(at)).append("updatedAt", Date.from(at));
        categories.updateOne(Filters.eq("_id", e.id()), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(CategoryUpdated e, @SequenceNumber Long seq, @Timestamp Instant at) {
        categories.updateOne(Sequenced.laterThanApplied(e.id(), seq),
                new Document("$set", details(e.details()).append("seq", seq).append("updatedAt", Date.from(at))));
    }

    @EventHandler
    void on(CategoryDeleted e) {
        categories.deleteOne(Filters.eq("_id", e.id()));
    }

    @ResetHandler
    void reset() { categories.deleteMany(new Document()); }

    @QueryHandler
    public CategoryView handle(FindCategory q) {
        Document doc = categories.find(Filters.eq("_id", q.id())).first();
        return doc == null ? null : view(doc);
    }

    @QueryHandler
    public CategoryPage handle(ListCategories q) {
        Bson filter = new Document();
        if (q.search() != null && !q.search().isBlank()) {
            Pattern p = Pattern.compile(Pattern.quote(q.search().trim()), Pattern.CASE_INSENSITIVE);
            filter = Filters.or(Filters.regex("name", p), Filters.regex("description", p));
        }
        long count = categories.countDocuments(filter);
        if (q.limit() <= 0) {
            return new CategoryPage(count, List.of());
        }
        List<CategoryView> out = new ArrayList<>();
        categories.find(filter).sort(Sorts.ascending("name", "_id")).skip(Math.max(0, q.offset())).limit(q.limit())
                .forEach(d -> out.add(view(d)));
        return new CategoryPage(count, out);
    }

    /** ACTIVE and UNKNOWN assets of this category, from the assets read model. */
    long assetCount(String categoryId) {
        return AssetProjection.countPresent(db, "category", categoryId);
    }

    private static Document details(CategoryDetails d) {
        return new Document("name", d.name()).append("description", d.description()).append("icon", d.icon())
                .append("color", d.color());
    }

    private CategoryView view(Document d) {
        String id = d.getString("_id");
        return new CategoryView(id, d.getString("name"), d.getString("description"), d.getString("icon"),
                d.getString("color"), assetCount(id), instant(d, "createdAt"), instant(d, "updatedAt"));
    }

    private static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
