package io.opsledger.web.inventory;

import io.opsledger.inventory.AssetQueries.AssetStatistics;
import io.opsledger.inventory.AssetQueries.FieldCount;
import io.opsledger.inventory.AssetQueries.GetAssetStatistics;
import io.opsledger.inventory.DiscoveryQueries.DiscoveryJobPage;
import io.opsledger.inventory.DiscoveryQueries.DiscoveryJobView;
import io.opsledger.inventory.DiscoveryQueries.ListDiscoveryJobs;
import io.opsledger.inventory.InventoryQueries.AccountFilter;
import io.opsledger.inventory.InventoryQueries.AccountPage;
import io.opsledger.inventory.InventoryQueries.AccountView;
import io.opsledger.inventory.InventoryQueries.ListAccounts;
import io.opsledger.common.Queries;
import io.opsledger.web.Web;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard (asset-inventory-api.md, Dashboard), for everyone signed in. Asset figures leave
 * DECOMMISSIONED assets out, as the lists do; account figures and cost totals are over the active
 * accounts. last_discovery is when the newest completed discovery job ended; recent_jobs are the
 * ten newest jobs, with the contract's keys and the duration its frontend shows.
 */
@RestController
@RequestMapping("/api/dashboard")
public class DashboardController {

    private static final int ACCOUNT_BATCH = 500;
    private static final int RECENT_JOBS = 10;
    private final Web web;
    private final Queries queries;

    public DashboardController(Web web, Queries queries) {
        this.web = web;
        this.queries = queries;
    }

    @GetMapping
    public Mono<ResponseEntity<?>> dashboard(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            AssetStatistics stats = queries.one(new GetAssetStatistics(), AssetStatistics.class);
            List<AccountView> accounts = activeAccounts();
            BigDecimal monthly = BigDecimal.ZERO;
            BigDecimal previous = BigDecimal.ZERO;
            List<Map<String, Object>> accountItems = new ArrayList<>();
            for (AccountView a : accounts) {
                monthly = monthly.add(money(a.estimatedMonthlyCost()));
                previous = previous.add(money(a.previousMonthCost()));
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", a.id());
                item.put("account_name", a.accountName());
                item.put("account_id", a.awsAccountId());
                item.put("environment", a.environment());
                item.put("is_active", a.active());
                item.put("asset_count", a.assetCount());
                item.put("estimated_monthly_cost", a.estimatedMonthlyCost());
                item.put("previous_month_cost", a.previousMonthCost());
                item.put("last_discovery_at", a.lastDiscoveryAt());
                accountItems.add(item);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total_assets", stats.total());
            body.put("total_accounts", accounts.size());
            body.put("critical_assets", stats.critical());
            List<DiscoveryJobView> completed = queries.one(new ListDiscoveryJobs("COMPLETED", null, 0, 1),
                    DiscoveryJobPage.class).results();
            body.put("last_discovery", completed.isEmpty() ? null : completed.get(0).completedAt());
            body.put("total_monthly_cost", text(monthly));
            body.put("total_previous_month_cost", text(previous));
            body.put("by_type", counts("asset_type", stats.byType()));
            body.put("by_service", counts("aws_service_type", stats.byService()));
            body.put("by_criticality", counts("criticality", stats.byCriticality()));
            body.put("by_status", counts("status", stats.byStatus()));
            body.put("accounts", accountItems);
            body.put("recent_jobs", queries.one(new ListDiscoveryJobs(null, null, 0, RECENT_JOBS), DiscoveryJobPage.class)
                    .results().stream().map(DashboardController::recentJob).toList());
            return ResponseEntity.ok(body);
        });
    }

    private static Map<String, Object> recentJob(DiscoveryJobView j) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", j.id());
        item.put("status", j.status());
        item.put("aws_account_name", j.awsAccountName());
        item.put("resources_discovered", j.resourcesDiscovered());
        item.put("resources_new", j.resourcesNew());
        item.put("started_at", j.startedAt());
        item.put("completed_at", j.completedAt());
        item.put("triggered_by_username", j.triggeredByUsername());
        item.put("duration_seconds", j.durationSeconds());
        return item;
    }

    private List<AccountView> activeAccounts() {
        List<AccountView> all = new ArrayList<>();
        while (true) {
            List<AccountView> batch = queries.one(new ListAccounts(new AccountFilter(null, null, true, null, null),
                    all.size(), ACCOUNT_BATCH), AccountPage.class).results();
            all.addAll(batch);
            if (batch.size() < ACCOUNT_BATCH) {
                return all;
            }
        }
    }

    private static List<Map<String, Object>> counts(String field, List<FieldCount> counts) {
        return counts.stream().map(c -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(field, c.value());
            item.put("count", c.count());
            return item;
        }).toList();
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
