package io.opsledger.migration;

import io.opsledger.common.RuleViolation;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

import java.util.Objects;

/** Matches a rule's refusal of a kind, about a field (null: the request as a whole), in these words. */
final class Violations {
    private Violations() {}

    static Matcher<Throwable> invalid(String field, String message) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object item) {
                return item instanceof RuleViolation v && v.kind() == RuleViolation.Kind.INVALID
                        && Objects.equals(v.field(), field) && Objects.equals(v.getMessage(), message);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("invalid " + field + ": " + message);
            }
        };
    }
}
