package io.opsledger.gateway.kubernetes;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * {@link KubernetesGateway} over the fabric8 client: one short-lived client per call (the
 * kubeconfig differs from call to call), closed when the call ends.
 */
public final class Fabric8KubernetesGateway implements KubernetesGateway {

    private final Fabric8Calls calls;

    /** @param timeout how long connecting and each request may take */
    public Fabric8KubernetesGateway(Duration timeout) {
        this.calls = new Fabric8Calls(timeout);
    }

    @Override
    public String check(String kubeconfig) {
        return call(kubeconfig, "read its version and namespaces", client -> {
            String version = client.getKubernetesVersion().getGitVersion();
            // the version is public on most clusters; listing shows the credentials work
            client.namespaces().list(new ListOptionsBuilder().withLimit(1L).build());
            return version;
        });
    }

    @Override
    public List<StorageClassInfo> storageClasses(String kubeconfig) {
        return call(kubeconfig, "list its storage classes", client ->
                client.storage().v1().storageClasses().list().getItems().stream()
                        .map(Fabric8KubernetesGateway::info)
                        .toList());
    }

    private static StorageClassInfo info(StorageClass sc) {
        return new StorageClassInfo(sc.getMetadata().getName(), sc.getProvisioner(), sc.getReclaimPolicy(),
                sc.getVolumeBindingMode(), sc.getAllowVolumeExpansion(), sc.getMetadata().getCreationTimestamp());
    }

    private <T> T call(String kubeconfig, String what, Function<KubernetesClient, T> work) {
        return calls.call(KubernetesAccess.kubeconfig(kubeconfig), what, work);
    }
}
