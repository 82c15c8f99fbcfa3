package io.opsledger.drift.detect;

import io.opsledger.drift.api.ResourceMessages;

import java.util.Map;

/**
 * A resource instance in a Terraform state, as drift detection needs it.
 *
 * @param address  e.g. aws_instance.web or aws_instance.web[0]
 * @param mode     managed or data
 * @param cloudId  {@code attributes.id} as text, or null
 */
public record TrackedResource(String stateId, String backendId, String address, String mode, String type, String name,
                              String provider, String cloudId, Map<String, Object> attributes) {

    /** Its /resources id. */
    public String resourceId() { return ResourceMessages.resourceId(stateId, address); }

    public boolean managed() { return !"data".equals(mode); }
}
