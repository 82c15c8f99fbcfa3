package io.opsledger.web.inventory;

import io.opsledger.inventory.ActiveAccounts;
import io.opsledger.inventory.AssetQueries.AssetStatistics;
import io.opsledger.inventory.AssetQueries.GetAssetStatistics;
import io.opsledger.inventory.DiscoveryQueries.DiscoveryJobPage;
import io.opsledger.inventory.DiscoveryQueries.DiscoveryJobView;
import io.opsledger.inventory.DiscoveryQueries.ListDiscoveryJobs;
import io.opsledger.inventory.InventoryQueries.AccountView;
import io.opsledger.common.Queries;
import io.opsledger.web.Web;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The dashboard (asset-inventory-api.md, Dashboard), for everyone signed in. Asset figures leave
 * DECOMMISSIONED assets out, as the lists do; account figures and cost totals are over the active
 * accounts. last_discovery is when the newest completed discovery job ended; recent_jobs are the
 * ten newest jobs, with the contract's keys and the duration its frontend shows.
 */
@RestController
@RequestMapping("/api/dashboard")
public class DashboardController {

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
            List<AccountView> accounts = ActiveAccounts.all(queries);
            ActiveAccounts.CostTotals costs = ActiveAccounts.costTotals(accounts);
            List<DiscoveryJobView> completed = queries.one(new ListDiscoveryJobs("COMPLETED", null, 0, 1),
                    DiscoveryJobPage.class).results();
            return ResponseEntity.ok(new InventoryViews.Dashboard(stats.total(), accounts.size(), stats.critical(),
                    completed.isEmpty() ? null : completed.get(0).completedAt(), costs.estimatedMonthly(), costs.previousMonth(),
                    stats.byType().stream().map(c -> new InventoryViews.TypeCount(c.value(), c.count())).toList(),
                    stats.byService().stream().map(c -> new InventoryViews.ServiceCount(c.value(), c.count())).toList(),
                    stats.byCriticality().stream().map(c -> new InventoryViews.CriticalityCount(c.value(), c.count())).toList(),
                    stats.byStatus().stream().map(c -> new InventoryViews.StatusCount(c.value(), c.count())).toList(),
                    accounts.stream().map(InventoryViews.DashboardAccount::of).toList(),
                    queries.one(new ListDiscoveryJobs(null, null, 0, RECENT_JOBS), DiscoveryJobPage.class)
                            .results().stream().map(InventoryViews.RecentJob::of).toList()));
        });
    }
}
