package io.opsledger.inventory.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands and events of the Asset aggregate (id: a UUID). {@code assetNumber} is the
 * human-readable ASSET-0001 handed out from one sequence ({@code io.opsledger.inventory.AssetNumbers}).
 */
public final class AssetMessages {
    private AssetMessages() {}

    public record CreateAsset(@TargetAggregateIdentifier String id, String assetNumber, AssetDetails details) {}
    /** The complete new details; partial updates are merged at the edge. */
    public record UpdateAsset(@TargetAggregateIdentifier String id, AssetDetails details) {}
    public record DecommissionAsset(@TargetAggregateIdentifier String id) {}
    public record DeleteAsset(@TargetAggregateIdentifier String id) {}
    /** Discovery saw this asset again in AWS; {@code found} holds what AWS says (see {@link AssetDetails#rediscovered}). */
    public record RecordDiscoveredAsset(@TargetAggregateIdentifier String id, String jobId, AssetDetails found) {}

    public record AssetCreated(String id, String assetNumber, AssetDetails details) {}
    public record AssetUpdated(String id, AssetDetails details) {}
    public record AssetDecommissioned(String id, String previousStatus) {}
    public record AssetDeleted(String id, String assetNumber) {}
    /** The asset as it is after a discovery run saw it again (curated fields unchanged). */
    public record AssetDiscovered(String id, String jobId, AssetDetails details) {}
}
