package io.opsledger.drift;

import io.opsledger.drift.api.DriftQueries.StateResourceView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How resources name their provider and hide secrets, without the application. */
class DriftResourcesTest {

    private static StateResourceView resource(String provider, String type) {
        return new StateResourceView("s", "b", type + ".x", null, "managed", type, "x", provider, null, "id", Map.of());
    }

    private static String provider(StateResourceView r) { return ResourceProjection.provider(r.provider(), r.type()); }

    @Test
    void providerFromTheStatesProviderAddressOrTheType() {
        assertThat(provider(resource("provider[\"registry.terraform.io/hashicorp/aws\"]", "aws_instance")))
                .isEqualTo("aws");
        assertThat(provider(resource("provider[\"registry.terraform.io/hashicorp/aws\"].west", "aws_instance")))
                .isEqualTo("aws");
        assertThat(provider(resource("provider[\"registry.terraform.io/hashicorp/google\"]", "google_compute_instance")))
                .isEqualTo("google");
        assertThat(provider(resource(null, "azurerm_resource_group"))).isEqualTo("azurerm");
    }

    @Test
    void secretsAreRedactedAtAnyDepthButTagsAndEmptyValuesStay() {
        Map<String, Object> redacted = ResourceProjection.redact(Map.of("password", "hunter22", "master_password", "",
                "tags", Map.of("token", "visible"), "connection", List.of(Map.of("private_key", "-----BEGIN", "host", "h")),
                "instance_type", "t3.micro"));
        assertThat(redacted).containsEntry("password", "********").containsEntry("master_password", "")
                .containsEntry("tags", Map.of("token", "visible")).containsEntry("instance_type", "t3.micro");
        assertThat(redacted.get("connection")).isEqualTo(List.of(Map.of("private_key", "********", "host", "h")));
    }
}
