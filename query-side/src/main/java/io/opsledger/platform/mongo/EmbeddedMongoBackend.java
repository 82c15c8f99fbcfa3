package io.opsledger.platform.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;

/**
 * mongo-java-server's file backend, with the secondary indexes the projections declare honoured
 * and reads that share a collection (see {@link IndexedCollection}). Collections and indexes are
 * the maps H2Backend would make, under its names, but documents are stored as BSON
 * ({@link DocumentValueType}) and unique keys compared as values ({@link UniqueKeyType}); each
 * secondary index is one more map in the same file.
 */
public final class EmbeddedMongoBackend extends H2Backend {

    public EmbeddedMongoBackend(MVStore store) {
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
            // the map names H2Database gives a collection, so that its drop and rename find them
            MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace,
                    new MVMap.Builder<Object, Document>().keyType(new DocumentKeyType()).valueType(new DocumentValueType()));
            MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
            return new IndexedCollection(this, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            // opened first with our key type under H2Database's name for it: H2Database then finds it open
            getMvStore().openMap(indexMapName(collectionName, indexName),
                    new MVMap.Builder<KeyValue, Object>().keyType(new UniqueKeyType()));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                           boolean sparse) {
            String mapName = indexMapName(collectionName, indexName);
            SecondaryIndex index = sparse || !(resolveCollection(collectionName, false) instanceof IndexedCollection collection)
                    ? null : collection.openSecondaryIndex(getMvStore(), mapName, indexName, keys);
            return index != null ? index : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }

        /** The map name H2Database gives an index, so that dropping the index or the collection removes it. */
        private String indexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            if (command.equalsIgnoreCase("aggregate") && query.get(command) instanceof String name
                    && resolveCollection(name, false) instanceof IndexedCollection collection) {
                return collection.aggregate(query, getFullCollectionNamespace(name),
                        () -> super.handleCommand(channel, command, query, resolver, oplog));
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
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
}
