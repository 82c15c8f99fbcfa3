package io.opsledger.inventory;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.CategoryMessages;
import io.opsledger.inventory.api.CategoryMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/** A category assets are filed under. Its name is unique: claimed before the command ({@link InventoryClaims}). */
@Aggregate(cache = AggregateCache.NAME)
public class AssetCategory {

    static final int MAX_NAME = 100;
    static final int MAX_ICON = 50;
    static final int MAX_COLOR = 20;
    public static final String DEFAULT_COLOR = "#6c757d";

    @AggregateIdentifier
    private String id;

    protected AssetCategory() {}

    @CommandHandler
    public AssetCategory(CreateCategory command) {
        apply(new CategoryCreated(command.id(), checked(command.details())));
    }

    @CommandHandler
    public void handle(UpdateCategory command) {
        apply(new CategoryUpdated(id, checked(command.details())));
    }

    @CommandHandler
    public void handle(DeleteCategory command) {
        apply(new CategoryDeleted(id));
    }

    @EventSourcingHandler
    void on(CategoryCreated event) { id = event.id(); }

    @EventSourcingHandler
    void on(CategoryDeleted event) { markDeleted(); }

    static CategoryDetails checked(CategoryDetails d) {
        if (d.name() == null || d.name().isBlank()) {
            throw RuleViolation.invalid("name", "This field is required.");
        }
        if (d.name().length() > MAX_NAME) {
            throw RuleViolation.invalid("name", "Ensure this field has no more than " + MAX_NAME + " characters.");
        }
        String icon = d.icon() == null || d.icon().isBlank() ? CategoryMessages.DEFAULT_ICON : d.icon();
        if (icon.length() > MAX_ICON) {
            throw RuleViolation.invalid("icon", "Ensure this field has no more than " + MAX_ICON + " characters.");
        }
        String color = d.color() == null || d.color().isBlank() ? DEFAULT_COLOR : d.color();
        if (color.length() > MAX_COLOR) {
            throw RuleViolation.invalid("color", "Ensure this field has no more than " + MAX_COLOR + " characters.");
        }
        return new CategoryDetails(d.name(), d.description() == null ? "" : d.description(), icon, color);
    }
}
