package io.opsledger.platform.mongo;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a secondary index of the embedded MongoDB records for a document's field, so that its
 * candidates are never fewer than what mongo-java-server's matcher accepts:
 * <ul>
 *   <li>a value the matcher compares by equality (text, number, boolean, date, ObjectId), as the
 *       matcher normalises it (every number a double, unless a long a double cannot hold);</li>
 *   <li>{@code null} for null and for a missing field (the matcher treats them alike);</li>
 *   <li>for an array, each element; {@link #EMPTY_ARRAY} for an empty one, {@link #NESTED_ARRAY}
 *       for an element that is itself an array (the matcher's {@code $in} looks one level into
 *       those, so such a document is a candidate for every value);</li>
 *   <li>{@link #OTHER} for anything else (sub-documents, binary, ...): never equal to a value
 *       a query can look up.</li>
 * </ul>
 * A value that is not one plain scalar (an array, a sub-document, another type) makes the document
 * "irregular" for that index: such an index still finds candidates, but it no longer provides an
 * order nor counts without reading documents.
 */
final class IndexValues {

    private IndexValues() {}

    private enum Marker { EMPTY_ARRAY, OTHER, NESTED_ARRAY }

    static final Object EMPTY_ARRAY = Marker.EMPTY_ARRAY;
    static final Object OTHER = Marker.OTHER;
    static final Object NESTED_ARRAY = Marker.NESTED_ARRAY;

    static final int NULL_RANK = 1, NUMBER_RANK = 2, STRING_RANK = 3;

    /** The entries one field's value contributes (never empty). */
    static List<Object> entriesOf(Object fieldValue) {
        if (fieldValue instanceof Collection<?> elements) {
            if (elements.isEmpty()) {
                return List.of(EMPTY_ARRAY);
            }
            List<Object> out = new ArrayList<>(elements.size());
            for (Object element : elements) {
                out.add(element instanceof Collection<?> ? NESTED_ARRAY : scalar(element));
            }
            return out;
        }
        return java.util.Collections.singletonList(scalar(fieldValue));
    }

    /** Whether the field's value is one plain scalar (or null/missing): the entry then says all the matcher sees. */
    static boolean isRegular(Object fieldValue) {
        return fieldValue == null || fieldValue instanceof Missing || fieldValue instanceof String
                || fieldValue instanceof Boolean || fieldValue instanceof Instant || fieldValue instanceof ObjectId
                || fieldValue instanceof Integer || fieldValue instanceof Long || fieldValue instanceof Double;
    }

    /** A query value an index can look up (null aside), normalised; {@code OTHER} when it cannot. */
    static Object lookupValue(Object queryValue) {
        if (queryValue == null || queryValue instanceof Missing || queryValue instanceof Document
                || queryValue instanceof Collection<?>) {
            return OTHER;
        }
        return scalar(queryValue);
    }

    /** The value as mongo-java-server's equality sees it (its Utils.normalizeValue, for scalars). */
    static Object scalar(Object value) {
        if (value == null || value instanceof Missing) {
            return null;
        }
        if (value instanceof Long l && (long) (double) l != l) {
            return l;
        }
        if (value instanceof Number n) {
            double d;
            try {
                d = n.doubleValue();
            } catch (RuntimeException e) {
                return OTHER; // a Decimal128 without a double: nothing a lookup can equal
            }
            return d == 0.0 ? 0.0 : d; // -0.0 counts as 0.0
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Instant || value instanceof ObjectId) {
            return value;
        }
        return OTHER;
    }

    static int rank(Object value) {
        if (value == null) {
            return NULL_RANK;
        }
        if (value instanceof Double || value instanceof Long) {
            return NUMBER_RANK;
        }
        if (value instanceof String) {
            return STRING_RANK;
        }
        if (value instanceof ObjectId) {
            return 4;
        }
        if (value instanceof Boolean) {
            return 5;
        }
        if (value instanceof Instant) {
            return 6;
        }
        if (value == EMPTY_ARRAY) {
            return 7;
        }
        if (value == OTHER) {
            return 8;
        }
        if (value == NESTED_ARRAY) {
            return 9;
        }
        throw new IllegalArgumentException("not an index value: " + value.getClass().getName());
    }

    /** Type rank first (null, numbers, text, ObjectId, booleans, dates: mongo-java-server's order), then value. */
    static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof String x) {
            return x.compareTo((String) b);
        }
        if (ra == NUMBER_RANK) {
            return IndexEntryType.compareNumbers(a, b);
        }
        if (a instanceof ObjectId x) {
            return x.compareTo((ObjectId) b);
        }
        if (a instanceof Boolean x) {
            return Boolean.compare(x, (Boolean) b);
        }
        if (a instanceof Instant x) {
            return x.compareTo((Instant) b);
        }
        return 0; // null, or one kind of marker
    }
}
