package io.opsledger.inventory;

import io.opsledger.gateway.aws.DiscoveredResource;
import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.DiscoveryMessages.MatchableAsset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Discovery's matching (NOTES.md) over the assets known when an account's discovery began: a
 * resource is the asset with its ARN, else the one with its (resource id, account, region), else
 * the one with its (name, account, service type); the lowest asset number wins, and an asset
 * already taken in this run is skipped. Assets the run creates are taken, so the snapshot never
 * needs them.
 */
final class AssetMatcher {

    private final List<MatchableAsset> accountAssets = new ArrayList<>();
    private final Map<String, List<MatchableAsset>> byArn = new HashMap<>();
    private final Map<String, List<MatchableAsset>> byResourceId = new HashMap<>();
    private final Map<String, List<MatchableAsset>> byName = new HashMap<>();

    AssetMatcher(String accountId, List<MatchableAsset> known) {
        List<MatchableAsset> ordered = new ArrayList<>(known);
        ordered.sort(Comparator.comparingLong(MatchableAsset::assetNumber));
        for (MatchableAsset a : ordered) {
            index(byArn, key(a.arn()), a);
            if (Objects.equals(a.awsAccount(), accountId)) {
                accountAssets.add(a);
                index(byResourceId, key(a.resourceId(), a.region()), a);
                index(byName, key(a.name(), a.serviceType()), a);
            }
        }
    }

    /** The id of the asset this resource is, or null for a new one. */
    String match(DiscoveredResource r, Set<String> taken) {
        String id = first(byArn, key(r.arn()), taken);
        if (id == null) {
            id = first(byResourceId, key(r.resourceId(), text(r.region())), taken);
        }
        if (id == null) {
            id = first(byName, key(r.name(), text(r.serviceType())), taken);
        }
        return id;
    }

    /** The account's AWS_SERVICE assets that were not DECOMMISSIONED when the run began. */
    List<MatchableAsset> live() {
        return accountAssets.stream().filter(a -> AssetDetails.DEFAULT_ASSET_TYPE.equals(a.assetType())
                && !AssetDetails.DECOMMISSIONED.equals(a.status())).toList();
    }

    private static String first(Map<String, List<MatchableAsset>> index, String key, Set<String> taken) {
        if (key == null) {
            return null;
        }
        for (MatchableAsset a : index.getOrDefault(key, List.of())) {
            if (!taken.contains(a.assetId())) {
                return a.assetId();
            }
        }
        return null;
    }

    private static void index(Map<String, List<MatchableAsset>> index, String key, MatchableAsset a) {
        if (key != null) {
            index.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
        }
    }

    /** A lookup key, or null when the identifying part is blank (a blank ARN, id or name matches nothing). */
    private static String key(String identifying, String... scope) {
        return identifying == null || identifying.isBlank() ? null : identifying + "\u0000" + String.join("\u0000", scope);
    }

    private static String text(String value) { return value == null ? "" : value; }
}
