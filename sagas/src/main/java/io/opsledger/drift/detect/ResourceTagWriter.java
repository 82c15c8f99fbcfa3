package io.opsledger.drift.detect;

import io.opsledger.drift.api.ResourceMessages.ResourceTagsUpdated;
import io.opsledger.drift.api.ResourceMessages.UpdateResourceTags;
import io.opsledger.gateway.aws.AwsGatewayException;
import io.opsledger.gateway.aws.AwsLiveResources;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.gateway.EventGateway;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a resource's tags to AWS ({@code PUT /api/v1/resources/{id}/tags}) and, once AWS has
 * them, publishes {@link ResourceTagsUpdated} with the tags AWS now reports. Answers those tags.
 */
public class ResourceTagWriter {

    private final AwsLiveResources aws;
    private final DriftAwsAccess access;
    private final EventGateway events;

    public ResourceTagWriter(AwsLiveResources aws, DriftAwsAccess access, EventGateway events) {
        this.aws = aws;
        this.access = access;
        this.events = events;
    }

    @CommandHandler
    public Map<String, String> handle(UpdateResourceTags command) {
        var target = access.target().orElseThrow(() ->
                new AwsGatewayException("No AWS credentials are configured for drift detection.", null));
        Map<String, String> set = command.tags() == null ? Map.of() : new LinkedHashMap<>(command.tags());
        List<String> removed = command.removed() == null ? List.of() : List.copyOf(command.removed());
        Map<String, String> now = aws.writeTags(target, command.region(), command.resourceType(), command.cloudId(), set, removed);
        events.publish(new ResourceTagsUpdated(command.resourceId(), command.resourceType(), command.region(), command.cloudId(),
                now, set, removed, command.requestedBy(), Instant.now()));
        return now;
    }
}
