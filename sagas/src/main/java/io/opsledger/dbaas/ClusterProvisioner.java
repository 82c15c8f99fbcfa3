package io.opsledger.dbaas;

import io.opsledger.common.Queries;
import io.opsledger.dbaas.api.ClusterMessages.ClusterRequested;
import io.opsledger.dbaas.api.ClusterMessages.ClusterResource;
import io.opsledger.dbaas.api.DbaasQueries.FindProviderById;
import io.opsledger.dbaas.api.DbaasQueries.ProviderView;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.PlatformCallFailed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the provisioning saga asks of the platforms: the platform of the cluster's provider (with
 * that provider record's current credentials), and how long it waits between readiness checks
 * and in all.
 */
public class ClusterProvisioner {

    /** {@code checkInterval}: between two readiness checks; {@code timeout}: for the whole provisioning. */
    public record Timing(Duration checkInterval, Duration timeout) {}

    private final Map<Platform, ClusterPlatform> platforms;
    private final Function<String, ProviderView> providers;
    private final Timing timing;

    /** @param providers a provider record by its aggregate id, or null */
    public ClusterProvisioner(Map<Platform, ClusterPlatform> platforms, Function<String, ProviderView> providers,
                              Timing timing) {
        this.platforms = Map.copyOf(platforms);
        this.providers = providers;
        this.timing = timing;
    }

    /** The provider records, read from the dbaas read model. */
    public static Function<String, ProviderView> providersIn(Queries queries) {
        return id -> queries.one(new FindProviderById(id), ProviderView.class);
    }

    public Timing timing() { return timing; }

    /** Whether OpsLedger can provision clusters on this platform. */
    public boolean provisions(Platform platform) { return platform != null && platforms.containsKey(platform); }

    public List<ClusterPlatform.PlannedResource> plan(ClusterRequested order) {
        return platform(order.platform()).plan(order);
    }

    /** Makes the resource; answers the platform's reference to follow it, or null. */
    public String create(ClusterRequested order, ClusterResource resource) {
        return platform(order.platform()).create(provider(order.providerId()), order, resource);
    }

    public ClusterPlatform.Readiness readiness(ClusterRequested order, Map<String, String> references) {
        return platform(order.platform()).readiness(provider(order.providerId()), order, references);
    }

    public void remove(String providerId, Platform platform, ClusterResource resource) {
        platform(platform).remove(provider(providerId), resource);
    }

    private ClusterPlatform platform(Platform platform) {
        ClusterPlatform found = platform == null ? null : platforms.get(platform);
        if (found == null) {
            throw new PlatformCallFailed("OpsLedger cannot provision clusters on " + (platform == null ? "this provider"
                    : platform.displayName()) + " yet");
        }
        return found;
    }

    private ProviderSettings provider(String providerId) {
        ProviderView provider = providers.apply(providerId);
        if (provider == null) {
            throw new PlatformCallFailed("The cluster's provider record no longer exists");
        }
        return provider.settings();
    }
}
