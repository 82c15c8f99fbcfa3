package io.opsledger.inventory.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Commands and events of the DiscoveryJob aggregate (id: a UUID), and the questions discovery asks
 * the inventory's read models. A job is PENDING, RUNNING, COMPLETED or FAILED.
 */
public final class DiscoveryMessages {
    private DiscoveryMessages() {}

    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final List<String> STATUSES = List.of(PENDING, RUNNING, COMPLETED, FAILED);

    /**
     * @param awsAccount     the one account asked for, or null for all active accounts
     * @param awsAccountName its name (shown on the job), "" for all
     */
    public record TriggerDiscovery(@TargetAggregateIdentifier String jobId, String awsAccount, String awsAccountName,
                                   String triggeredBy) {}
    /** @param accountIds the accounts this run walks through */
    public record StartDiscoveryJob(@TargetAggregateIdentifier String jobId, List<String> accountIds) {}
    public record RecordDiscoveryProgress(@TargetAggregateIdentifier String jobId, String currentAccount, String currentRegion,
                                          int resourcesSoFar, List<String> logLines) {}
    public record CompleteDiscoveryJob(@TargetAggregateIdentifier String jobId, int resourcesDiscovered, int resourcesNew,
                                       int resourcesUpdated, int resourcesDecommissioned, List<String> logLines) {}
    public record FailDiscoveryJob(@TargetAggregateIdentifier String jobId, String errorMessage, List<String> logLines) {}

    public record DiscoveryJobCreated(String jobId, String awsAccount, String awsAccountName, String triggeredBy,
                                      Instant createdAt) {}
    public record DiscoveryJobStarted(String jobId, List<String> accountIds, Instant startedAt) {}
    public record DiscoveryProgressed(String jobId, String currentAccount, String currentRegion, int resourcesSoFar,
                                      List<String> logLines) {}
    public record DiscoveryJobCompleted(String jobId, List<String> accountIds, int resourcesDiscovered, int resourcesNew,
                                        int resourcesUpdated, int resourcesDecommissioned, List<String> logLines,
                                        Instant completedAt, long durationSeconds) {}
    public record DiscoveryJobFailed(String jobId, String errorMessage, List<String> logLines, Instant completedAt,
                                     long durationSeconds) {}

    // ---- what discovery asks the read models (answered by the job, account and asset projections)

    /** Whether the job is COMPLETED or FAILED (false when there is no such job). */
    public record IsDiscoveryJobEnded(String jobId) {}

    /** The accounts to discover: these ids, or every active account when empty. */
    public record FindAccountsToDiscover(List<String> ids) {}
    /** An account as discovery needs it: its details including the encrypted secret. */
    public record AccountToDiscover(String id, AwsAccountDetails details) {}

    /**
     * The assets an account's discovery may match its resources to (NOTES.md): the account's own,
     * and every asset that names an ARN (an ARN matches whatever account the asset is filed under).
     * Asked once per account, so that matching a resource costs no query.
     */
    public record FindMatchableAssets(String awsAccount) {}
    public record MatchableAsset(String assetId, long assetNumber, String awsAccount, String arn, String resourceId,
                                 String region, String name, String serviceType, String assetType, String status) {}
}
