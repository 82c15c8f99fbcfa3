package io.opsledger.inventory;

import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.AssetMessages.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery updates what AWS knows and never what people curated. */
class AssetDiscoveryTest {

    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant AGAIN = Instant.parse("2026-02-01T00:00:00Z");
    private AggregateTestFixture<Asset> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Asset.class);
    }

    private static AssetDetails found(String name, String type, Instant at) {
        return AssetDetails.discovered(name, "EC2", "acc-1", "us-east-1", "i-1", "arn:aws:ec2:us-east-1:123456789012:instance/i-1",
                Map.of("instance_type", type), List.of("10.0.0.1"), List.of(), Map.of("Name", name), at);
    }

    /** The first discovery's asset after a person curated it (and it was decommissioned meanwhile). */
    private static AssetDetails curated() {
        AssetDetails d = found("web", "t3.micro", FIRST);
        return new AssetDetails(d.name(), d.assetType(), d.awsServiceType(), d.awsAccount(), d.awsRegion(), d.awsResourceId(),
                d.awsResourceArn(), "DECOMMISSIONED", "CRITICAL", "Platform Team", "Engineering", "CONFIDENTIAL", "cat-1",
                d.metadata(), d.ipAddresses(), d.dnsNames(), d.tags(), "Front web", "", "", "", true, false, true, false,
                "handle with care", false, FIRST, FIRST);
    }

    @Test
    void aNewResourceIsADiscoveredAssetWithDefaults() {
        AssetDetails d = found("web", "t3.micro", FIRST);
        assertThat(d.isManuallyAdded()).isFalse();
        assertThat(d.status()).isEqualTo("ACTIVE");
        assertThat(d.criticality()).isEqualTo("MEDIUM");
        assertThat(d.discoveredAt()).isEqualTo(FIRST);
        assertThat(d.lastSeenAt()).isEqualTo(FIRST);
        fixture.givenNoPriorActivity().when(new CreateAsset("a1", "ASSET-0001", d))
                .expectEvents(new AssetCreated("a1", "ASSET-0001", d));
    }

    @Test
    void rediscoveryKeepsCuratedFieldsAndTakesAwsFacts() {
        AssetDetails expected = new AssetDetails("web-renamed", "AWS_SERVICE", "EC2", "acc-1", "us-east-1", "i-1",
                "arn:aws:ec2:us-east-1:123456789012:instance/i-1", "ACTIVE", "CRITICAL", "Platform Team", "Engineering",
                "CONFIDENTIAL", "cat-1", Map.of("instance_type", "m5.large"), List.of("10.0.0.1"), List.of(),
                Map.of("Name", "web-renamed"), "Front web", "", "", "", true, false, true, false, "handle with care", false,
                FIRST, AGAIN);
        fixture.given(new AssetCreated("a1", "ASSET-0001", curated()))
                .when(new RecordDiscoveredAsset("a1", "j2", found("web-renamed", "m5.large", AGAIN)))
                .expectEvents(new AssetDiscovered("a1", "j2", expected));
    }

    @Test
    void rediscoveryOfAManualAssetKeepsItManual() {
        AssetDetails manual = AssetDetails.named("web");
        fixture.given(new AssetCreated("a1", "ASSET-0001", manual))
                .when(new RecordDiscoveredAsset("a1", "j2", found("web", "t3.micro", AGAIN)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.predicate((Object p) -> {
                                    AssetDetails d = ((AssetDiscovered) p).details();
                                    return d.isManuallyAdded() && d.discoveredAt().equals(AGAIN) && d.owner().isEmpty()
                                            && d.awsResourceId().equals("i-1");
                                }), org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aDecommissionedAssetSeenAgainIsActiveAndCanBeDecommissionedAgain() {
        AssetDetails back = curated().rediscovered(found("web", "t3.micro", AGAIN));
        fixture.given(new AssetCreated("a1", "ASSET-0001", curated()), new AssetDiscovered("a1", "j2", back))
                .when(new DecommissionAsset("a1"))
                .expectEvents(new AssetDecommissioned("a1", "ACTIVE"));
    }
}
