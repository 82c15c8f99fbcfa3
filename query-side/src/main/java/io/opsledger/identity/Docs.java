package io.opsledger.identity;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/** Small conversions between Java values and BSON documents, shared by the identity projections. */
final class Docs {
    private Docs() {}

    static Date date(Instant instant) { return instant == null ? null : Date.from(instant); }

    static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
