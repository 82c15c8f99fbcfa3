package io.opsledger.inventory;

import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.AssetMessages.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AssetTest {

    private AggregateTestFixture<Asset> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Asset.class);
    }

    private static AssetDetails web() {
        return new AssetDetails("web-server-1", "AWS_SERVICE", "EC2", "acc-1", "eu-central-1", "i-0abc",
                "arn:aws:ec2:eu-central-1:123456789012:instance/i-0abc", "ACTIVE", "HIGH", "Platform Team", "Engineering",
                "INTERNAL", "cat-1", Map.of("ami", "ami-1"), List.of("10.0.0.1"), List.of("web.example.com"),
                Map.of("env", "prod"), "", "", "https://web.example.com", "", false, false, true, true, "", false,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"));
    }

    private static AssetDetails with(String field, String value) {
        AssetDetails d = web();
        return new AssetDetails(field.equals("name") ? value : d.name(), field.equals("asset_type") ? value : d.assetType(),
                field.equals("aws_service_type") ? value : d.awsServiceType(), d.awsAccount(), d.awsRegion(), d.awsResourceId(),
                d.awsResourceArn(), field.equals("status") ? value : d.status(),
                field.equals("criticality") ? value : d.criticality(), d.owner(), d.department(),
                field.equals("data_classification") ? value : d.dataClassification(), d.category(), d.metadata(),
                d.ipAddresses(), d.dnsNames(), d.tags(), d.description(), d.vendor(), field.equals("url") ? value : d.url(),
                d.version(), d.gdprRelevant(), d.containsPersonalData(), d.backupEnabled(), d.monitoringEnabled(), d.notes(),
                d.isManuallyAdded(), d.discoveredAt(), d.lastSeenAt());
    }

    @Test
    void creationRecordsTheAssetWithItsNumber() {
        fixture.givenNoPriorActivity()
                .when(new CreateAsset("a1", "ASSET-0001", web()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssetCreated("a1", "ASSET-0001", web()));
    }

    @Test
    void creationNeedsANumberAndAName() {
        fixture.givenNoPriorActivity().when(new CreateAsset("a1", "", web()))
                .expectException(RuleViolation.class).expectExceptionMessage("This field is required.");
        fixture.givenNoPriorActivity().when(new CreateAsset("a1", "ASSET-0001", with("name", " ")))
                .expectException(RuleViolation.class).expectExceptionMessage("This field is required.");
    }

    @Test
    void everyEnumIsChecked() {
        for (String field : List.of("asset_type", "aws_service_type", "status", "criticality", "data_classification")) {
            fixture.givenNoPriorActivity().when(new CreateAsset("a1", "ASSET-0001", with(field, "BOGUS")))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("\"BOGUS\" is not a valid choice.");
        }
        try {
            Asset.validate(with("criticality", "BOGUS"));
        } catch (RuleViolation v) {
            assertThat(v.field()).isEqualTo("criticality");
            assertThat(v.kind()).isEqualTo(RuleViolation.Kind.INVALID);
        }
    }

    @Test
    void requiredEnumsMayNotBeEmptyButTheServiceTypeMay() {
        fixture.givenNoPriorActivity().when(new CreateAsset("a1", "ASSET-0001", with("status", "")))
                .expectException(RuleViolation.class);
        fixture.givenNoPriorActivity().when(new CreateAsset("a1", "ASSET-0001", with("aws_service_type", "")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aUrlNeedsAScheme() {
        fixture.givenNoPriorActivity().when(new CreateAsset("a1", "ASSET-0001", with("url", "web.example.com")))
                .expectException(RuleViolation.class).expectExceptionMessage("Enter a valid URL.");
        fixture.givenNoPriorActivity().when(new CreateAsset("a1", "ASSET-0001", with("url", "s3://bucket/key")))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity().when(new CreateAsset("a1", "ASSET-0001", with("url", "")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void updatesRecordTheNewDetailsAndSkipNoChange() {
        fixture.given(new AssetCreated("a1", "ASSET-0001", web()))
                .when(new UpdateAsset("a1", with("criticality", "LOW")))
                .expectEvents(new AssetUpdated("a1", with("criticality", "LOW")));
        fixture.given(new AssetCreated("a1", "ASSET-0001", web()))
                .when(new UpdateAsset("a1", web()))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(new AssetCreated("a1", "ASSET-0001", web()))
                .when(new UpdateAsset("a1", with("asset_type", "NOPE")))
                .expectException(RuleViolation.class);
    }

    @Test
    void decommissioningOnceRecordsThePreviousStatus() {
        fixture.given(new AssetCreated("a1", "ASSET-0001", web()))
                .when(new DecommissionAsset("a1"))
                .expectEvents(new AssetDecommissioned("a1", "ACTIVE"));
        fixture.given(new AssetCreated("a1", "ASSET-0001", web()), new AssetDecommissioned("a1", "ACTIVE"))
                .when(new DecommissionAsset("a1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        // after decommissioning, the status is part of the state an update compares against
        fixture.given(new AssetCreated("a1", "ASSET-0001", web()), new AssetDecommissioned("a1", "ACTIVE"))
                .when(new UpdateAsset("a1", web()))
                .expectEvents(new AssetUpdated("a1", web()));
    }

    @Test
    void deletionEndsTheAsset() {
        fixture.given(new AssetCreated("a1", "ASSET-0001", web()))
                .when(new DeleteAsset("a1"))
                .expectEvents(new AssetDeleted("a1", "ASSET-0001"))
                .expectMarkedDeleted();
    }
}
