package io.opsledger.inventory;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.RelationshipMessages.CreateRelationship;

import java.util.Collection;
import java.util.UUID;

/** Links between assets as the bulk action makes them: a link that exists already is not made twice. */
public final class AssetLinks {
    private AssetLinks() {}

    /** How many links were made, and how many were not (a self-link, or one that exists). */
    public record Linked(int created, int skipped) {}

    /** Creates the link; false when that link exists already (its (source, target, type) is claimed). */
    public static boolean link(Commands commands, Actor actor, String source, String target, String type,
                               String description, String id) {
        try {
            commands.send(new CreateRelationship(id, source, target, type, description), actor);
            return true;
        } catch (RuleViolation refused) {
            if (InventoryClaims.isDuplicateRelationship(refused)) {
                return false;
            }
            throw refused;
        }
    }

    /** Links every one of {@code sources}, in their order, to {@code target}. */
    public static Linked linkAll(Commands commands, Actor actor, Collection<String> sources, String target, String type,
                                 String description) {
        int created = 0;
        int skipped = 0;
        for (String source : sources) {
            if (source.equals(target) || !link(commands, actor, source, target, type, description, UUID.randomUUID().toString())) {
                skipped++;
            } else {
                created++;
            }
        }
        return new Linked(created, skipped);
    }
}
