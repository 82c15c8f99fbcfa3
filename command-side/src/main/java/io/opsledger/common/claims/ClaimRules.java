package io.opsledger.common.claims;

import java.util.List;

/**
 * A context's set-based rules: which unique values each of its commands claims. The same component
 * frees them, as an event handler of processing group {@link #GROUP}, on the events that rename or
 * delete their owner.
 */
public interface ClaimRules {

    /**
     * Claims are freed in the unit of work that stores the renaming or deleting event (a subscribing
     * processor), so the value is free as soon as the command that freed it has answered.
     */
    String GROUP = "claims";

    /** The claims {@code command} needs; empty when it needs none. */
    List<Claim> claimsOf(Object command);
}
