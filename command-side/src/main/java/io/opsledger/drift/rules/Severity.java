package io.opsledger.drift.rules;

import java.util.Locale;

/** DriftMgr's severities, most severe first. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW;

    /** As the wire spells it: critical, high, medium, low. */
    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static Severity of(String wire) { return valueOf(wire.toUpperCase(Locale.ROOT)); }
}
