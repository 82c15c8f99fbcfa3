package io.opsledger.dbaas.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Commands and events of the Provider aggregate: one user's credentials for one platform (id
 * {@link #id}; BitBlast's integer id is its number). The result of each connection check is an
 * event of its own, so when a provider was reachable is in its history.
 */
public final class ProviderMessages {
    private ProviderMessages() {}

    public static String id(long number) { return "dbaas-provider-" + number; }

    public record RegisterProvider(@TargetAggregateIdentifier String id, long number, String ownerId, ProviderSettings settings) {}
    public record UpdateProvider(@TargetAggregateIdentifier String id, String ownerId, ProviderSettings settings) {}
    /** What a check through the platform's gateway found with the provider's current credentials. */
    public record RecordProviderConnection(@TargetAggregateIdentifier String id, boolean connected, String detail, Instant checkedAt) {}

    public record ProviderRegistered(String id, long number, String ownerId, ProviderSettings settings) {}
    public record ProviderUpdated(String id, String ownerId, ProviderSettings settings) {}
    public record ProviderConnectionChecked(String id, boolean connected, String detail, Instant checkedAt) {}
}
