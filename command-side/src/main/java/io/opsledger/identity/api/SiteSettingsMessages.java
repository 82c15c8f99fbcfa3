package io.opsledger.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public final class SiteSettingsMessages {
    private SiteSettingsMessages() {}

    /** There is one settings aggregate for the whole site. */
    public static final String SITE = "site";

    public record UpdateSiteSettings(@TargetAggregateIdentifier String settingsId, SiteSettingsValues settings) {}

    public record SiteSettingsUpdated(String settingsId, SiteSettingsValues settings) {}
}
