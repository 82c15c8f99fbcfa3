package io.opsledger.dbaas.api;


import java.time.Instant;

/** Queries and views of the dbaas context's read models. */
public final class DbaasQueries {
    private DbaasQueries() {}

    /** A provider by its BitBlast id. */
    public record FindProvider(long number) {}
    /** A provider by its aggregate id. */
    public record FindProviderById(String id) {}
    /** A user's provider of this name (any case), or null. */
    public record FindOwnProvider(String ownerId, String providerName) {}
    /** A user's providers, or everyone's when {@code ownerId} is null, by id. */
    public record ListProviders(String ownerId) {}

    /**
     * A provider with its credentials still encrypted; {@code connected} is null until the first
     * check has been recorded.
     */
    public record ProviderView(String id, long number, String ownerId, ProviderSettings settings, Boolean connected,
                               String connectionDetail, Instant checkedAt, Instant createdAt, Instant updatedAt) {
        public boolean isConnected() { return Boolean.TRUE.equals(connected); }
    }

    /** Every platform of the catalogue, in catalogue order. */
    public record ListCatalogue() {}
    public record CatalogueView(Platform platform, boolean enabled) {}

    /** A project by its BitBlast id. */
    public record FindProject(long number) {}
    /** A user's projects, or everyone's when {@code ownerId} is null, by id. */
    public record ListProjects(String ownerId) {}
    public record ProjectView(String id, long number, String ownerId, String name, Instant createdAt, Instant updatedAt) {}
}
