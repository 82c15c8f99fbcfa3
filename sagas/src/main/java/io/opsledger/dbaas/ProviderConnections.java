package io.opsledger.dbaas;

import io.opsledger.dbaas.api.Platform;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.PlatformCallFailed;

/**
 * Whether OpsLedger can reach a provider with its stored credentials, asked through the platform's
 * gateway (see {@link PlatformLogins} for which fields each platform uses). The credentials are
 * decrypted here, for the call only.
 */
public class ProviderConnections {

    /** What the check found; a refusal by the platform is a finding, not an error. */
    public record Result(boolean connected, String detail) {}

    private final PlatformLogins logins;
    private final PlatformGateways gateways;

    public ProviderConnections(PlatformLogins logins, PlatformGateways gateways) {
        this.logins = logins;
        this.gateways = gateways;
    }

    public Result check(ProviderSettings settings) {
        Platform platform = settings.platform();
        if (platform == null) {
            return new Result(false, "\"" + settings.providerName() + "\" is not a platform of the catalogue.");
        }
        try {
            return switch (platform) {
                case KUBERNETES -> new Result(true, "Kubernetes " + gateways.kubernetes().check(logins.kubeconfig(settings)));
                case OPENSHIFT -> {
                    PlatformLogins.OpenShiftLogin login = logins.openShift(settings);
                    yield new Result(true, "OpenShift " + gateways.openShift().check(login.apiUrl(), login.username(), login.password()));
                }
                case OPENSTACK -> new Result(true, "OpenStack project " + gateways.openStack().check(logins.openStack(settings)));
                case CLOUDSTACK -> new Result(true, "CloudStack zones: " + String.join(", ", gateways.cloudStack().zones(logins.cloudStack(settings))));
                case HARVESTER, NUTANIX, VMWARE -> new Result(false, platform.displayName() + " providers cannot be checked by OpsLedger yet.");
            };
        } catch (PlatformCallFailed | PlatformLogins.MissingCredentials e) {
            return new Result(false, e.getMessage());
        }
    }
}
