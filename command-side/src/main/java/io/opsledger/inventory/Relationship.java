package io.opsledger.inventory;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.RelationshipMessages;
import io.opsledger.inventory.api.RelationshipMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/** A directed link between two assets (one depends on, contains, connects to or is managed by the other). */
@Aggregate(cache = AggregateCache.NAME)
public class Relationship {

    public static final String SELF_LINK = "An asset cannot have a relationship with itself.";

    @AggregateIdentifier
    private String relationshipId;
    private String sourceAsset;
    private String targetAsset;
    private String relationshipType;

    protected Relationship() {}

    @CommandHandler
    public Relationship(CreateRelationship command) {
        require("source_asset", command.sourceAsset());
        require("target_asset", command.targetAsset());
        require("relationship_type", command.relationshipType());
        if (!RelationshipMessages.TYPES.contains(command.relationshipType())) {
            throw RuleViolation.invalid("relationship_type", "\"" + command.relationshipType() + "\" is not a valid choice.");
        }
        if (command.sourceAsset().equals(command.targetAsset())) {
            throw RuleViolation.invalid("non_field_errors", SELF_LINK);
        }
        apply(new RelationshipCreated(command.id(), command.sourceAsset(), command.targetAsset(), command.relationshipType(),
                command.description() == null ? "" : command.description()));
    }

    @CommandHandler
    public void handle(DeleteRelationship command) {
        apply(new RelationshipDeleted(relationshipId, sourceAsset, targetAsset, relationshipType));
    }

    @EventSourcingHandler
    void on(RelationshipCreated event) {
        relationshipId = event.id();
        sourceAsset = event.sourceAsset();
        targetAsset = event.targetAsset();
        relationshipType = event.relationshipType();
    }

    @EventSourcingHandler
    void on(RelationshipDeleted event) { markDeleted(); }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.invalid(field, "This field is required.");
        }
    }
}
