package io.opsledger.inventory;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.AccountMessages.*;
import io.opsledger.inventory.api.AwsAccountDetails;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * An AWS account the inventory discovers assets in. Its secret access key only ever arrives here
 * encrypted; the aggregate keeps none of it. Whether a MEMBER's management account exists (and is
 * a MANAGEMENT account) is another aggregate's state, checked at the edge against the read model.
 */
@Aggregate(cache = AggregateCache.NAME)
public class AwsAccount {

    public static final String DEFAULT_ACCOUNT_TYPE = "MEMBER";
    public static final String DEFAULT_ENVIRONMENT = "DEVELOPMENT";
    public static final String DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole";
    static final int MAX_NAME = 255;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    @AggregateIdentifier
    private String id;

    protected AwsAccount() {}

    @CommandHandler
    public AwsAccount(RegisterAwsAccount command) {
        apply(new AwsAccountRegistered(command.id(), checked(command.id(), command.details())));
    }

    @CommandHandler
    public void handle(UpdateAwsAccount command) {
        apply(new AwsAccountUpdated(id, checked(id, command.details())));
    }

    @CommandHandler
    public void handle(DeleteAwsAccount command) {
        apply(new AwsAccountDeleted(id));
    }

    @CommandHandler
    public void handle(RecordAccountCosts command) {
        if (negative(command.estimatedMonthlyCost()) || negative(command.previousMonthCost())) {
            throw RuleViolation.invalid("estimated_monthly_cost", "Costs cannot be negative.");
        }
        apply(new AccountCostsRecorded(id, command.estimatedMonthlyCost(), command.previousMonthCost(), command.at()));
    }

    @CommandHandler
    public void handle(RequestCostRefresh command) {
        if (command.account() == null) {
            throw new IllegalArgumentException("account details are required");
        }
        apply(new CostRefreshRequested(id, command.account(), command.management(), command.at()));
    }

    @EventSourcingHandler
    void on(AwsAccountRegistered event) { id = event.id(); }

    @EventSourcingHandler
    void on(AwsAccountDeleted event) { markDeleted(); }

    /** The details with defaults filled in, or the first rule they break. */
    static AwsAccountDetails checked(String id, AwsAccountDetails d) {
        if (d.awsAccountId() == null || d.awsAccountId().isBlank()) {
            throw RuleViolation.invalid("account_id", "This field is required.");
        }
        if (!ACCOUNT_ID.matcher(d.awsAccountId()).matches()) {
            throw RuleViolation.invalid("account_id", "Account ID must be exactly 12 digits.");
        }
        if (d.accountName() == null || d.accountName().isBlank()) {
            throw RuleViolation.invalid("account_name", "This field is required.");
        }
        if (d.accountName().length() > MAX_NAME) {
            throw RuleViolation.invalid("account_name", "Ensure this field has no more than " + MAX_NAME + " characters.");
        }
        String type = d.accountType() == null ? DEFAULT_ACCOUNT_TYPE : d.accountType();
        if (!AwsAccountDetails.ACCOUNT_TYPES.contains(type)) {
            throw RuleViolation.invalid("account_type", "\"" + type + "\" is not a valid choice.");
        }
        String environment = d.environment() == null ? DEFAULT_ENVIRONMENT : d.environment();
        if (!AwsAccountDetails.ENVIRONMENTS.contains(environment)) {
            throw RuleViolation.invalid("environment", "\"" + environment + "\" is not a valid choice.");
        }
        String management = d.managementAccount() == null || d.managementAccount().isBlank() ? null : d.managementAccount();
        if (management != null && "MANAGEMENT".equals(type)) {
            throw RuleViolation.invalid("management_account", "A management account cannot have a management account.");
        }
        if (management != null && management.equals(id)) {
            throw RuleViolation.invalid("management_account", "An account cannot be its own management account.");
        }
        List<String> regions = d.discoveryRegions();
        if (regions == null || regions.isEmpty()) {
            throw RuleViolation.invalid("discovery_regions", "At least one discovery region is required.");
        }
        for (String region : regions) {
            if (region == null || !REGION.matcher(region).matches()) {
                throw RuleViolation.invalid("discovery_regions", "\"" + region + "\" is not a valid AWS region name.");
            }
        }
        String roleName = d.organizationRoleName() == null ? DEFAULT_ROLE_NAME : d.organizationRoleName();
        return new AwsAccountDetails(d.awsAccountId(), d.accountName(), type, environment, roleName,
                d.accessKeyId() == null ? "" : d.accessKeyId(), d.secretAccessKey(), management,
                List.copyOf(regions.stream().distinct().toList()), d.active());
    }

    private static boolean negative(BigDecimal value) { return value != null && value.signum() < 0; }
}
