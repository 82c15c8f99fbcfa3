package io.opsledger.migration;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.RuleViolation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The field rules api_migration's serializers had, in DRF's words: each refusal names the field as
 * it is on the wire, so the web renders {@code {"field": ["message"]}}.
 */
final class MigrationFields {
    private MigrationFields() {}

    static final String REQUIRED = "This field is required.";
    static final String BLANK = "This field may not be blank.";
    static final String MIN_ONE = "Ensure this value is greater than or equal to 1.";
    static final String INVALID_IP = "Enter a valid IPv4 or IPv6 address.";
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

    static void positive(String field, long value) {
        if (value < 1) {
            throw RuleViolation.invalid(field, MIN_ONE);
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

    static void ip(String field, String value) {
        if (value == null) {
            throw RuleViolation.invalid(field, REQUIRED);
        }
        if (value.isBlank()) {
            throw RuleViolation.invalid(field, BLANK);
        }
        if (!isIp(value.strip())) {
            throw RuleViolation.invalid(field, INVALID_IP);
        }
    }

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    /** Only hex digits, colons and dots, starting with a hex digit or a colon: the JDK parses it as a literal, no lookup. */
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");

    /** An IPv4 address in dotted decimal, or an IPv6 address (an IPv4 tail allowed, no zone). */
    static boolean isIp(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!value.contains(":") || !IPV6_TEXT.matcher(value).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(value); // a literal with a colon: parsed, never looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
