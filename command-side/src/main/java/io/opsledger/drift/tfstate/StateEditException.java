package io.opsledger.drift.tfstate;

/** A state edit that cannot be made; {@link Reason} says whether it is a conflict, a missing resource or bad input. */
public class StateEditException extends RuntimeException {

    public enum Reason { NOT_FOUND, ALREADY_EXISTS, INVALID }

    private final Reason reason;

    public StateEditException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
