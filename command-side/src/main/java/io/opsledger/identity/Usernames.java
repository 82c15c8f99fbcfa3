package io.opsledger.identity;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What a username may be, and when two usernames are the same one. Names are shown as given;
 * uniqueness (and finding a user at login) goes by {@link #key}, so "Admin", "admin" and "ＡＤＭＩＮ"
 * are one name, and a name cannot hide invisible or direction-changing characters.
 */
public final class Usernames {
    private Usernames() {}

    public static final String INVISIBLE = "Enter a valid username. Control, zero-width and text-direction characters are not allowed.";
    public static final String PADDED = "Enter a valid username. It may not begin or end with a space.";

    /** Why the username is not acceptable, or null when it is (blank names are the caller's "required" error). */
    public static String problem(String username) {
        if (username == null || username.isEmpty()) {
            return null;
        }
        for (int i = 0; i < username.length(); ) {
            int cp = username.codePointAt(i);
            switch (Character.getType(cp)) {
                // Cc controls; Cf holds zero-width (U+200B-U+200D, U+2060, U+FEFF) and bidi (U+200E/F,
                // U+202A-U+202E, U+2066-U+2069, U+061C) characters; line and paragraph separators
                case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                     Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> {
                    return INVISIBLE;
                }
                default -> i += Character.charCount(cp);
            }
        }
        if (isSpace(username.codePointAt(0)) || isSpace(username.codePointBefore(username.length()))) {
            return PADDED;
        }
        return null;
    }

    /** The form uniqueness is decided on: compatibility-normalized (NFKC) and case-folded. */
    public static String key(String username) {
        if (username == null) {
            return null;
        }
        String folded = Normalizer.normalize(username, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
