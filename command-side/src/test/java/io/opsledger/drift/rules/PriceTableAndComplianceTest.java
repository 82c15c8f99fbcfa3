package io.opsledger.drift.rules;

import io.opsledger.drift.rules.ComplianceEvaluator.Report;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PriceTableAndComplianceTest {

    private final PriceTable prices = PriceTable.standard();

    @Test
    void instancesCostTheirTypePlusTheirRootVolume() {
        PriceTable.Estimate e = prices.estimate("aws_instance",
                Map.of("instance_type", "t3.micro", "root_block_device", List.of(Map.of("volume_size", 10))));
        assertThat(e.compute()).isEqualByComparingTo("7.59");
        assertThat(e.storage()).isEqualByComparingTo("0.80");
        assertThat(e.monthly()).isEqualByComparingTo("8.39");
        assertThat(e.currency()).isEqualTo("USD");
        assertThat(prices.estimate("aws_instance", Map.of("instance_type", "x9.mega")).compute()).isEqualByComparingTo("30.37");
    }

    @Test
    void databasesCostTheirClassAndAllocatedStorageAndUnknownTypesNothing() {
        PriceTable.Estimate e = prices.estimate("aws_db_instance", Map.of("instance_class", "db.t3.micro", "allocated_storage", 20));
        assertThat(e.monthly()).isEqualByComparingTo(new BigDecimal("14.71"));
        PriceTable.Estimate unknown = prices.estimate("aws_route53_zone", Map.of());
        assertThat(unknown.known()).isFalse();
        assertThat(unknown.monthly()).isEqualByComparingTo("0");
    }

    @Test
    void databaseCompliance() {
        Report good = ComplianceEvaluator.evaluate("aws_db_instance", Map.of("storage_encrypted", true,
                "backup_retention_period", 7, "monitoring_interval", 60, "publicly_accessible", false));
        assertThat(good.overallStatus()).isEqualTo("compliant");
        assertThat(good.score()).isEqualTo(100);
        assertThat(good.checks()).extracting(ComplianceEvaluator.Check::name).containsExactly(
                "encryption_enabled", "backup_enabled", "monitoring_enabled", "not_publicly_exposed");

        Report bad = ComplianceEvaluator.evaluate("aws_db_instance", Map.of("storage_encrypted", false,
                "backup_retention_period", 0, "monitoring_interval", 60, "publicly_accessible", true));
        assertThat(bad.overallStatus()).isEqualTo("non_compliant");
        assertThat(bad.score()).isEqualTo(25);
    }

    @Test
    void bucketAndInstanceCompliance() {
        Report bucket = ComplianceEvaluator.evaluate("aws_s3_bucket", Map.of("acl", "public-read",
                "versioning", List.of(Map.of("enabled", true)),
                "server_side_encryption_configuration", List.of(Map.of("rule", List.of(Map.of(
                        "apply_server_side_encryption_by_default", List.of(Map.of("sse_algorithm", "AES256"))))))));
        assertThat(bucket.checks()).extracting(ComplianceEvaluator.Check::status)
                .containsExactly("pass", "pass", "fail", "fail");
        Report instance = ComplianceEvaluator.evaluate("aws_instance", Map.of("monitoring", true, "public_ip", "",
                "root_block_device", List.of(Map.of("encrypted", true)), "tags", Map.of("Backup", "daily")));
        assertThat(instance.overallStatus()).isEqualTo("compliant");
        assertThat(ComplianceEvaluator.evaluate("aws_route53_zone", Map.of()).checks()).isEmpty();
    }
}
