package io.opsledger.drift.rules;

import io.opsledger.drift.rules.DriftComparator.AttributeDrift;
import io.opsledger.drift.rules.DriftComparator.Comparison;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DriftComparatorTest {

    @Test
    void severityFollowsThePathRulesMostSevereFirst() {
        assertThat(DriftComparator.severity("deletion_protection")).isEqualTo(Severity.CRITICAL);
        assertThat(DriftComparator.severity("storage_encrypted")).isEqualTo(Severity.CRITICAL);
        assertThat(DriftComparator.severity("server_side_encryption_configuration.0.rule.0.sse_algorithm")).isEqualTo(Severity.CRITICAL);
        assertThat(DriftComparator.severity("kms_key_id")).isEqualTo(Severity.CRITICAL);
        assertThat(DriftComparator.severity("listener.ssl_policy")).isEqualTo(Severity.CRITICAL);
        assertThat(DriftComparator.severity("redirect_https")).isEqualTo(Severity.CRITICAL);
        assertThat(DriftComparator.severity("vpc_security_group_ids")).isEqualTo(Severity.HIGH);
        assertThat(DriftComparator.severity("subnet_id")).isEqualTo(Severity.HIGH);
        assertThat(DriftComparator.severity("iam_instance_profile")).isEqualTo(Severity.HIGH);
        assertThat(DriftComparator.severity("policy")).isEqualTo(Severity.HIGH);
        assertThat(DriftComparator.severity("backup_retention_period")).isEqualTo(Severity.HIGH);
        assertThat(DriftComparator.severity("network_interface.0.device_index")).isEqualTo(Severity.HIGH);
        assertThat(DriftComparator.severity("instance_type")).isEqualTo(Severity.MEDIUM);
        assertThat(DriftComparator.severity("root_block_device.0.volume_size")).isEqualTo(Severity.MEDIUM);
        assertThat(DriftComparator.severity("engine_version")).isEqualTo(Severity.MEDIUM);
        assertThat(DriftComparator.severity("tags.Environment")).isEqualTo(Severity.LOW);
        assertThat(DriftComparator.severity("monitoring")).isEqualTo(Severity.LOW);
    }

    @Test
    void comparesOnlyWhatBothSidesHaveAndFlattensNestedValues() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("instance_type", "t3.micro");
        state.put("user_data", "#!/bin/sh");
        state.put("tags", Map.of("Environment", "production", "Project", "web"));
        state.put("root_block_device", List.of(Map.of("volume_size", 8, "encrypted", true)));
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("instance_type", "t3.small");
        live.put("tags", Map.of("Environment", "staging", "Project", "web", "Owner", "alpha"));
        live.put("root_block_device", List.of(Map.of("volume_size", "8", "encrypted", false)));
        live.put("private_ip", "10.0.0.1");

        Comparison c = DriftComparator.compare(state, live);

        assertThat(c.drifts()).containsExactly(
                new AttributeDrift("instance_type", "t3.micro", "t3.small", Severity.MEDIUM),
                new AttributeDrift("root_block_device.0.encrypted", true, false, Severity.CRITICAL),
                new AttributeDrift("tags.Environment", "production", "staging", Severity.LOW),
                new AttributeDrift("tags.Owner", null, "alpha", Severity.LOW));
        assertThat(c.ignored()).isZero();
    }

    @Test
    void ignoresIdsArnsEtagsTimestampsAndTagsAll() {
        Map<String, Object> state = Map.of("id", "i-1", "arn", "arn:a", "etag", "x", "created_at", "2024",
                "last_modified", "a", "tags_all", Map.of("a", "b"), "nested", Map.of("update_time", "1", "arn", "q"));
        Map<String, Object> live = Map.of("id", "i-2", "arn", "arn:b", "etag", "y", "created_at", "2025",
                "last_modified", "b", "tags_all", Map.of("a", "c"), "nested", Map.of("update_time", "2", "arn", "r"));
        Comparison c = DriftComparator.compare(state, live);
        assertThat(c.drifts()).isEmpty();
        assertThat(c.ignored()).isEqualTo(8);
    }

    @Test
    void emptyValuesNumbersAndSetsCompareByMeaning() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("description", "");
        state.put("allocated_storage", 20);
        state.put("multi_az", false);
        state.put("vpc_security_group_ids", List.of("sg-2", "sg-1"));
        state.put("ipv6", List.of());
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("description", null);
        live.put("allocated_storage", "20.0");
        live.put("multi_az", "false");
        live.put("vpc_security_group_ids", List.of("sg-1", "sg-2"));
        live.put("ipv6", null);
        assertThat(DriftComparator.compare(state, live).drifts()).isEmpty();

        live.put("vpc_security_group_ids", List.of("sg-1", "sg-3"));
        assertThat(DriftComparator.compare(state, live).drifts()).containsExactly(new AttributeDrift(
                "vpc_security_group_ids", List.of("sg-2", "sg-1"), List.of("sg-1", "sg-3"), Severity.HIGH));
    }

    @Test
    void policiesCompareStructurally() {
        String expected = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],"
                + "\"Resource\":[\"arn:aws:s3:::b/*\",\"arn:aws:s3:::b\"],\"Principal\":\"*\"}]}";
        String reordered = "{ \"Statement\": { \"Principal\": \"*\", \"Resource\": [\"arn:aws:s3:::b\", \"arn:aws:s3:::b/*\"],\n"
                + "  \"Action\": \"s3:GetObject\", \"Effect\": \"Allow\" }, \"Version\": \"2012-10-17\" }";
        assertThat(DriftComparator.compare(Map.of("policy", expected), Map.of("policy", reordered)).drifts()).isEmpty();

        String widened = expected.replace("s3:GetObject", "s3:*");
        assertThat(DriftComparator.compare(Map.of("policy", expected), Map.of("policy", widened)).drifts())
                .singleElement().satisfies(d -> {
                    assertThat(d.field()).isEqualTo("policy");
                    assertThat(d.severity()).isEqualTo(Severity.HIGH);
                });
    }

    @Test
    void valuesTerraformMarksSensitiveAreNotCompared() {
        String mask = io.opsledger.drift.tfstate.SensitiveValues.MASK;
        Map<String, Object> state = Map.of("password", mask, "master", Map.of("user", "admin", "token", mask), "engine", "postgres");
        Map<String, Object> live = Map.of("password", "what-aws-says", "master", Map.of("user", "root", "token", "t-1"),
                "engine", "postgres");
        assertThat(DriftComparator.compare(state, live).drifts()).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("master.user");
            assertThat(d.expected()).isEqualTo("admin");
        });
    }
}
