package io.opsledger.inventory;

import io.opsledger.gateway.aws.DiscoveredResource;
import io.opsledger.inventory.api.DiscoveryMessages.MatchableAsset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AssetMatcherTest {

    private static final String ARN = "arn:aws:ec2:us-east-1:111111111111:instance/i-1";

    private static MatchableAsset asset(String id, long number, String account, String arn, String resourceId, String region,
                                        String name, String status) {
        return new MatchableAsset(id, number, account, arn, resourceId, region, name, "EC2", "AWS_SERVICE", status);
    }

    private static DiscoveredResource resource(String arn, String resourceId, String region, String name) {
        return new DiscoveredResource("EC2", name, arn, resourceId, region, Map.of(), List.of(), List.of(), Map.of());
    }

    @Test
    void theArnWinsOverTheResourceIdAndTheNameEvenInAnotherAccount() {
        AssetMatcher matcher = new AssetMatcher("a1", List.of(
                asset("by-name", 1, "a1", "", "", "us-east-1", "web", "ACTIVE"),
                asset("by-id", 2, "a1", "", "i-1", "us-east-1", "other", "ACTIVE"),
                asset("by-arn", 3, "elsewhere", ARN, "", "", "manual", "ACTIVE")));

        assertThat(matcher.match(resource(ARN, "i-1", "us-east-1", "web"), Set.of())).isEqualTo("by-arn");
        assertThat(matcher.match(resource(ARN, "i-1", "us-east-1", "web"), Set.of("by-arn"))).isEqualTo("by-id");
        assertThat(matcher.match(resource(ARN, "i-1", "us-east-1", "web"), Set.of("by-arn", "by-id"))).isEqualTo("by-name");
        assertThat(matcher.match(resource(ARN, "i-1", "us-east-1", "web"), Set.of("by-arn", "by-id", "by-name"))).isNull();
    }

    @Test
    void theResourceIdAndNameOnlyMatchWithinTheAccountAndRegionOrServiceType() {
        AssetMatcher matcher = new AssetMatcher("a1", List.of(
                asset("other-account", 1, "a2", "", "i-1", "us-east-1", "web", "ACTIVE"),
                asset("other-region", 2, "a1", "", "i-1", "eu-west-1", "db", "ACTIVE")));

        assertThat(matcher.match(resource("arn:x", "i-1", "us-east-1", "web"), Set.of())).isNull();
        assertThat(matcher.match(resource("arn:x", "i-1", "eu-west-1", "other"), Set.of())).isEqualTo("other-region");
    }

    @Test
    void theLowestAssetNumberWinsAndBlankIdentifiersMatchNothing() {
        AssetMatcher matcher = new AssetMatcher("a1", List.of(
                asset("second", 7, "a1", "", "", "us-east-1", "web", "ACTIVE"),
                asset("first", 3, "a1", "", "", "us-east-1", "web", "ACTIVE"),
                asset("blank", 1, "a1", "", "", "us-east-1", "", "ACTIVE")));

        assertThat(matcher.match(resource("", "", "us-east-1", "web"), Set.of())).isEqualTo("first");
        assertThat(matcher.match(resource("", "", "us-east-1", ""), Set.of())).isNull();
    }

    @Test
    void liveAssetsAreTheAccountsAwsServicesThatAreNotDecommissioned() {
        AssetMatcher matcher = new AssetMatcher("a1", List.of(
                asset("live", 1, "a1", "", "i-1", "us-east-1", "web", "ACTIVE"),
                asset("gone", 2, "a1", "", "i-2", "us-east-1", "old", "DECOMMISSIONED"),
                asset("foreign", 3, "a2", ARN, "i-3", "us-east-1", "x", "ACTIVE"),
                new MatchableAsset("manual", 4, "a1", "", "", "", "rack", "", "SERVER", "ACTIVE")));

        assertThat(matcher.live()).extracting(MatchableAsset::assetId).containsExactly("live");
    }
}
