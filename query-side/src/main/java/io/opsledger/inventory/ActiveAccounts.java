package io.opsledger.inventory;

import io.opsledger.common.Queries;
import io.opsledger.inventory.InventoryQueries.AccountFilter;
import io.opsledger.inventory.InventoryQueries.AccountPage;
import io.opsledger.inventory.InventoryQueries.AccountView;
import io.opsledger.inventory.InventoryQueries.ListAccounts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** The active AWS accounts, read in batches, and what their costs add up to. */
public final class ActiveAccounts {
    private ActiveAccounts() {}

    static final int BATCH = 500;

    /** Both cost totals, with two decimals; an account without a readable cost adds nothing. */
    public record CostTotals(String estimatedMonthly, String previousMonth) {}

    public static List<AccountView> all(Queries queries) {
        List<AccountView> all = new ArrayList<>();
        while (true) {
            List<AccountView> batch = queries.one(new ListAccounts(new AccountFilter(null, null, true, null, null),
                    all.size(), BATCH), AccountPage.class).results();
            all.addAll(batch);
            if (batch.size() < BATCH) {
                return all;
            }
        }
    }

    public static CostTotals costTotals(List<AccountView> accounts) {
        BigDecimal monthly = BigDecimal.ZERO;
        BigDecimal previous = BigDecimal.ZERO;
        for (AccountView a : accounts) {
            monthly = monthly.add(money(a.estimatedMonthlyCost()));
            previous = previous.add(money(a.previousMonthCost()));
        }
        return new CostTotals(text(monthly), text(previous));
    }

    private static BigDecimal money(String value) {
        try {
            return value == null || value.isBlank() ? BigDecimal.ZERO : new BigDecimal(value);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static String text(BigDecimal value) { return value.setScale(2, RoundingMode.HALF_UP).toPlainString(); }
}
