package io.opsledger.drift.api;

import io.opsledger.common.RuleViolation;

/** The state is locked by someone else: a conflict that carries the holder's lock (409 STATE_LOCKED at the edge). */
public class StateLockedException extends RuleViolation {

    public static final String FIELD = "lock";
    private final transient LockInfo holder;

    public StateLockedException(LockInfo holder) {
        super(Kind.CONFLICT, FIELD, "State is locked by " + (holder == null ? "another holder" : holder.who()) + ".");
        this.holder = holder;
    }

    public LockInfo holder() { return holder; }
}
