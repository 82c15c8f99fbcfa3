package io.opsledger.dbaas;

import io.opsledger.common.SecretCipher;
import io.opsledger.dbaas.api.ClusterMessages.ClusterRequested;
import io.opsledger.dbaas.api.ClusterMessages.ClusterResource;
import io.opsledger.dbaas.api.ClusterMessages.ClusterSpec;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.cloudstack.CloudStackGateway;
import io.opsledger.gateway.cloudstack.CloudStackGateway.AsyncJob;
import io.opsledger.gateway.cloudstack.CloudStackGateway.CloudStackLogin;
import io.opsledger.gateway.cloudstack.CloudStackGateway.VirtualMachine;
import io.opsledger.gateway.cloudstack.CloudStackGateway.VmSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Clusters on CloudStack: per instance a virtual machine deployed from the configured template
 * with the request's compute offering (computeOffering) and data disk offering (storageOffering),
 * whose cloud-init installs PostgreSQL ({@link PostgresCloudInit}); Multiple: the first is the
 * primary, two more stream from it. CloudStack runs the deployments as async jobs; readiness
 * follows each job, then each machine's state until it is Running and PostgreSQL's port answers. Machines are
 * found by name, so a retry deploys nothing twice and removal finds them.
 */
public class CloudStackClusters implements ClusterPlatform {

    static final String VIRTUAL_MACHINE = "cloudstack/virtual-machine";

    private final CloudStackGateway cloudStack;
    private final PlatformLogins logins;
    private final SecretCipher cipher;
    private final String templateId;
    private final String zone;
    private final PostgresNetwork network;

    /**
     * @param templateId the Debian or Ubuntu template machines are deployed from
     * @param zone the zone's name or id; blank: the first available zone
     */
    public CloudStackClusters(CloudStackGateway cloudStack, PlatformLogins logins, SecretCipher cipher, String templateId,
                              String zone, PostgresNetwork network) {
        this.cloudStack = cloudStack;
        this.logins = logins;
        this.cipher = cipher;
        this.templateId = templateId;
        this.zone = zone;
        this.network = network;
    }

    @Override
    public List<PlannedResource> plan(ClusterRequested order) {
        if (blank(order.spec().computeOffering())) {
            throw new PlatformCallFailed("computeOffering is required for CloudStack clusters");
        }
        if (blank(templateId)) {
            throw new PlatformCallFailed("The server has no CloudStack template for PostgreSQL machines"
                    + " (OPSLEDGER_DBAAS_CLOUDSTACK_TEMPLATE)");
        }
        String base = ClusterNames.baseName(order);
        int instances = order.spec().type().instances();
        List<PlannedResource> plan = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            plan.add(new PlannedResource(new ClusterResource(VIRTUAL_MACHINE, ClusterNames.server(base, i), ""),
                    (i == 1 ? "primary" : "replica") + " virtual machine " + ClusterNames.server(base, i), 10 + 30 * i / instances));
        }
        return plan;
    }

    @Override
    public String create(ProviderSettings provider, ClusterRequested order, ClusterResource resource) {
        if (!VIRTUAL_MACHINE.equals(resource.kind())) {
            throw new PlatformCallFailed("OpsLedger does not make CloudStack " + resource.kind() + " resources");
        }
        CloudStackLogin login = logins.cloudStack(provider);
        ClusterSpec spec = order.spec();
        int index = ClusterNames.index(resource.name());
        String userData = PostgresServers.userData(index, spec, cipher.decrypt(spec.dbPassword()),
                () -> primaryAddress(login, ClusterNames.server(ClusterNames.baseName(order), 1)), network);
        String diskOffering = blank(spec.storageOffering()) ? null : cloudStack.diskOfferingId(login, spec.storageOffering().strip());
        return cloudStack.deployVirtualMachine(login, new VmSpec(resource.name(), cloudStack.zoneId(login, zone),
                cloudStack.serviceOfferingId(login, spec.computeOffering().strip()), templateId, diskOffering, userData)).jobId();
    }

    /**
     * Follows each machine's deployment job (queryAsyncJobResult) while it runs, so a failed
     * deployment fails with CloudStack's reason; then the machine's state and PostgreSQL's port.
     */
    @Override
    public Readiness readiness(ProviderSettings provider, ClusterRequested order, Map<String, String> references) {
        CloudStackLogin login = logins.cloudStack(provider);
        return PostgresServers.readiness(order, network, "machines", name -> {
            String job = references.get(name);
            if (job != null) {
                AsyncJob deployment = cloudStack.asyncJob(login, job);
                if (deployment.failed()) {
                    return Optional.of(new PostgresServers.Machine(false, null, "CloudStack could not deploy " + name
                            + ": " + deployment.errorText()));
                }
                if (deployment.pending()) {
                    return Optional.of(new PostgresServers.Machine(false, null, null));
                }
            }
            return cloudStack.virtualMachineNamed(login, name)
                    .map(m -> new PostgresServers.Machine("Running".equalsIgnoreCase(m.state()), m.address(),
                            "Error".equalsIgnoreCase(m.state()) ? "CloudStack reports virtual machine " + name + " in state Error"
                                    : null));
        });
    }

    @Override
    public void remove(ProviderSettings provider, ClusterResource resource) {
        CloudStackLogin login = logins.cloudStack(provider);
        cloudStack.virtualMachineNamed(login, resource.name()).ifPresent(vm -> cloudStack.destroyVirtualMachine(login, vm.id()));
    }

    private String primaryAddress(CloudStackLogin login, String primary) {
        return cloudStack.virtualMachineNamed(login, primary).map(VirtualMachine::address).filter(a -> !blank(a))
                .orElseThrow(() -> new StepNotReady("the replicas wait for the primary " + primary + " to have an address"));
    }

    private static boolean blank(String value) { return value == null || value.isBlank(); }
}
