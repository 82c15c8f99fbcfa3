package io.opsledger.dbaas;

import io.opsledger.dbaas.api.ClusterMessages.ClusterRequested;
import io.opsledger.dbaas.api.ClusterMessages.ClusterResource;
import io.opsledger.dbaas.api.ClusterMessages.Connection;
import io.opsledger.dbaas.api.ProviderSettings;

import java.util.List;

/**
 * One platform's way of making a PostgreSQL cluster, step by step, so that the provisioning saga
 * can record each resource before it is made and remove exactly those on failure or teardown.
 * Every call may throw {@link io.opsledger.gateway.PlatformCallFailed} or
 * {@link PlatformLogins.MissingCredentials}; making and removing are idempotent.
 */
public interface ClusterPlatform {

    /** The resources to make, in order, each with its step's words and the percentage reached once it is made. */
    List<PlannedResource> plan(ClusterRequested order);

    /**
     * Makes the resource; answers what the platform gave to follow its making (CloudStack's async
     * job id), or null.
     */
    String create(ProviderSettings provider, ClusterRequested order, ClusterResource resource);

    /**
     * Where the made cluster stands; {@code references} holds what {@link #create} answered, by
     * resource name (it may lack some after a restart: the platform's state then tells).
     */
    Readiness readiness(ProviderSettings provider, ClusterRequested order, java.util.Map<String, String> references);

    void remove(ProviderSettings provider, ClusterResource resource);

    record PlannedResource(ClusterResource resource, String step, int percent) {}

    /**
     * {@code connection} once ready; {@code broken} with its reason when the platform gave up;
     * otherwise still on its way, with the words and percentage of where it stands.
     */
    record Readiness(Connection connection, boolean broken, String step, int percent) {
        public static Readiness ready(Connection connection) { return new Readiness(connection, false, "ready", 100); }

        public static Readiness broken(String reason) { return new Readiness(null, true, reason, 0); }

        public static Readiness waiting(String step, int percent) { return new Readiness(null, false, step, percent); }

        public boolean isReady() { return connection != null; }
    }
}
