package io.opsledger.dbaas;

import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.cloudstack.CloudStackGateway.CloudStackLogin;
import io.opsledger.gateway.cloudstack.CloudStackGateway.ComputeOffering;
import io.opsledger.gateway.kubernetes.KubernetesGateway.StorageClassInfo;
import io.opsledger.gateway.openstack.OpenStackGateway.Flavor;
import io.opsledger.gateway.openstack.OpenStackGateway.OpenStackLogin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * BitBlast's catalogue reads, live from the platform: with the caller's provider record of that
 * platform, else with the server's defaults (the original's environment variables, see
 * {@link Defaults}); with neither, {@link PlatformLogins.MissingCredentials}.
 */
public class PlatformReads {

    /** The original's environment variables; a null login means none was configured. */
    public record Defaults(CloudStackLogin cloudStack, OpenStackLogin openStack, Path kubeconfigFile) {}

    private final PlatformLogins logins;
    private final PlatformGateways gateways;
    private final Defaults defaults;

    public PlatformReads(PlatformLogins logins, PlatformGateways gateways, Defaults defaults) {
        this.logins = logins;
        this.gateways = gateways;
        this.defaults = defaults;
    }

    /** CloudStack's compute offerings; {@code provider} is the caller's CloudStack record or null. */
    public List<ComputeOffering> computeOfferings(ProviderSettings provider) {
        CloudStackLogin login = provider != null ? logins.cloudStack(provider) : defaults.cloudStack();
        if (login == null) {
            throw new PlatformLogins.MissingCredentials("No CloudStack provider is registered for you (POST /api/v1/providers/).");
        }
        return gateways.cloudStack().computeOfferings(login);
    }

    /** OpenStack's flavors; {@code provider} is the caller's OpenStack record or null. */
    public List<Flavor> flavors(ProviderSettings provider) {
        OpenStackLogin login = provider != null ? logins.openStack(provider) : defaults.openStack();
        if (login == null) {
            throw new PlatformLogins.MissingCredentials("No OpenStack provider is registered for you (POST /api/v1/providers/).");
        }
        return gateways.openStack().flavors(login);
    }

    /** The Kubernetes cluster's storage classes; {@code provider} is the caller's Kubernetes record or null. */
    public List<StorageClassInfo> kubernetesStorageClasses(ProviderSettings provider) {
        String kubeconfig = provider != null ? logins.kubeconfig(provider) : defaultKubeconfig();
        return gateways.kubernetes().storageClasses(kubeconfig);
    }

    /** The OpenShift cluster's storage class names, logging in with {@code login}. */
    public List<String> openShiftStorageClasses(PlatformLogins.OpenShiftLogin login) {
        return gateways.openShift().storageClassNames(login.apiUrl(), login.username(), login.password());
    }

    /** The OpenShift login a provider record holds. */
    public PlatformLogins.OpenShiftLogin openShiftLogin(ProviderSettings provider) {
        return logins.openShift(provider);
    }

    private String defaultKubeconfig() {
        if (defaults.kubeconfigFile() == null) {
            throw new PlatformLogins.MissingCredentials("No Kubernetes provider is registered for you (POST /api/v1/providers/).");
        }
        try {
            return Files.readString(defaults.kubeconfigFile());
        } catch (IOException e) {
            throw new PlatformCallFailed("The server's kubeconfig " + defaults.kubeconfigFile() + " cannot be read", e);
        }
    }
}
