package io.opsledger.common;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

/**
 * Projection documents remember the sequence number of the last event of their aggregate they
 * applied ("seq"), so that a redelivered or older event changes nothing.
 */
public final class Sequenced {
    private Sequenced() {}

    /** The document {@code id}, if {@code seq} is later in its aggregate's stream than the one it last applied. */
    public static Bson laterThanApplied(String id, long seq) {
        return Filters.and(Filters.eq("_id", id), Filters.lt("seq", seq));
    }
}
