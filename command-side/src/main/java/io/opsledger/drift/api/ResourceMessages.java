package io.opsledger.drift.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * DriftMgr's resources (/api/v1/resources): the resources in the Terraform states joined with
 * their live attributes. A resource's id is a name-based UUID of its state and address
 * ({@link #resourceId}); an unmanaged cloud resource's of its type, region and cloud id
 * ({@link #unmanagedId}).
 *
 * <p>Tag updates are written to AWS by the sagas' tag writer, which then publishes
 * {@link ResourceTagsUpdated} (published language: the WebSocket feed maps it to resource_update).
 */
public final class ResourceMessages {
    private ResourceMessages() {}

    public static String resourceId(String stateId, String address) {
        return UUID.nameUUIDFromBytes(("tfstate:" + stateId + "/" + address).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String unmanagedId(String type, String region, String cloudId) {
        return UUID.nameUUIDFromBytes(("cloud:" + type + "/" + region + "/" + cloudId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Sets {@code tags} (adding or overwriting) and removes {@code removed} on the cloud resource.
     *
     * @param resourceType Terraform type, e.g. aws_instance
     */
    public record UpdateResourceTags(String resourceId, String resourceType, String region, String cloudId,
                                     Map<String, String> tags, List<String> removed, String requestedBy) {}

    /**
     * @param tags    the resource's tags after the update, as AWS reports them
     * @param changes the tags the update set
     */
    public record ResourceTagsUpdated(String resourceId, String resourceType, String region, String cloudId,
                                      Map<String, String> tags, Map<String, String> changes, List<String> removed,
                                      String updatedBy, Instant updatedAt) {}
}
