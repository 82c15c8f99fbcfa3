package io.opsledger.inventory.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/** Commands and events of the AwsAccount aggregate (id: a UUID). */
public final class AccountMessages {
    private AccountMessages() {}

    public record RegisterAwsAccount(@TargetAggregateIdentifier String id, AwsAccountDetails details) {}
    public record UpdateAwsAccount(@TargetAggregateIdentifier String id, AwsAccountDetails details) {}
    public record DeleteAwsAccount(@TargetAggregateIdentifier String id) {}
    public record RecordAccountCosts(@TargetAggregateIdentifier String id, BigDecimal estimatedMonthlyCost,
                                     BigDecimal previousMonthCost, Instant at) {}
    /**
     * Asks for the account's costs to be fetched from Cost Explorer. It carries what the fetch needs
     * (the account's details and, for a MEMBER, its management account's; secrets encrypted), so the
     * handler that calls AWS reads no other model.
     */
    public record RequestCostRefresh(@TargetAggregateIdentifier String id, AwsAccountDetails account,
                                     AwsAccountDetails management, Instant at) {}

    public record AwsAccountRegistered(String id, AwsAccountDetails details) {}
    public record AwsAccountUpdated(String id, AwsAccountDetails details) {}
    public record AwsAccountDeleted(String id) {}
    public record CostRefreshRequested(String id, AwsAccountDetails account, AwsAccountDetails management, Instant at) {}
    public record AccountCostsRecorded(String id, BigDecimal estimatedMonthlyCost, BigDecimal previousMonthCost, Instant at) {}
}
