package io.opsledger.gateway.aws;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/**
 * Unblended cost of one account for two calendar months (Cost Explorer; months without data are zero).
 *
 * @param currentMonth   the month asked for (month to date if it is the running month)
 * @param current        its cost
 * @param previous       the cost of the month before
 * @param currency       the unit Cost Explorer reported, e.g. {@code USD}
 */
public record Costs(YearMonth currentMonth, BigDecimal current, BigDecimal previous, String currency) {

    public Costs {
        Objects.requireNonNull(currentMonth, "currentMonth");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(currency, "currency");
    }
}
