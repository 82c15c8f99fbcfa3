package io.opsledger.inventory;

import io.opsledger.common.Queries;
import io.opsledger.inventory.api.DiscoveryMessages.AccountToDiscover;
import io.opsledger.inventory.api.DiscoveryMessages.FindAccountsToDiscover;
import io.opsledger.inventory.api.DiscoveryMessages.FindMatchableAssets;
import io.opsledger.inventory.api.DiscoveryMessages.MatchableAsset;

import java.util.List;
import java.util.function.Supplier;

/** What discovery asks the inventory (its read models and its asset number sequence). */
public interface DiscoveryInventory {

    /** These accounts (all active ones when {@code ids} is empty), with their encrypted secrets. */
    List<AccountToDiscover> accounts(List<String> ids);

    /** What the account's resources may match (see {@link FindMatchableAssets}). */
    List<MatchableAsset> matchableAssets(String awsAccount);

    /** A new, never used asset number (ASSET-0001). */
    String nextAssetNumber();

    /** Answered by the inventory's queries, numbers drawn from {@code numbers}. */
    static DiscoveryInventory queried(Queries queries, Supplier<String> numbers) {
        return new DiscoveryInventory() {
            @Override
            public List<AccountToDiscover> accounts(List<String> accountIds) {
                return queries.list(new FindAccountsToDiscover(accountIds), AccountToDiscover.class);
            }

            @Override
            public List<MatchableAsset> matchableAssets(String awsAccount) {
                return queries.list(new FindMatchableAssets(awsAccount), MatchableAsset.class);
            }

            @Override
            public String nextAssetNumber() { return numbers.get(); }
        };
    }
}
