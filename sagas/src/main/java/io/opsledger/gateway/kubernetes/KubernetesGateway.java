package io.opsledger.gateway.kubernetes;

import java.util.List;

/**
 * Port to a Kubernetes cluster, reached with a kubeconfig text (its current context).
 * Every method throws {@link io.opsledger.gateway.PlatformCallFailed} when the cluster cannot be
 * reached, refuses the credentials, or does not answer in time.
 */
public interface KubernetesGateway {

    /** Connects with the kubeconfig (its current context), reads the API server's version and lists namespaces (limit 1); answers the server's gitVersion. */
    String check(String kubeconfig);

    /** The cluster's storage classes. */
    List<StorageClassInfo> storageClasses(String kubeconfig);

    /** One storage class as the API server describes it; absent fields are null. */
    record StorageClassInfo(String name, String provisioner, String reclaimPolicy, String volumeBindingMode,
                            Boolean allowVolumeExpansion, String creationTimestamp) {}
}
