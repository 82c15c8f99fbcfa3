package io.opsledger.inventory.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands and events of the AssetCategory aggregate (id: a UUID; names are unique). */
public final class CategoryMessages {
    private CategoryMessages() {}

    public static final String DEFAULT_ICON = "bi-box";

    public record CategoryDetails(String name, String description, String icon, String color) {}

    public record CreateCategory(@TargetAggregateIdentifier String id, CategoryDetails details) {}
    public record UpdateCategory(@TargetAggregateIdentifier String id, CategoryDetails details) {}
    public record DeleteCategory(@TargetAggregateIdentifier String id) {}

    public record CategoryCreated(String id, CategoryDetails details) {}
    public record CategoryUpdated(String id, CategoryDetails details) {}
    public record CategoryDeleted(String id) {}
}
