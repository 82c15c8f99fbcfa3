package io.opsledger.identity.api;

/**
 * One role ladder behind every contract; each contract shows its own names for these
 * (see the web packages). Higher ordinal = fewer rights.
 */
public enum Role {
    SUPERADMIN, ADMIN, STANDARD, READONLY;

    public boolean atLeast(Role other) { return ordinal() <= other.ordinal(); }
}
