package io.opsledger.inventory;

import io.opsledger.inventory.api.DiscoveryMessages.AccountToDiscover;
import io.opsledger.inventory.api.DiscoveryMessages.FindDiscoveredAssetMatch;
import io.opsledger.inventory.api.DiscoveryMessages.LiveAwsAsset;

import java.util.List;

/** What discovery asks the inventory (its read models and its asset number sequence). */
public interface DiscoveryInventory {

    /** These accounts (all active ones when {@code ids} is empty), with their encrypted secrets. */
    List<AccountToDiscover> accounts(List<String> ids);

    /** The id of the asset a resource is, or null (see {@link FindDiscoveredAssetMatch}). */
    String match(FindDiscoveredAssetMatch query);

    /** The account's AWS_SERVICE assets that are not DECOMMISSIONED. */
    List<LiveAwsAsset> liveAssets(String awsAccount);

    /** A new, never used asset number (ASSET-0001). */
    String nextAssetNumber();
}
