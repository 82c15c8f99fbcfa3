package io.opsledger.inventory;

import io.opsledger.inventory.api.DiscoveryMessages.AccountToDiscover;
import io.opsledger.inventory.api.DiscoveryMessages.FindMatchableAssets;
import io.opsledger.inventory.api.DiscoveryMessages.MatchableAsset;

import java.util.List;

/** What discovery asks the inventory (its read models and its asset number sequence). */
public interface DiscoveryInventory {

    /** These accounts (all active ones when {@code ids} is empty), with their encrypted secrets. */
    List<AccountToDiscover> accounts(List<String> ids);

    /** What the account's resources may match (see {@link FindMatchableAssets}). */
    List<MatchableAsset> matchableAssets(String awsAccount);

    /** A new, never used asset number (ASSET-0001). */
    String nextAssetNumber();
}
