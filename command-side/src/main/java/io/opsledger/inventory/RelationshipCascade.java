package io.opsledger.inventory;

import io.opsledger.common.Queries;
import io.opsledger.inventory.api.AssetMessages.AssetDeleted;
import io.opsledger.inventory.api.RelationshipMessages.DeleteRelationship;
import io.opsledger.inventory.api.RelationshipMessages.FindRelationshipIdsOfAsset;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Deleting an asset deletes the relationships it is either end of (the original's cascading foreign
 * keys). A subscribing group: the deletes happen in the asset deletion's own unit of work, so they
 * are stored with it or not at all, and its answer waits for them (read-your-writes).
 */
@Component
@ProcessingGroup(RelationshipCascade.GROUP)
public class RelationshipCascade {

    public static final String GROUP = "inventory.cascade";

    private final CommandGateway commands;
    private final Queries queries;

    public RelationshipCascade(CommandGateway commands, Queries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @EventHandler
    void on(AssetDeleted event) {
        for (String link : queries.list(new FindRelationshipIdsOfAsset(event.id()), String.class)) {
            commands.sendAndWait(new DeleteRelationship(link));
        }
    }
}
