package io.opsledger.dbaas.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin switches a platform of the catalogue (provider-list) off or on again; every entry starts enabled. */
public final class CatalogueMessages {
    private CatalogueMessages() {}

    public static String id(Platform platform) { return "dbaas-catalogue-" + platform.number(); }

    public record ToggleCatalogueEntry(@TargetAggregateIdentifier String id, Platform platform) {}

    public record CatalogueEntryToggled(String id, Platform platform, boolean enabled) {}
}
