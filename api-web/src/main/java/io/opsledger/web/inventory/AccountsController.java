package io.opsledger.web.inventory;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.inventory.AccountConnections;
import io.opsledger.inventory.ActiveAccounts;
import io.opsledger.inventory.InventoryQueries.*;
import io.opsledger.inventory.api.AccountMessages.*;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.common.Commands;
import io.opsledger.common.WriteOnlySecrets;
import io.opsledger.common.WriteOnlySecrets.Blank;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.RequestContext;
import io.opsledger.web.Web;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * AWS accounts (asset-inventory-api.md, AWS Accounts). Everyone signed in reads; admins and the
 * superadmin write. The secret access key is write-only (WriteOnlySecrets): encrypted before it enters
 * a command, never rendered. test_connection asks the inventory's AccountConnections (STS) who the
 * account's credentials are; refresh_costs asks for a Cost Explorer fetch of every active account,
 * done asynchronously by the CostRefresher.
 */
@RestController
@RequestMapping("/api/accounts")
public class AccountsController {

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final WriteOnlySecrets secrets;
    private final AccountConnections connections;

    public AccountsController(Web web, Commands commands, Queries queries, WriteOnlySecrets secrets,
                              AccountConnections connections) {
        this.connections = connections;
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.secrets = secrets;
    }

