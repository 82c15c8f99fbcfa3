package io.opsledger.gateway.aws;

import java.util.List;

/** Lists the resources of one service type in a scope; an SDK exception fails that service type alone. */
@FunctionalInterface
interface ServiceDiscoverer {

    List<DiscoveredResource> discover(DiscoveryScope scope);
}
