package io.opsledger.platform;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * mongo-java-server's file backend, with one change: a sorted query with a limit (a page of a
 * list) keeps only the best {@code skip + limit} matches while it scans, instead of sorting every
 * match. The library sorts all of them with a comparator that costs about a microsecond a
 * comparison, which made the first page of 100,000 assets take seconds; the final order is still
 * the library's own (the kept matches go through its sort), ties kept in scan order as its stable
 * sort does. Collections are stored exactly as H2Backend stores them.
 */
final class EmbeddedMongoBackend extends H2Backend {

    /** Beyond this many rows to keep, the library's full sort is as good. */
    static final int MAX_KEPT = 10_000;

    EmbeddedMongoBackend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** Inner, not static: H2Database opens collections from its own constructor, before a field of ours is set. */
    private final class Database extends H2Database {

        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            // the map names H2Database gives a collection, so files written before stay readable
            MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace);
            MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
        }
    }

    private static final class Collection extends H2Collection {
        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            refuseTooDeep(document);
            return super.addDocumentInternal(document);
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            refuseTooDeep(newDocument);
            super.handleUpdate(position, oldDocument, newDocument);
        }

        /** True while this collection runs an update (its methods are synchronized on it). */
        private boolean updating;

        @Override
        public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                                     boolean isMulti, boolean isUpsert, Oplog oplog) {
            updating = true;
            try {
                return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
            } finally {
                updating = false;
            }
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            updating = true;
            try {
                return super.findAndModify(query);
            } finally {
                updating = false;
            }
        }

        /**
         * The library changes the stored document in place before it stores the update's result, so
         * an update refused at that point (too deep) would leave its change in memory, to be written
         * by the next commit. Updates get copies instead: the stored document is replaced only when
         * the result is accepted.
         */
        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document projection) {
            QueryResult result = super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
            if (!updating) {
                return result;
            }
            List<Document> copies = new ArrayList<>();
            result.forEach(d -> copies.add(d.cloneDeeply()));
            return new QueryResult(copies);
        }

        @Override
        protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int skip, int limit,
                                                       int batchSize, Comparator<Document> order, Document projection) {
            long keep = (long) Math.max(skip, 0) + limit;
            if (order == null || limit <= 0 || keep > MAX_KEPT) {
                return super.matchDocumentsFromStream(query, documents, skip, limit, batchSize, order, projection);
            }
            List<Document> best = best(documents.filter(d -> documentMatchesQuery(d, query)), order, (int) keep);
            return super.matchDocumentsFromStream(query, best.stream(), skip, limit, batchSize, order, projection);
        }
    }

    /**
     * MongoDB's own limit: a document nests at most 100 levels (each object or array is one).
     * MVStore writes a document recursively when it commits; one nested deep enough overflowed the
     * stack there, which makes MVStore close the whole file, and every later read and write fail.
     */
    static final int MAX_NESTING = 100;

    /** Refuses a document nested deeper than {@link #MAX_NESTING} with an ordinary write error, before it is stored. */
    static void refuseTooDeep(Document document) {
        if (depthExceeds(document, 1)) {
            throw new MongoServerError(15, "Overflow", "document nesting depth exceeds " + MAX_NESTING + " levels");
        }
    }

    private static boolean depthExceeds(Object value, int depth) {
        if (!(value instanceof Map<?, ?>) && !(value instanceof java.util.Collection<?>)) {
            return false;
        }
        if (depth > MAX_NESTING) {
            return true;
        }
        Iterable<?> children = value instanceof Map<?, ?> map ? map.values() : (java.util.Collection<?>) value;
        for (Object child : children) {
            if (depthExceeds(child, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code keep} documents in {@code order} (ties: first seen first), in scan order. */
    static List<Document> best(Stream<Document> documents, Comparator<Document> order, int keep) {
        record Seen(Document document, long index) {}
        Comparator<Seen> rank = Comparator.<Seen, Document>comparing(Seen::document, order).thenComparingLong(Seen::index);
        PriorityQueue<Seen> worstFirst = new PriorityQueue<>(keep + 1, rank.reversed());
        long[] index = {0};
        documents.forEachOrdered(d -> {
            Seen seen = new Seen(d, index[0]++);
            if (worstFirst.size() < keep) {
                worstFirst.add(seen);
            } else if (rank.compare(seen, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(seen);
            }
        });
        List<Seen> kept = new ArrayList<>(worstFirst);
        kept.sort(Comparator.comparingLong(Seen::index));
        return kept.stream().map(Seen::document).toList();
    }
}
