package io.opsledger.gateway.kubernetes;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * {@link KubernetesGateway} over the fabric8 client: one short-lived client per call (the
 * kubeconfig differs from call to call), closed when the call ends.
 */
public final class Fabric8KubernetesGateway implements KubernetesGateway {

    private final Duration timeout;

    /** @param timeout how long connecting and each request may take */
    public Fabric8KubernetesGateway(Duration timeout) {
        this.timeout = timeout;
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
        Config config = Kubeconfigs.read(kubeconfig);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.setConnectionTimeout(millis);
        config.setRequestTimeout(millis);
        // fabric8 retries up to 10 times with backoff by default: the caller's timeout would not hold
        config.setRequestRetryBackoffLimit(0);
        String platform = "Kubernetes API at " + CallFailures.where(config.getMasterUrl());
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            return work.apply(client);
        } catch (KubernetesClientException e) {
            throw failure(e, platform, what);
        } catch (RuntimeException e) {
            throw new PlatformCallFailed(CallFailures.transport(e, platform, timeout)
                    .orElse(platform + " could not " + what + ": " + e.getClass().getSimpleName()), e);
        }
    }

    private PlatformCallFailed failure(KubernetesClientException e, String platform, String what) {
        String status = e.getStatus() == null || e.getStatus().getMessage() == null ? "" : ": " + e.getStatus().getMessage();
        if (e.getCode() < 100) {
            // no HTTP answer at all (fabric8 says 0 or -1)
            return new PlatformCallFailed(CallFailures.transport(e, platform, timeout)
                    .orElse(platform + " could not " + what + ": " + e.getMessage()), e);
        }
        return switch (e.getCode()) {
            case 401 -> new PlatformCallFailed(platform + " refused the kubeconfig's credentials (401)", e);
            case 403 -> new PlatformCallFailed(platform + " does not allow the kubeconfig's user to " + what
                    + " (403)" + status, e);
            default -> new PlatformCallFailed(platform + " answered " + e.getCode() + " when asked to " + what
                    + status, e);
        };
    }
}
