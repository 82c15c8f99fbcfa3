package io.opsledger.platform.mongo;

import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.DataType;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * How a {@link SecondaryIndex} keeps its entries in an MVStore map: an entry is the indexed values
 * of one document (one per key of the index, each an {@link IndexValues index value}) followed by
 * the document's key in the collection's own map. Values sort by type in mongo-java-server's type
 * order, then by value, each key ascending or descending as declared; the document key sorts last,
 * in the collection map's own order, so entries with equal values come in the order a scan meets
 * their documents. {@link Bound}s only ever appear in search keys.
 */
final class IndexEntryType extends BasicDataType<Object[]> {

    /** Below or above every value of one type rank (or of all, for {@link #LOWEST}/{@link #HIGHEST}). */
    record Bound(int rank, boolean high) {}

    static final Bound LOWEST = new Bound(Integer.MIN_VALUE, false);
    static final Bound HIGHEST = new Bound(Integer.MAX_VALUE, true);

    private final boolean[] descending;
    private final DataType<Object> positionType;

    IndexEntryType(boolean[] descending, DataType<Object> positionType) {
        this.descending = descending.clone();
        this.positionType = positionType;
    }

    int keys() {
        return descending.length;
    }

    @Override
    public int compare(Object[] a, Object[] b) {
        int keys = descending.length;
        for (int i = 0; i < keys; i++) {
            Object x = a[i];
            Object y = b[i];
            int c;
            if (x instanceof Bound || y instanceof Bound) {
                c = compareBounded(x, y, descending[i]);
            } else {
                c = IndexValues.compare(x, y);
                c = descending[i] ? -c : c;
            }
            if (c != 0) {
                return c;
            }
        }
        Object p = a[keys];
        Object q = b[keys];
        if (p instanceof Bound || q instanceof Bound) {
            return compareBounded(p, q, false);
        }
        return positionType.compare(p, q);
    }

    /** A bound against a value or a bound, in stored order (a descending key stores its types in reverse too). */
    private static int compareBounded(Object a, Object b, boolean descending) {
        int c = Integer.compare(major(a, descending), major(b, descending));
        return c != 0 ? c : Integer.compare(minor(a), minor(b));
    }

    private static int major(Object x, boolean descending) {
        if (x == LOWEST) {
            return Integer.MIN_VALUE;
        }
        if (x == HIGHEST) {
            return Integer.MAX_VALUE;
        }
        int rank = x instanceof Bound bound ? bound.rank() : IndexValues.rank(x);
        return descending ? -rank : rank;
    }

    private static int minor(Object x) {
        return x instanceof Bound bound ? (bound.high() ? 1 : -1) : 0;
    }

    @Override
    public int getMemory(Object[] entry) {
        int memory = 24 + 8 * entry.length;
        for (int i = 0; i < descending.length; i++) {
            memory += entry[i] instanceof String s ? 40 + s.length() : 24; // text as Java keeps most of it: a byte a character
        }
        return memory + positionType.getMemory(entry[descending.length]);
    }

    private static final int NULL = 0, DOUBLE = 1, LONG = 2, STRING = 3, FALSE = 4, TRUE = 5, INSTANT = 6,
            OBJECT_ID = 7, EMPTY_ARRAY = 8, OTHER = 9, NESTED_ARRAY = 10;

    @Override
    public void write(WriteBuffer buffer, Object[] entry) {
        for (int i = 0; i < descending.length; i++) {
            writeValue(buffer, entry[i]);
        }
        positionType.write(buffer, entry[descending.length]);
    }

    private static void writeValue(WriteBuffer buffer, Object value) {
        if (value == null) {
            buffer.put((byte) NULL);
        } else if (value instanceof Double d) {
            buffer.put((byte) DOUBLE).putDouble(d);
        } else if (value instanceof Long l) {
            buffer.put((byte) LONG).putLong(l);
        } else if (value instanceof String s) {
            buffer.put((byte) STRING).putVarInt(s.length()).putStringData(s, s.length());
        } else if (value instanceof Boolean b) {
            buffer.put((byte) (b ? TRUE : FALSE));
        } else if (value instanceof Instant t) {
            buffer.put((byte) INSTANT).putVarLong(t.getEpochSecond()).putVarInt(t.getNano());
        } else if (value instanceof ObjectId id) {
            buffer.put((byte) OBJECT_ID).put(id.toByteArray());
        } else if (value == IndexValues.EMPTY_ARRAY) {
            buffer.put((byte) EMPTY_ARRAY);
        } else if (value == IndexValues.NESTED_ARRAY) {
            buffer.put((byte) NESTED_ARRAY);
        } else if (value == IndexValues.OTHER) {
            buffer.put((byte) OTHER);
        } else {
            throw new IllegalArgumentException("not an index value: " + value.getClass().getName());
        }
    }

    @Override
    public Object[] read(ByteBuffer buffer) {
        Object[] entry = new Object[descending.length + 1];
        for (int i = 0; i < descending.length; i++) {
            entry[i] = readValue(buffer);
        }
        entry[descending.length] = positionType.read(buffer);
        return entry;
    }

    private static Object readValue(ByteBuffer buffer) {
        int tag = buffer.get();
        return switch (tag) {
            case NULL -> null;
            case DOUBLE -> buffer.getDouble();
            case LONG -> buffer.getLong();
            case STRING -> DataUtils.readString(buffer, DataUtils.readVarInt(buffer));
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case INSTANT -> Instant.ofEpochSecond(DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer));
            case OBJECT_ID -> {
                byte[] bytes = new byte[12];
                buffer.get(bytes);
                yield new ObjectId(bytes);
            }
            case EMPTY_ARRAY -> IndexValues.EMPTY_ARRAY;
            case NESTED_ARRAY -> IndexValues.NESTED_ARRAY;
            case OTHER -> IndexValues.OTHER;
            default -> throw new IllegalStateException("unknown index value tag " + tag);
        };
    }

    @Override
    public Object[][] createStorage(int size) {
        return new Object[size][];
    }

    /** Numbers in one total order: equal exactly when mongo-java-server's normalised values are equal. */
    static int compareNumbers(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return Double.compare(x, y);
        }
        // a long that a double cannot hold against a double: exactly, so they are never "equal"
        int c = toExact(a).compareTo(toExact(b));
        return c != 0 ? c : (a instanceof Long ? 1 : -1);
    }

    private static BigDecimal toExact(Object number) {
        return number instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal((Double) number);
    }
}
