package io.opsledger.drift;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.RuleViolation;
import io.opsledger.drift.api.ResourceMessages.UpdateResourceTags;
import io.opsledger.gateway.aws.AwsGatewayException;
import io.opsledger.gateway.aws.AwsLiveResources;
import org.axonframework.commandhandling.CommandExecutionException;

import java.util.List;
import java.util.Map;

/**
 * Tag updates of DriftMgr's resources: only AWS resources of the types the AWS gateway can tag,
 * and only those with a cloud id; the tag writer then writes them to AWS ({@link WriteFailed} when
 * AWS does not).
 */
public class ResourceTags {

    /** AWS did not update the tags (or could not be reached); the message is AWS's. */
    public static class WriteFailed extends RuntimeException {
        WriteFailed(RuntimeException cause) { super(cause.getMessage(), cause); }
    }

    private final Commands commands;

    public ResourceTags(Commands commands) { this.commands = commands; }

    /**
     * Sets {@code set} and removes {@code removed} on the resource; answers its tags as AWS reports them.
     *
     * @param tagTarget the id AWS tags the resource by (a database's identifier, else its cloud id)
     */
    public Map<String, String> update(Actor actor, String resourceId, String type, String provider, String region,
                                      String cloudId, String tagTarget, Map<String, String> set, List<String> removed,
                                      String requestedBy) {
        if (!AwsLiveResources.SUPPORTED_TYPES.contains(type) || !"aws".equals(provider)) {
            throw RuleViolation.invalid(null, "Tags of " + type + " resources cannot be written.");
        }
        if (cloudId == null || cloudId.isBlank()) {
            throw RuleViolation.invalid(null, "The resource has no cloud id in its state.");
        }
        try {
            return commands.send(new UpdateResourceTags(resourceId, type, region, tagTarget, set, removed, requestedBy), actor);
        } catch (AwsGatewayException | CommandExecutionException e) {
            throw new WriteFailed(e);
        }
    }
}
