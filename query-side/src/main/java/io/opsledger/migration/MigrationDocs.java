package io.opsledger.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.common.Sequenced;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the migration context's read models share: one document per object ({@code _id} the
 * aggregate id, with its number and owner), created once, changed only by a later event of its
 * aggregate ({@link Sequenced}), kept with a {@code deleted} mark when deleted so that a redelivered
 * older event cannot bring it back. Reads are always within one owner and skip deleted objects.
 */
final class MigrationDocs {

    private final MongoCollection<Document> docs;

    MigrationDocs(MongoCollection<Document> docs) {
        this.docs = docs;
        docs.createIndex(Indexes.ascending("ownerId", "number"));
    }

    void create(String id, long number, String ownerId, long seq, Document values) {
        Document doc = new Document(values).append("number", number).append("ownerId", ownerId).append("seq", seq);
        docs.updateOne(Filters.eq("_id", id), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
    }

    /** True if the event was later than the last one applied (and so changed the document). */
    boolean change(String id, long seq, Bson... updates) {
        List<Bson> all = new ArrayList<>(List.of(updates));
        all.add(Updates.set("seq", seq));
        return docs.updateOne(Sequenced.laterThanApplied(id, seq), Updates.combine(all)).getModifiedCount() > 0;
    }

    void delete(String id, long seq) {
        change(id, seq, Updates.set("deleted", true));
    }

    void reset() { docs.deleteMany(new Document()); }

    Document byId(String id) {
        return docs.find(Filters.and(Filters.eq("_id", id), Filters.ne("deleted", true))).first();
    }

    Document find(String ownerId, long number) {
        return docs.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("number", number),
                Filters.ne("deleted", true))).first();
    }

    <V> V find(String ownerId, long number, Function<Document, V> view) {
        Document doc = find(ownerId, number);
        return doc == null ? null : view.apply(doc);
    }

    <V> List<V> list(String ownerId, Function<Document, V> view) {
        List<V> out = new ArrayList<>();
        docs.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.ne("deleted", true)))
                .sort(Sorts.ascending("number")).forEach(d -> out.add(view.apply(d)));
        return out;
    }

    MongoCollection<Document> collection() { return docs; }

    static long number(Document d, String key) { return ((Number) d.get(key)).longValue(); }

    static Long nullableNumber(Document d, String key) {
        Object value = d.get(key);
        return value == null ? null : ((Number) value).longValue();
    }

    static List<Long> numbers(Document d, String key) {
        List<?> values = d.getList(key, Object.class, List.of());
        return values.stream().map(v -> ((Number) v).longValue()).toList();
    }
}
