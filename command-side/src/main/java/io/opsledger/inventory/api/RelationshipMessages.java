package io.opsledger.inventory.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Commands and events of the Relationship aggregate (id: a UUID): a directed link between two
 * assets. (source, target, type) is unique (see InventoryClaims); relationships are never updated.
 */
public final class RelationshipMessages {
    private RelationshipMessages() {}

    public static final List<String> TYPES = List.of("DEPENDS_ON", "CONTAINS", "CONNECTS_TO", "MANAGED_BY");
    public static final String DEFAULT_TYPE = "DEPENDS_ON";

    public record CreateRelationship(@TargetAggregateIdentifier String id, String sourceAsset, String targetAsset,
                                     String relationshipType, String description) {}
    public record DeleteRelationship(@TargetAggregateIdentifier String id) {}

    public record RelationshipCreated(String id, String sourceAsset, String targetAsset, String relationshipType,
                                      String description) {}
    public record RelationshipDeleted(String id, String sourceAsset, String targetAsset, String relationshipType) {}

    /** The ids of the relationships an asset is either end of (answered by the relationship projection). */
    public record FindRelationshipIdsOfAsset(String assetId) {}

    /** The value claimed in the "inventory.relationship" scope to keep (source, target, type) unique. */
    public static String uniqueKey(String sourceAsset, String targetAsset, String relationshipType) {
        return sourceAsset + "|" + targetAsset + "|" + relationshipType;
    }
}
