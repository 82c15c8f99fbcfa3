package io.opsledger.platform.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import io.opsledger.platform.mongo.IndexEntryType.Bound;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A non-unique index the projections declare ({@code createIndex}), which mongo-java-server
 * accepts but ignores: here an MVStore map beside the collection's, in the same file, so it is
 * committed with the documents and read back at start instead of rebuilt. The library keeps it up
 * to date itself (it calls {@link #add}, {@link #remove} and {@link #updateInPlace} on every write
 * of the collection); {@link IndexedReads} reads it. An array value gives one entry per element
 * (multikey), a compound index one per combination.
 */
final class SecondaryIndex extends Index<Object> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecondaryIndex.class);

    private final MVMap<Object[], Boolean> entries;
    private final IndexEntryType type;
    private final MVMap<String, Object> meta;
    private final String irregularKey;
    private final List<String> fields;
    private final String idField;

    private SecondaryIndex(String name, List<IndexKey> keys, MVMap<Object[], Boolean> entries, IndexEntryType type,
                           MVMap<String, Object> meta, String idField) {
        super(name, keys, false);
        this.entries = entries;
        this.type = type;
        this.meta = meta;
        this.irregularKey = "index." + name + ".irregular";
        this.fields = keys.stream().map(IndexKey::getKey).toList();
        this.idField = idField;
    }

    /**
     * Opens the index's map, or starts it empty (mongo-java-server then adds every document) when
     * it is new or cannot match the collection: fewer entries than documents, or more than one
     * per document while no document has an array, means documents were written without it.
     */
    static SecondaryIndex open(MVStore store, String mapName, String name, List<IndexKey> keys,
                               DataType<Object> positionType, MVMap<String, Object> meta, String idField, long documents) {
        boolean[] descending = new boolean[keys.size()];
        for (int i = 0; i < descending.length; i++) {
            descending[i] = !keys.get(i).isAscending();
        }
        IndexEntryType type = new IndexEntryType(descending, positionType);
        MVMap<Object[], Boolean> entries = store.openMap(mapName,
                new MVMap.Builder<Object[], Boolean>().keyType(type).valueType(new ObjectDataType()));
        SecondaryIndex index = new SecondaryIndex(name, keys, entries, type, meta, idField);
        long size = entries.sizeAsLong();
        if (size < documents || (size > documents && index.irregular() == 0) || (size == 0 && index.irregular() != 0)) {
            entries.clear();
            meta.put(index.irregularKey, 0L);
            if (documents > 0) {
                log.info("building index {} of {} over {} documents (once: it is kept in the file)", name, mapName, documents);
            }
        }
        return index;
    }

    static boolean canIndex(List<IndexKey> keys) {
        // a dotted path reaches into sub-documents and arrays of them, whose matching this index does not model
        return keys.stream().noneMatch(k -> k.getKey().contains("."));
    }

    List<String> fields() {
        return fields;
    }

    boolean isDescending(int key) {
        return !getKeys().get(key).isAscending();
    }

    /** No document has an array, a sub-document or an unusual type in an indexed field: one entry per document, each saying all. */
    boolean isExact() {
        return irregular() == 0;
    }

    private long irregular() {
        Object value = meta.get(irregularKey);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private void addIrregular(long delta) {
        if (delta != 0) {
            meta.put(irregularKey, irregular() + delta);
        }
    }

    // ---- kept up to date by mongo-java-server

    @Override
    public Object getPosition(Document document) {
        return null; // the collection's unique _id index says where a document is
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (Object[] entry : entriesOf(document, position)) {
            entries.put(entry, Boolean.TRUE);
        }
        addIrregular(isRegular(document) ? 0 : 1);
    }

    @Override
    public Object remove(Document document) {
        Object position = Missing.ofNullable(Utils.getSubdocumentValue(document, idField));
        for (Object[] entry : entriesOf(document, position)) {
            entries.remove(entry);
        }
        addIrregular(isRegular(document) ? 0 : -1);
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        Set<Object[]> before = entriesOf(oldDocument, position);
        Set<Object[]> after = entriesOf(newDocument, position);
        for (Object[] entry : before) {
            if (!after.contains(entry)) {
                entries.remove(entry);
            }
        }
        for (Object[] entry : after) {
            if (!before.contains(entry)) {
                entries.put(entry, Boolean.TRUE);
            }
        }
        addIrregular((isRegular(newDocument) ? 0 : 1) - (isRegular(oldDocument) ? 0 : 1));
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // IndexedReads plans with this index; the library's own planner must not
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("read through IndexedReads");
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        meta.remove(irregularKey); // the map itself goes with H2Database.dropIndex
    }

    private boolean isRegular(Document document) {
        for (String field : fields) {
            if (!IndexValues.isRegular(document.get(field))) {
                return false;
            }
        }
        return true;
    }

    /** Every combination of the indexed fields' entries, each followed by the document's position. */
    private Set<Object[]> entriesOf(Document document, Object position) {
        List<Object[]> combinations = List.<Object[]>of(new Object[fields.size() + 1]);
        for (int i = 0; i < fields.size(); i++) {
            List<Object> values = IndexValues.entriesOf(document.get(fields.get(i)));
            List<Object[]> next = new ArrayList<>(combinations.size() * values.size());
            for (Object[] partial : combinations) {
                for (Object value : values) {
                    Object[] entry = values.size() == 1 ? partial : partial.clone();
                    entry[i] = value;
                    next.add(entry);
                }
            }
            combinations = next;
        }
        Set<Object[]> out = new TreeSet<>(type);
        for (Object[] entry : combinations) {
            entry[fields.size()] = position;
            out.add(entry);
        }
        return out;
    }

    // ---- read by IndexedReads

    /** Entries whose leading values equal {@code prefix} (one per document and value combination). */
    long count(List<Object> prefix) {
        return rank(bound(prefix, IndexEntryType.HIGHEST)) - rank(bound(prefix, IndexEntryType.LOWEST));
    }

    /** Entries whose first value has the given type rank (see {@link IndexValues#rank}). */
    long countOfRank(int rank) {
        return rank(bound(List.of(new Bound(rank, true)), IndexEntryType.HIGHEST))
                - rank(bound(List.of(new Bound(rank, false)), IndexEntryType.LOWEST));
    }

    /** Where {@code key} would go: the number of entries below it (search keys never exist). */
    private long rank(Object[] key) {
        long index = entries.getKeyIndex(key);
        return index < 0 ? -(index + 1) : index;
    }

    private Object[] bound(List<Object> prefix, Bound rest) {
        Object[] key = new Object[type.keys() + 1];
        Arrays.fill(key, rest);
        for (int i = 0; i < prefix.size(); i++) {
            key[i] = prefix.get(i);
        }
        return key;
    }

    /** The entries whose leading values equal {@code prefix}, in index order or reversed. */
    Iterator<Object[]> walk(List<Object> prefix, boolean reverse) {
        if (prefix.isEmpty()) {
            return entries.cursor(null, null, reverse); // the whole index: no bound to compare each entry with
        }
        Object[] low = bound(prefix, IndexEntryType.LOWEST);
        Object[] high = bound(prefix, IndexEntryType.HIGHEST);
        Cursor<Object[], Boolean> cursor = reverse ? entries.cursor(high, low, true) : entries.cursor(low, high, false);
        return cursor;
    }

    /** The positions of the entries whose leading values equal {@code prefix}. */
    void positions(List<Object> prefix, Consumer<Object> to) {
        // no upper bound for the cursor to compare every entry with: equal index values are equal objects
        Iterator<Object[]> it = entries.cursor(bound(prefix, IndexEntryType.LOWEST), null, false);
        int position = type.keys();
        while (it.hasNext()) {
            Object[] entry = it.next();
            for (int i = 0; i < prefix.size(); i++) {
                if (!java.util.Objects.equals(entry[i], prefix.get(i))) {
                    return;
                }
            }
            to.accept(entry[position]);
        }
    }

    /** The distinct first values of text type, ascending, reading one entry per value. */
    List<String> distinctTexts() {
        List<String> out = new ArrayList<>();
        Object[] after = bound(List.of(new Bound(IndexValues.STRING_RANK, false)), IndexEntryType.LOWEST);
        while (true) {
            Object[] next = entries.higherKey(after);
            if (next == null || !(next[0] instanceof String text)) {
                if (isDescending(0)) {
                    java.util.Collections.reverse(out);
                }
                return out;
            }
            out.add(text);
            after = bound(List.of(text), IndexEntryType.HIGHEST);
        }
    }

}
