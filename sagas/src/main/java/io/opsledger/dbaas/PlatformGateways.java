package io.opsledger.dbaas;

import io.opsledger.gateway.cloudstack.CloudStackGateway;
import io.opsledger.gateway.kubernetes.KubernetesGateway;
import io.opsledger.gateway.openshift.OpenShiftGateway;
import io.opsledger.gateway.openstack.OpenStackGateway;

/** The gateways to the platforms a provider can be on. */
public record PlatformGateways(KubernetesGateway kubernetes, OpenShiftGateway openShift, OpenStackGateway openStack,
                               CloudStackGateway cloudStack) {}
