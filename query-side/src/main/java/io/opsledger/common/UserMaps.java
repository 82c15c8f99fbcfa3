package io.opsledger.common;

import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps whose keys users choose (asset metadata and tags, Terraform attributes, event payloads in
 * the audit trail) as MongoDB documents. MongoDB field names cannot start with "$", contain "." or
 * NUL, so every key is escaped on the way in and unescaped on the way out: "%" becomes "%25", "$"
 * "%24", "." "%2E", NUL "%00", and the empty key "%". Every key round-trips, including keys that
 * already look escaped, and a key that needs no escaping is stored as it is, so a filter on an
 * ordinary key (e.g. {@code tags.Owner}) reads the same as before. Values keep their JSON types.
 */
public final class UserMaps {
    private UserMaps() {}

    /** The map as a document with escaped keys, nested maps and lists included; null stays null. */
    public static Document toDocument(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        Document doc = new Document();
        map.forEach((key, value) -> doc.append(escapeKey(key), toBson(value)));
        return doc;
    }

    /** The map as the user gave it: keys unescaped, nested documents and lists included; null stays null. */
    public static Map<String, Object> fromDocument(Map<String, ?> doc) {
        if (doc == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        doc.forEach((key, value) -> map.put(unescapeKey(key), fromBson(value)));
        return map;
    }

    /** The field name a key is stored under (also for filters on one key, e.g. {@code "tags." + escapeKey(k)}). */
    public static String escapeKey(String key) {
        if (key.isEmpty()) {
            return "%";
        }
        StringBuilder out = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            String escaped = switch (c) {
                case '%' -> "%25";
                case '$' -> "%24";
                case '.' -> "%2E";
                case '\0' -> "%00";
                default -> null;
            };
            if (escaped != null && out == null) {
                out = new StringBuilder(key.length() + 8).append(key, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? key : out.toString();
    }

    public static String unescapeKey(String field) {
        if (field.equals("%")) {
            return "";
        }
        if (field.indexOf('%') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            int code = c == '%' && i + 2 < field.length() ? hex(field, i + 1) : -1;
            if (code >= 0) {
                out.append((char) code);
                i += 2;
            } else { // not an escape we write (a document stored before keys were escaped): as it is
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(String text, int at) {
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    @SuppressWarnings("unchecked")
    private static Object toBson(Object value) {
        if (value instanceof Map<?, ?> map) {
            return toDocument((Map<String, ?>) map);
        }
        if (value instanceof Iterable<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(item -> out.add(toBson(item)));
            return out;
        }
        if (value instanceof BigInteger big) {
            // the driver has no codec for BigInteger; JSON's big integers fit a Decimal128 up to 34 digits
            return big.bitLength() < 64 ? (Object) big.longValue()
                    : big.toString().length() <= 34 ? new Decimal128(new BigDecimal(big)) : big.toString();
        }
        if (value instanceof BigDecimal decimal && decimal.precision() > 34) {
            return decimal.toString(); // beyond Decimal128: its digits as text rather than a failed write
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Object fromBson(Object value) {
        if (value instanceof Map<?, ?> doc) {
            return fromDocument((Map<String, ?>) doc);
        }
        if (value instanceof List<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(item -> out.add(fromBson(item)));
            return out;
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return value;
    }
}
