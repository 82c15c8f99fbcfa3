package io.opsledger.gateway.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Walks the asked service types through their family's discoverer (compute, data, network,
 * messaging, security), one region at a time; see {@link AwsGateway#discover} for the rules.
 */
final class ResourceDiscovery {

    private static final Logger log = LoggerFactory.getLogger(ResourceDiscovery.class);

    /** Every service type's discoverer; a type missing here is reported as unknown. */
    private static final Map<String, ServiceDiscoverer> DISCOVERERS = byType(ComputeDiscovery.BY_TYPE,
            DataDiscovery.BY_TYPE, NetworkDiscovery.BY_TYPE, MessagingDiscovery.BY_TYPE, SecurityDiscovery.BY_TYPE);

    private final AwsClients clients;

    ResourceDiscovery(AwsClients clients) {
        this.clients = clients;
    }

    /**
     * @param homeRegion whether {@code region} is the account's home region, the one where global
     *                   services are discovered
     */
    List<DiscoveredResource> discover(AwsCredentialsProvider credentials, String region, boolean homeRegion,
                                      Set<String> serviceTypes, DiscoveryProgress progress) {
        // the gateway's own order first, so results and progress read the same on every run
        Set<String> wanted = new LinkedHashSet<>();
        AwsGateway.SERVICE_TYPES.stream().filter(serviceTypes::contains).forEach(wanted::add);
        wanted.addAll(serviceTypes);
        DiscoveryScope scope = new DiscoveryScope(clients, credentials, region);
        List<DiscoveredResource> all = new ArrayList<>();
        for (String type : wanted) {
            if (AwsGateway.GLOBAL_SERVICE_TYPES.contains(type) && !homeRegion) {
                continue;
            }
            ServiceDiscoverer discoverer = DISCOVERERS.get(type);
            if (discoverer == null) {
                progress.failed(type, region, "unknown service type " + type);
                continue;
            }
            List<DiscoveredResource> found;
            try {
                found = discoverer.discover(scope);
            } catch (RuntimeException e) {
                // one service refused (access denied, not offered in the region...): the others still count
                String message = e instanceof SdkException sdk ? AwsClients.describe(sdk) : e.toString();
                log.warn("AWS discovery of {} in {} failed: {}", type, region, message);
                progress.failed(type, region, message);
                continue;
            }
            all.addAll(found);
            progress.discovered(type, region, found.size());
        }
        return all;
    }

    @SafeVarargs
    private static Map<String, ServiceDiscoverer> byType(Map<String, ServiceDiscoverer>... families) {
        Map<String, ServiceDiscoverer> all = new HashMap<>();
        for (Map<String, ServiceDiscoverer> family : families) {
            family.forEach((type, discoverer) -> {
                if (all.put(type, discoverer) != null) {
                    throw new IllegalStateException("two discoverers for " + type);
                }
            });
        }
        return Map.copyOf(all);
    }
}
