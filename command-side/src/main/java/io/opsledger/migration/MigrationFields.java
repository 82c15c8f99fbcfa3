package io.opsledger.migration;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.RuleViolation;

import java.util.List;

/**
 * The field rules api_migration's serializers had, in DRF's words: each refusal names the field as
 * it is on the wire, so the web renders {@code {"field": ["message"]}}.
 */
final class MigrationFields {
    private MigrationFields() {}

    static final String REQUIRED = "This field is required.";
    static final String BLANK = "This field may not be blank.";
    static final String MIN_ZERO = "Ensure this value is greater than or equal to 0.";
    static final String IP_CHANGED = "Can't change for the specific source.";

    /** A text field: null is missing, blank is present but empty (DRF tells the two apart). */
    static void text(String field, String value) {
        if (value == null) {
            throw RuleViolation.invalid(field, REQUIRED);
        }
        if (value.isBlank()) {
            throw RuleViolation.invalid(field, BLANK);
        }
    }

    /** In an update: null keeps the value, anything else must be a valid value. */
    static void textIfGiven(String field, String value) {
        if (value != null) {
            text(field, value);
        }
    }

    static void secret(String field, EncryptedSecret value) {
        if (value == null || value.ciphertext() == null || value.ciphertext().isEmpty()) {
            throw RuleViolation.invalid(field, REQUIRED);
        }
    }

    /** Django's PositiveIntegerField: 0 and up. */
    static void notNegative(String field, long value) {
        if (value < 0) {
            throw RuleViolation.invalid(field, MIN_ZERO);
        }
    }

    /** A reference by number: numbers start at 1, so 0 (or less) means none was given. */
    static void reference(String field, long number) {
        if (number < 1) {
            throw RuleViolation.invalid(field, REQUIRED);
        }
    }

    /** At least one reference, each a number. */
    static void references(String field, List<Long> numbers) {
        if (numbers == null || numbers.isEmpty()) {
            throw RuleViolation.invalid(field, REQUIRED);
        }
        for (Long number : numbers) {
            if (number == null || number < 1) {
                throw RuleViolation.invalid(field, REQUIRED);
            }
        }
    }

    /**
     * The original's ip is a text field: its own clients send host names and other labels, so any
     * non-blank text is taken (an address check would refuse them).
     */
    static void ip(String field, String value) {
        text(field, value);
    }
}
