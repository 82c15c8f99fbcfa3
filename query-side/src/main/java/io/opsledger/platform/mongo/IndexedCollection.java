package io.opsledger.platform.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * mongo-java-server's file-backed collection, with the projections' secondary indexes honoured
 * ({@link SecondaryIndex}, read through {@link IndexedReads}) and reads that run side by side:
 * <ul>
 *   <li>finds, counts ({@code count} and the {@code $match}-first aggregations the driver's
 *       {@code countDocuments} sends) and distinct read only the documents an index leaves,
 *       falling back to the library's scan when none helps;</li>
 *   <li>a read-write lock replaces the library's one lock per collection: reads share it, a write
 *       has it alone (so a read never sees a write half done, documents and indexes alike);</li>
 *   <li>an update works on a copy of the stored document and stores the copy, as the library
 *       otherwise changes the stored object in place, under readers that may still be sending
 *       it.</li>
 * </ul>
 */
class IndexedCollection extends H2Collection implements IndexedReads.Source {

    private final MVMap<Object, Document> data;
    private final MVMap<String, Object> meta;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Set (under the write lock) while an update reads what it will change. */
    private boolean copiesForWrite;
    private final ThreadLocal<Document> aggregationMatch = new ThreadLocal<>();
    private final LongAdder documentsRead = new LongAdder();
    private final IndexedReads reads = new IndexedReads(this);

    IndexedCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                      MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
        this.data = data;
        this.meta = meta;
    }

    /** A secondary index over this collection, kept in {@code mapName} of {@code store}; null where this collection cannot hold one. */
    SecondaryIndex openSecondaryIndex(MVStore store, String mapName, String name, List<IndexKey> keys) {
        if (getIdField() == null || !SecondaryIndex.canIndex(keys)) {
            return null;
        }
        return SecondaryIndex.open(store, mapName, name, keys, data.getKeyType(), meta, getIdField(), data.sizeAsLong());
    }

    /** Documents read so far by finds, counts, scans and updates (what an index spares shows here). */
    long documentsRead() {
        return documentsRead.sum();
    }

    // ---- IndexedReads.Source

    @Override
    public List<Index<Object>> indexes() {
        return getIndexes();
    }

    @Override
    public Document document(Object position) {
        return getDocument(position);
    }

    @Override
    public boolean matches(Document document, Document query) {
        return documentMatchesQuery(document, query);
    }

    @Override
    public long size() {
        return data.sizeAsLong();
    }

    @Override
    public Comparator<Object> positionOrder() {
        return data.getKeyType();
    }

    @Override
    protected Document getDocument(Object position) {
        documentsRead.increment();
        return super.getDocument(position);
    }

    // ---- reads

    @Override
    public QueryResult handleQuery(QueryParameters parameters) {
        Document selector = parameters.getQuerySelector();
        // the wire's two ways of wrapping a filter with its order, and the plain filter
        String wrapped = selector.containsKey("query") ? "query" : selector.containsKey("$query") ? "$query" : null;
        Document query = wrapped == null ? selector : (Document) selector.get(wrapped);
        Document orderBy = wrapped == null ? null : (Document) selector.get(wrapped.equals("query") ? "orderby" : "$orderby");
        return read(() -> queryDocuments(query, orderBy, parameters.getNumberToSkip(), parameters.getLimit(),
                parameters.getBatchSize(), parameters.getProjection()));
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document projection) {
        QueryResult result = planned(query, orderBy, skip, limit, batchSize, projection);
        if (!copiesForWrite) {
            return result;
        }
        List<Document> copies = new ArrayList<>();
        result.forEach(document -> copies.add(document.cloneDeeply()));
        return new QueryResult(copies);
    }

    private QueryResult planned(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection) {
        if (isNaturalDescending(orderBy) || libraryIndexHandles(query)) {
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
        }
        IndexedReads.Plan plan = reads.plan(query);
        Comparator<Document> order = deriveComparator(orderBy);
        long need = limit > 0 ? (long) Math.max(skip, 0) + limit : Long.MAX_VALUE;
        if (!plan.narrows()) {
            // an index that provides the order reads until the page is full; else the library's scan
            List<Document> page = order == null ? null : plan.orderedPage(orderBy, need, Long.MAX_VALUE, null);
            return page != null ? ordered(page, skip, limit, batchSize, projection)
                    : super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
        }
        IndexedReads.Candidates candidates = plan.candidates();
        int count = candidates.positions().size();
        if (order != null && count > need) {
            // reading along the order may fill the page before the candidates would all be read:
            // try it for a quarter of what reading them all costs, passing over non-candidates unread
            boolean few = 4L * count < size();
            List<Document> page = plan.orderedPage(orderBy, need, IndexedReads.READ_COST * count / 4, few ? candidates : null);
            if (page != null) {
                return ordered(page, skip, limit, batchSize, projection);
            }
        }
        return matchDocumentsFromStream(documents(candidates), candidates.residual(), orderBy, skip, limit, batchSize, projection);
    }

    private Stream<Document> documents(IndexedReads.Candidates candidates) {
        return candidates.positions().stream().map(this::getDocument);
    }

    /** A page already matched and in order: only skip, limit and projection remain. */
    private QueryResult ordered(List<Document> page, int skip, int limit, int batchSize, Document projection) {
        return matchDocumentsFromStream(new Document(), page.stream(), skip, limit, batchSize, null, projection);
    }

    /**
     * A sorted page (with a limit) that no index orders keeps only the best {@code skip + limit}
     * matches of what it reads, instead of sorting every match: the library sorts all of them with
     * a comparator that costs about a microsecond a comparison, which made the first page of
     * 100,000 assets take seconds. The final order is still the library's own (the kept matches go
     * through its sort), ties kept in scan order as its stable sort does. Where a sort field holds
     * an array the library's order is its sort's alone (it calls two empty arrays each less than
     * the other), so those pages get its full sort.
     */
    @Override
    protected QueryResult matchDocumentsFromStream(Stream<Document> documents, Document query, Document orderBy, int skip,
                                                   int limit, int batchSize, Document projection) {
        Comparator<Document> order = deriveComparator(orderBy);
        long keep = (long) Math.max(skip, 0) + limit;
        if (order == null || limit <= 0 || keep > MAX_KEPT) {
            return super.matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, projection);
        }
        List<Document> matches = documents.filter(d -> documentMatchesQuery(d, query)).toList();
        boolean arrays = matches.stream().anyMatch(d -> orderBy.keySet().stream()
                .anyMatch(key -> Utils.getSubdocumentValueCollectionAware(d, key) instanceof java.util.Collection<?>));
        List<Document> kept = arrays ? matches : best(matches, order, (int) keep);
        return super.matchDocumentsFromStream(new Document(), kept.stream(), skip, limit, batchSize, order, projection);
    }

    /** Beyond this many rows to keep, the library's full sort is as good. */
    static final int MAX_KEPT = 10_000;

    /** The first {@code keep} documents in {@code order} (ties: first seen first), in the order seen. */
    static List<Document> best(List<Document> documents, Comparator<Document> order, int keep) {
        record Seen(Document document, int index) {}
        Comparator<Seen> rank = Comparator.<Seen, Document>comparing(Seen::document, order).thenComparingInt(Seen::index);
        PriorityQueue<Seen> worstFirst = new PriorityQueue<>(keep + 1, rank.reversed());
        for (int i = 0; i < documents.size(); i++) {
            Seen seen = new Seen(documents.get(i), i);
            if (worstFirst.size() < keep) {
                worstFirst.add(seen);
            } else if (rank.compare(seen, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(seen);
            }
        }
        List<Seen> kept = new ArrayList<>(worstFirst);
        kept.sort(Comparator.comparingInt(Seen::index));
        return kept.stream().map(Seen::document).toList();
    }

    /** The library's own unique indexes answer a query that names exactly their fields; it keeps doing so. */
    private boolean libraryIndexHandles(Document query) {
        for (Index<Object> index : getIndexes()) {
            if (!(index instanceof SecondaryIndex) && index.canHandle(query)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document projection) {
        if (isNaturalDescending(orderBy)) {
            return super.matchDocuments(query, orderBy, skip, limit, batchSize, projection);
        }
        return matchDocumentsFromStream(scan(), query, orderBy, skip, limit, batchSize, projection);
    }

    /** Every document, in the collection map's order (as the library scans), counted as read. */
    private Stream<Document> scan() {
        return data.values().stream().peek(d -> documentsRead.increment());
    }

    @Override
    public int count(Document query, int skip, int limit) {
        if (query == null || query.isEmpty()) {
            return super.count(query, skip, limit);
        }
        long matching = read(() -> countMatching(query));
        long count = Math.max(0, matching - Math.max(skip, 0));
        return (int) (limit > 0 ? Math.min(count, limit) : count);
    }

    private long countMatching(Document query) {
        IndexedReads.Plan plan = reads.plan(query);
        long covered = plan.coveredCount();
        if (covered >= 0) {
            return covered;
        }
        if (!plan.narrows()) {
            return scan().filter(d -> documentMatchesQuery(d, query)).count();
        }
        IndexedReads.Candidates candidates = plan.candidates();
        return documents(candidates).filter(d -> documentMatchesQuery(d, candidates.residual())).count();
    }

    @Override
    public Document handleDistinct(Document query) {
        return read(() -> {
            Object key = query.get("key");
            Object filter = query.get("query");
            if (key instanceof String field && (filter == null || (filter instanceof Document f && f.isEmpty()))) {
                List<String> values = reads.distinctTexts(field);
                if (values != null) {
                    Document response = new Document("values", values);
                    Utils.markOkay(response);
                    return response;
                }
            }
            return super.handleDistinct(query); // its documents come through queryDocuments, so indexes narrow them
        });
    }

    /**
     * Runs an {@code aggregate} command whose pipeline starts with {@code $match}: the library then
     * reads the whole collection ({@link #queryAllAsStream}) and matches; here that read yields only
     * the documents the indexes leave for the match. A pipeline that only counts the matches
     * ({@code $match}, then {@code $group} of a constant with {@code n: {$sum: 1}}: the driver's
     * countDocuments) is answered as the {@code count} command is ({@link #countMatching}), not by the
     * library's pipeline, which matched every candidate twice (what the indexes left, then the whole $match).
     */
    Document aggregate(Document command, String namespace, Supplier<Document> library) {
        if (!(command.get("pipeline") instanceof List<?> stages) || stages.isEmpty() || command.containsKey("explain")
                || !(stages.get(0) instanceof Document first) || first.size() != 1
                || !(first.get("$match") instanceof Document match)) {
            return library.get();
        }
        if (stages.size() == 2 && stages.get(1) instanceof Document group) {
            Document counted = countedGroup(group);
            if (counted != null) {
                return countResponse(namespace, counted, read(() -> countMatching(match)));
            }
        }
        aggregationMatch.set(match);
        try {
            return library.get();
        } finally {
            aggregationMatch.remove();
        }
    }

    /** {@code {$group: {_id: <number>, <name>: {$sum: 1}}}}: the group document with the name, else null. */
    private static Document countedGroup(Document stage) {
        if (stage.size() != 1 || !(stage.get("$group") instanceof Document group) || group.size() != 2
                || !(group.get("_id") instanceof Number)) {
            return null;
        }
        for (String name : group.keySet()) {
            if (!name.equals("_id") && !name.startsWith("$") && group.get(name) instanceof Document sum
                    && sum.size() == 1 && Integer.valueOf(1).equals(sum.get("$sum"))) {
                return new Document("_id", group.get("_id")).append(name, null);
            }
        }
        return null;
    }

    /** What the library's $group answers: no group for no documents, else one with the sum of ones. */
    private static Document countResponse(String namespace, Document group, long count) {
        List<Document> batch = new ArrayList<>();
        if (count > 0) {
            Document result = new Document();
            for (String name : group.keySet()) {
                result.put(name, name.equals("_id") ? group.get(name)
                        : count <= Integer.MAX_VALUE ? (Object) Integer.valueOf((int) count) : Long.valueOf(count));
            }
            batch.add(result);
        }
        Document cursor = new Document("id", 0L).append("ns", namespace).append("firstBatch", batch);
        Document response = new Document("cursor", cursor);
        Utils.markOkay(response);
        return response;
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        Document match = aggregationMatch.get();
        if (match == null) {
            return super.queryAllAsStream();
        }
        aggregationMatch.remove(); // once: a $lookup into this same collection reads all of it
        return read(() -> {
            IndexedReads.Plan plan = reads.plan(match);
            if (!plan.narrows()) {
                return scan().toList();
            }
            // what the indexes answered is not asked again; the pipeline's $match still asks it all
            IndexedReads.Candidates candidates = plan.candidates();
            return documents(candidates).filter(d -> documentMatchesQuery(d, candidates.residual())).toList();
        }).stream();
    }

    // ---- writes: one at a time, with no read in between

    @Override
    protected Object addDocumentInternal(Document document) {
        EmbeddedMongoBackend.refuseTooDeep(document);
        return super.addDocumentInternal(document);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        // the update ran on a copy (see onCopies), so refusing here leaves the stored document as it was
        EmbeddedMongoBackend.refuseTooDeep(newDocument);
        super.handleUpdate(position, oldDocument, newDocument);
    }

    @Override
    public void addDocument(Document document) {
        write(() -> {
            super.addDocument(document);
            return null;
        });
    }

    @Override
    public void addDocuments(Stream<Document> documents) {
        write(() -> {
            super.addDocuments(documents);
            return null;
        });
    }

    @Override
    public List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
        return write(() -> super.insertDocuments(documents, isOrdered));
    }

    @Override
    public Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean isMulti,
                                    boolean isUpsert, Oplog oplog) {
        return write(() -> onCopies(() -> super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog)));
    }

    @Override
    public Document findAndModify(Document query) {
        return write(() -> onCopies(() -> super.findAndModify(query)));
    }

    @Override
    public int deleteDocuments(Document selector, int limit, Oplog oplog) {
        return write(() -> super.deleteDocuments(selector, limit, oplog));
    }

    @Override
    public void removeDocument(Document document) {
        write(() -> {
            super.removeDocument(document);
            return null;
        });
    }

    @Override
    public void addIndex(Index<Object> index) {
        write(() -> {
            super.addIndex(index);
            return null;
        });
    }

    @Override
    public void dropIndex(String indexName) {
        write(() -> {
            super.dropIndex(indexName);
            return null;
        });
    }

    @Override
    public void drop() {
        write(() -> {
            super.drop();
            return null;
        });
    }

    @Override
    public void renameTo(MongoDatabase newDatabase, String newCollectionName) {
        write(() -> {
            super.renameTo(newDatabase, newCollectionName);
            return null;
        });
    }

    private <T> T onCopies(Supplier<T> update) {
        boolean before = copiesForWrite;
        copiesForWrite = true;
        try {
            return update.get();
        } finally {
            copiesForWrite = before;
        }
    }

    private <T> T read(Supplier<T> action) {
        return locked(lock.readLock(), action);
    }

    private <T> T write(Supplier<T> action) {
        return locked(lock.writeLock(), action);
    }

    private static <T> T locked(Lock held, Supplier<T> action) {
        held.lock();
        try {
            return action.get();
        } finally {
            held.unlock();
        }
    }
}
