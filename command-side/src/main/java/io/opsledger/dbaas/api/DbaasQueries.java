package io.opsledger.dbaas.api;

import io.opsledger.common.EncryptedSecret;

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

    /** A cluster by its BitBlast id, or null (torn-down clusters are gone). */
    public record FindCluster(long number) {}
    /** A cluster by its aggregate id, or null; subscribe to it for every change of its provisioning. */
    public record FindClusterById(String id) {}
    /** Clusters by id, narrowed to an owner and/or a project when those are not null. */
    public record ListClusters(String ownerId, String projectId) {}
    /** An owner's clusters of this name (one per project), or everyone's when {@code ownerId} is null. */
    public record FindClustersNamed(String ownerId, String name) {}

    /**
     * A cluster and where its provisioning stands: {@code status} is pending, running, success,
     * failed, deleting or delete_failed; {@code step} and {@code percent} the latest step;
     * {@code reason} why it failed; {@code connection} once it is ready. {@code dbPassword} is the
     * db_user's password as the request encrypted it, for the backup context to hand to Barman (the
     * same password the VM clusters' Barman roles have); it is never part of an answer.
     */
    public record ClusterView(String id, long number, String ownerId, String projectId, long projectNumber,
                              String providerId, Platform platform, String name, String type, String postgresVersion,
                              String backupMethod, String dbUser, String status, String step, int percent,
                              String reason, ClusterMessages.Connection connection, int resources,
                              Instant createdAt, Instant updatedAt, EncryptedSecret dbPassword) {
        public boolean settled() { return "success".equals(status) || "failed".equals(status) || "delete_failed".equals(status); }

        /** Whether its provisioning has succeeded: it can be connected to. */
        public boolean ready() { return "success".equals(status); }
    }
}
