package io.opsledger.web.inventory;

import io.opsledger.inventory.DiscoveryQueries.*;
import io.opsledger.inventory.InventoryQueries.AccountView;
import io.opsledger.inventory.InventoryQueries.FindAccount;
import io.opsledger.inventory.api.DiscoveryMessages;
import io.opsledger.inventory.DiscoveryTriggers;
import io.opsledger.inventory.InventoryClaims;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.identity.Principal;
import io.opsledger.web.RequestContext;
import io.opsledger.web.Web;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;


/**
 * Discovery jobs (asset-inventory-api.md, Discovery). Everyone signed in reads; admins trigger. One
 * job at a time across all nodes ({@link DiscoveryTriggers}, shared with scheduled discovery).
 */
@RestController
@RequestMapping("/api/discovery")
public class DiscoveryController {

    private final Web web;
    private final Queries queries;
    private final QueryGateway queryGateway;
    private final DiscoveryTriggers triggers;

    public DiscoveryController(Web web, Queries queries, QueryGateway queryGateway, DiscoveryTriggers triggers) {
        this.web = web;
        this.queries = queries;
        this.queryGateway = queryGateway;
        this.triggers = triggers;
    }

    @GetMapping("/jobs")
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            Page page = Page.of(f);
            String status = f.text("status");
            if (status != null && status.isEmpty()) {
                status = null;
            }
            if (status != null && !DiscoveryMessages.STATUSES.contains(status)) {
                f.error("status", "Select a valid choice. " + status + " is not one of the available choices.");
            }
            String account = f.text("aws_account");
            if (account != null && account.isBlank()) {
                account = null;
            }
            if (account != null && AccountsController.uuid(account) == null) {
                f.error("aws_account", "Select a valid choice. That choice is not one of the available choices.");
            }
            f.validate();
            DiscoveryJobPage result = queries.one(new ListDiscoveryJobs(status,
                    account == null ? null : AccountsController.uuid(account), page.offset(), page.size()), DiscoveryJobPage.class);
            return ResponseEntity.ok(page.body(result.count(), result.results().stream().map(InventoryViews.DiscoveryJob::of).toList(),
                    exchange));
        });
    }

    @GetMapping("/jobs/{id}")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            return ResponseEntity.ok(InventoryViews.DiscoveryJob.of(find(id)));
        });
    }

    @PostMapping("/trigger")
    public Mono<ResponseEntity<?>> trigger(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal user = InventoryWeb.admin(ctx);
            String accountId = f.text("account_id");
            AccountView account = null;
            if (accountId != null && !accountId.isBlank()) {
                String key = AccountsController.uuid(accountId);
                account = key == null ? null : queries.one(new FindAccount(key), AccountView.class);
                if (account == null) {
                    throw ApiException.notFound("Not found.");
                }
            }
            String jobId = triggers.trigger(account == null ? null : account.id(),
                    account == null ? "" : account.accountName(), user.username(), ctx)
                    .orElseThrow(() -> ApiException.conflict(InventoryClaims.DISCOVERY_IN_PROGRESS));
            return ResponseEntity.ok(InventoryViews.DiscoveryJob.of(find(jobId)));
        });
    }

    /** The job now and at every change, as Server-Sent Events ("job"); the stream ends when the job has ended. */
    @GetMapping(value = "/jobs/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Mono<ResponseEntity<Flux<ServerSentEvent<InventoryViews.DiscoveryJob>>>> stream(@PathVariable String id,
                                                                                 ServerWebExchange exchange) {
        RequestContext ctx = RequestContext.of(exchange);
        return Mono.fromCallable(() -> {
            InventoryWeb.user(ctx);
            find(id);
            SubscriptionQueryResult<DiscoveryJobView, DiscoveryJobView> result = queryGateway.subscriptionQuery(
                    new FindDiscoveryJob(AccountsController.uuid(id)), DiscoveryJobView.class, DiscoveryJobView.class);
            Flux<ServerSentEvent<InventoryViews.DiscoveryJob>> events = Flux.concat(result.initialResult(), result.updates())
                    .takeUntil(DiscoveryJobView::ended)
                    .map(job -> ServerSentEvent.<InventoryViews.DiscoveryJob>builder(InventoryViews.DiscoveryJob.of(job)).event("job").id(job.status()).build())
                    .doFinally(signal -> result.cancel());
            return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private DiscoveryJobView find(String id) {
        String key = AccountsController.uuid(id);
        DiscoveryJobView job = key == null ? null : queries.one(new FindDiscoveryJob(key), DiscoveryJobView.class);
        if (job == null) {
            throw ApiException.notFound("Not found.");
        }
        return job;
    }
}
