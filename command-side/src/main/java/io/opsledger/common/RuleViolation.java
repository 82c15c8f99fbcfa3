package io.opsledger.common;

/**
 * A business rule said no. Aggregates throw it; the edge maps its {@link Kind} onto the calling
 * contract's status code and error shape (409, 404, 400 with a field, 403).
 */
public class RuleViolation extends RuntimeException {

    public enum Kind { CONFLICT, NOT_FOUND, INVALID, FORBIDDEN }

    private final Kind kind;
    private final String field;

    public RuleViolation(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static RuleViolation conflict(String field, String message) { return new RuleViolation(Kind.CONFLICT, field, message); }
    public static RuleViolation notFound(String message) { return new RuleViolation(Kind.NOT_FOUND, null, message); }
    public static RuleViolation invalid(String field, String message) { return new RuleViolation(Kind.INVALID, field, message); }
    public static RuleViolation forbidden(String message) { return new RuleViolation(Kind.FORBIDDEN, null, message); }

    public Kind kind() { return kind; }

    /** The request field the rule is about, or null when it is about the request as a whole. */
    public String field() { return field; }

    /** What travels in a CommandExecutionException's details when the command ran on another node. */
    public Details details() { return new Details(kind, field, getMessage()); }

    public record Details(Kind kind, String field, String message) {
        public RuleViolation toException() { return new RuleViolation(kind, field, message); }
    }
}
