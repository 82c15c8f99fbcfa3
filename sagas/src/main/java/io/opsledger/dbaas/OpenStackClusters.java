package io.opsledger.dbaas;

import io.opsledger.common.SecretCipher;
import io.opsledger.dbaas.api.ClusterMessages.ClusterRequested;
import io.opsledger.dbaas.api.ClusterMessages.ClusterResource;
import io.opsledger.dbaas.api.ClusterMessages.ClusterSpec;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.openstack.OpenStackGateway;
import io.opsledger.gateway.openstack.OpenStackGateway.OpenStackLogin;
import io.opsledger.gateway.openstack.OpenStackGateway.ServerSpec;
import io.opsledger.gateway.openstack.OpenStackGateway.ServerState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clusters on OpenStack: a security group opening the PostgreSQL port to the allowed network, and
 * per instance a Cinder volume for the data and a Nova server from the flavor and the configured
 * image whose cloud-init installs PostgreSQL ({@link PostgresCloudInit}). Multiple: the first
 * server is the primary, two more stream from it. Ready when every server is ACTIVE and its port
 * answers. Resources are found by name, so a retry makes nothing twice and removal finds them.
 */
public class OpenStackClusters implements ClusterPlatform {

    static final String SECURITY_GROUP = "openstack/security-group";
    static final String VOLUME = "openstack/volume";
    static final String SERVER = "openstack/server";


    private final OpenStackGateway openStack;
    private final PlatformLogins logins;
    private final SecretCipher cipher;
    private final String imageId;
    private final PostgresNetwork network;

    /** @param imageId the Debian or Ubuntu image servers boot from */
    public OpenStackClusters(OpenStackGateway openStack, PlatformLogins logins, SecretCipher cipher, String imageId,
                             PostgresNetwork network) {
        this.openStack = openStack;
        this.logins = logins;
        this.cipher = cipher;
        this.imageId = imageId;
        this.network = network;
    }

    @Override
    public List<PlannedResource> plan(ClusterRequested order) {
        if (blank(order.spec().flavorId())) {
            throw new PlatformCallFailed("flavor_id is required for OpenStack clusters");
        }
        if (blank(imageId)) {
            throw new PlatformCallFailed("The server has no OpenStack image for PostgreSQL servers"
                    + " (OPSLEDGER_DBAAS_OPENSTACK_IMAGE)");
        }
        String base = ClusterNames.baseName(order);
        int instances = order.spec().type().instances();
        List<PlannedResource> plan = new ArrayList<>();
        plan.add(new PlannedResource(new ClusterResource(SECURITY_GROUP, base + "-sg", ""),
                "security group " + base + "-sg (TCP " + network.port() + " from " + network.allowedCidr() + ")", 10));
        for (int i = 1; i <= instances; i++) {
            int step = 10 + 30 * i / instances;
            plan.add(new PlannedResource(new ClusterResource(VOLUME, ClusterNames.dataVolume(base, i), ""),
                    "data volume " + ClusterNames.dataVolume(base, i), step - 5));
            plan.add(new PlannedResource(new ClusterResource(SERVER, ClusterNames.server(base, i), ""),
                    (i == 1 ? "primary" : "replica") + " server " + ClusterNames.server(base, i), step));
        }
        return plan;
    }

    @Override
    public String create(ProviderSettings provider, ClusterRequested order, ClusterResource resource) {
        OpenStackLogin login = logins.openStack(provider);
        ClusterSpec spec = order.spec();
        String base = ClusterNames.baseName(order);
        switch (resource.kind()) {
            case SECURITY_GROUP -> openStack.ensureSecurityGroup(login, resource.name(), network.port(),
                    network.allowedCidr());
            case VOLUME -> openStack.ensureVolume(login, resource.name(), ClusterNames.sizeGb(spec.size()));
            case SERVER -> {
                int index = ClusterNames.index(resource.name());
                String volumeId = openStack.volumeId(login, ClusterNames.dataVolume(base, index))
                        .orElseThrow(() -> new PlatformCallFailed("The data volume of " + resource.name() + " is gone"));
                String userData = PostgresServers.userData(index, spec, cipher.decrypt(spec.dbPassword()),
                        () -> primaryAddress(login, base), network);
                openStack.ensureServer(login, new ServerSpec(resource.name(), spec.flavorId().strip(), imageId,
                        base + "-sg", volumeId, userData, Map.of("opsledger-cluster", order.id())));
            }
            default -> throw new PlatformCallFailed("OpsLedger does not make OpenStack " + resource.kind() + " resources");
        }
        return null;
    }

    @Override
    public Readiness readiness(ProviderSettings provider, ClusterRequested order, Map<String, String> references) {
        OpenStackLogin login = logins.openStack(provider);
        return PostgresServers.readiness(order, network, "servers", name -> openStack.serverId(login, name)
                .flatMap(id -> openStack.server(login, id))
                .map(s -> new PostgresServers.Machine("ACTIVE".equalsIgnoreCase(s.status()), s.address(),
                        "ERROR".equalsIgnoreCase(s.status())
                                ? "OpenStack server " + name + " is in ERROR" + (s.fault() == null ? "" : ": " + s.fault())
                                : null)));
    }

    @Override
    public void remove(ProviderSettings provider, ClusterResource resource) {
        OpenStackLogin login = logins.openStack(provider);
        switch (resource.kind()) {
            case SERVER -> openStack.serverId(login, resource.name()).ifPresent(id -> openStack.deleteServer(login, id));
            case VOLUME -> openStack.volumeId(login, resource.name()).ifPresent(id -> openStack.deleteVolume(login, id));
            case SECURITY_GROUP -> openStack.securityGroupId(login, resource.name())
                    .ifPresent(id -> openStack.deleteSecurityGroup(login, id));
            default -> throw new PlatformCallFailed("OpsLedger does not remove OpenStack " + resource.kind() + " resources");
        }
    }

    private String primaryAddress(OpenStackLogin login, String base) {
        String primary = ClusterNames.server(base, 1);
        return openStack.serverId(login, primary).flatMap(id -> openStack.server(login, id))
                .map(ServerState::address).filter(a -> !blank(a))
                .orElseThrow(() -> new StepNotReady("the replicas wait for the primary " + primary + " to have an address"));
    }

    private static boolean blank(String value) { return value == null || value.isBlank(); }
}