    @GetMapping
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            Page page = Page.of(f);
            String type = filterChoice(f, "account_type", AwsAccountDetails.ACCOUNT_TYPES);
            String environment = filterChoice(f, "environment", AwsAccountDetails.ENVIRONMENTS);
            Boolean active = f.bool("is_active");
            String management = f.text("management_account");
            f.validate();
            if (management != null && !management.isBlank()) {
                management = uuid(management);
                if (management == null) {
                    throw ApiException.field("management_account", "Select a valid choice. That choice is not one of the available choices.");
                }
            } else {
                management = null;
            }
            AccountPage result = queries.one(new ListAccounts(new AccountFilter(type, environment, active, management,
                    f.text("search")), page.offset(), page.size()), AccountPage.class);
            return ResponseEntity.ok(page.body(result.count(), result.results().stream().map(InventoryViews.Account::of).toList(),
                    exchange));
        });
    }

    @PostMapping
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            String id = UUID.randomUUID().toString();
            AwsAccountDetails details = read(f, id, null);
            commands.send(new RegisterAwsAccount(id, details), ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(InventoryViews.Account.of(find(id)));
        });
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            return ResponseEntity.ok(InventoryViews.Account.of(find(id)));
        });
    }

    @PutMapping("/{id}")
    public Mono<ResponseEntity<?>> put(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> update(ctx, f, id, false));
    }

    @PatchMapping("/{id}")
    public Mono<ResponseEntity<?>> patch(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> update(ctx, f, id, true));
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<?>> delete(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            AccountView account = find(id);
            commands.send(new DeleteAwsAccount(account.id()), ctx);
            return ResponseEntity.noContent().build();
        });
    }

    /** STS GetCallerIdentity with the account's credentials; AWS's refusal is a 200 with success false. */
    @PostMapping("/{id}/test_connection")
    public Mono<ResponseEntity<?>> testConnection(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            AccountView account = find(id);
            AccountConnections.Result result = connections.test(account.details(), managementDetails(account));
            return ResponseEntity.ok(new InventoryViews.ConnectionTest(result.success(), result.message()));
        });
    }

    /** Asks every active account for a cost refresh; the fetches run asynchronously. */
    @PostMapping("/refresh_costs")
    public Mono<ResponseEntity<?>> refreshCosts(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.admin(ctx);
            Instant at = Instant.now();
            for (AccountView account : ActiveAccounts.all(queries)) {
                commands.send(new RequestCostRefresh(account.id(), account.details(), managementDetails(account), at), ctx);
            }
            return ResponseEntity.ok(new InventoryViews.Status("Cost refresh task queued."));
        });
    }

    private AccountView management(AccountView account) {
        return account.managementAccount() == null ? null
                : queries.one(new FindAccount(account.managementAccount()), AccountView.class);
    }

    private AwsAccountDetails managementDetails(AccountView account) {
        AccountView management = management(account);
        return management == null ? null : management.details();
    }

    private ResponseEntity<?> update(RequestContext ctx, Fields f, String id, boolean partial) {
        InventoryWeb.admin(ctx);
        AccountView current = find(id);
        AwsAccountDetails details = read(f, current.id(), partial ? current : withoutDefaults(current));
        commands.send(new UpdateAwsAccount(current.id(), details), ctx);
        return ResponseEntity.ok(InventoryViews.Account.of(find(current.id())));
    }

    /**
     * For PUT: the fields every request must carry are taken from the request alone; the others
     * keep their current values when omitted (as a DRF serializer's update does).
     */
    private static AccountView withoutDefaults(AccountView v) {
        return new AccountView(v.id(), null, null, v.accountType(), v.environment(), v.organizationRoleName(),
                v.accessKeyId(), v.hasSecret(), v.secretAccessKey(), v.managementAccount(), v.managementAccountName(),
                null, v.active(), v.lastDiscoveryAt(), v.estimatedMonthlyCost(), v.previousMonthCost(), v.costUpdatedAt(),
                v.createdAt(), v.updatedAt(), v.assetCount());
    }

    /**
     * The details a request asks for: what it gives, else {@code base}'s value (null base: a new
     * account, whose defaults the aggregate fills in). Rules on the values are the aggregate's; the
     * edge checks types, required fields and the management account, which is another aggregate.
     */
    private AwsAccountDetails read(Fields f, String id, AccountView base) {
        String accountId = f.present("account_id") || base == null || base.awsAccountId() == null
                ? trimmed(f.requireText("account_id")) : base.awsAccountId();
        String name = f.present("account_name") || base == null || base.accountName() == null
                ? trimmed(f.requireText("account_name")) : base.accountName();
        String type = f.present("account_type") ? f.text("account_type") : base == null ? null : base.accountType();
        String environment = f.present("environment") ? f.text("environment") : base == null ? null : base.environment();
        String roleName = f.present("organization_role_name") ? blankIfNull(f.text("organization_role_name"))
                : base == null ? null : base.organizationRoleName();
        String accessKeyId = f.present("aws_access_key_id") ? blankIfNull(trimmed(f.text("aws_access_key_id")))
                : base == null ? "" : base.accessKeyId();
        EncryptedSecret secret = base == null ? null : base.secretAccessKey();
        if (f.present("aws_secret_access_key")) {
            secret = secrets.after(secret, f.text("aws_secret_access_key"), Blank.KEEPS);
        }
        String management = f.present("management_account") ? f.text("management_account")
                : base == null ? null : base.managementAccount();
        if (management != null && management.isBlank()) {
            management = null;
        }
        List<String> regions;
        if (f.present("discovery_regions") || base == null || base.discoveryRegions() == null) {
            if (f.has("discovery_regions")) {
                regions = f.textList("discovery_regions");
            } else {
                regions = null;
                f.error("discovery_regions", "This field is required.");
            }
        } else {
            regions = base.discoveryRegions();
        }
        Boolean active = f.bool("is_active");
        if (active == null) {
            active = base == null || base.active();
        }
        f.validate();
        if (management != null && !"MANAGEMENT".equals(type)) {
            management = checkManagement(f, management);
        }
        if (base != null && "MEMBER".equals(type) && "MANAGEMENT".equals(base.accountType())) {
            long members = queries.one(new ListAccounts(new AccountFilter(null, null, null, id, null), 0, 0),
                    AccountPage.class).count();
            if (members > 0) {
                f.error("account_type", "This account is the management account of " + members + " member account(s).");
            }
        }
        f.validate();
        return new AwsAccountDetails(accountId, name, type, environment, roleName, accessKeyId, secret, management,
                regions, active);
    }

    /** A MEMBER's management account must exist and be a MANAGEMENT account (another aggregate's state). */
    private String checkManagement(Fields f, String management) {
        String key = uuid(management);
        AccountView manager = key == null ? null : queries.one(new FindAccount(key), AccountView.class);
        if (manager == null) {
            f.error("management_account", "Invalid pk \"" + management + "\" - object does not exist.");
            return management;
        }
        if (!"MANAGEMENT".equals(manager.accountType())) {
            f.error("management_account", "The management account must be an account of type MANAGEMENT.");
        }
        return key;
    }

    private AccountView find(String id) {
        String key = uuid(id);
        AccountView account = key == null ? null : queries.one(new FindAccount(key), AccountView.class);
        if (account == null) {
            throw ApiException.notFound("Not found.");
        }
        return account;
    }

    /** The canonical form of a UUID, or null when the text is not one. */
    static String uuid(String text) {
        try {
            String key = UUID.fromString(text.trim()).toString();
            return key.equals(text.trim().toLowerCase(Locale.ROOT)) ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String filterChoice(Fields f, String name, List<String> choices) {
        String value = f.text(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!choices.contains(value)) {
            f.error(name, "Select a valid choice. " + value + " is not one of the available choices.");
        }
        return value;
    }

    private static String trimmed(String value) { return value == null ? null : value.trim(); }

    private static String blankIfNull(String value) { return value == null ? "" : value; }

    /** "MANAGEMENT" -> "Management": the contract's *_display values. */
    static String display(String choice) {
        return choice == null || choice.isEmpty() ? "" : choice.charAt(0) + choice.substring(1).toLowerCase(Locale.ROOT);
    }
}
