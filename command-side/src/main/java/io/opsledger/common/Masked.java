package io.opsledger.common;

/** What a secret reads as wherever it is shown (audit trail, settings, state files, mail logs). */
public final class Masked {
    private Masked() {}

    public static final String MASK = "********";
}
