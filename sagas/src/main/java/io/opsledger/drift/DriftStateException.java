package io.opsledger.drift;

import io.opsledger.drift.api.LockInfo;

/**
 * The state protocol's refusals that are not a plain rule, in DriftMgr's codes: the state is locked
 * (by us or by Terraform; {@link #holder} when known), it is not locked, or its backend cannot be
 * reached ({@link #detail} says why). The web answers them as 409, 409 and 503.
 */
public class DriftStateException extends RuntimeException {

    public enum Code { STATE_LOCKED, STATE_NOT_LOCKED, BACKEND_UNAVAILABLE }

    private final Code code;
    private final transient LockInfo holder;
    private final String detail;

    private DriftStateException(Code code, String message, LockInfo holder, String detail, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.holder = holder;
        this.detail = detail;
    }

    public static DriftStateException locked(LockInfo holder) {
        return new DriftStateException(Code.STATE_LOCKED, "State is locked"
                + (holder == null || holder.who() == null || holder.who().isBlank() ? "" : " by " + holder.who()),
                holder, null, null);
    }

    public static DriftStateException notLocked(String message) {
        return new DriftStateException(Code.STATE_NOT_LOCKED, message, null, null, null);
    }

    public static DriftStateException unavailable(RuntimeException cause) {
        return new DriftStateException(Code.BACKEND_UNAVAILABLE, "Backend unavailable", null, cause.getMessage(), cause);
    }

    public Code code() { return code; }

    /** Whoever holds the lock (STATE_LOCKED), or null. */
    public LockInfo holder() { return holder; }

    /** What the backend said (BACKEND_UNAVAILABLE), or null. */
    public String detail() { return detail; }
}
