package io.opsledger.gateway.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;

import java.time.Duration;
import java.util.function.Function;

/**
 * One short-lived fabric8 client per call (the credentials differ from call to call), with the
 * gateway's timeout for connecting and for every request, and fabric8's failures turned into
 * {@link PlatformCallFailed} sentences that name the API server but never the credentials.
 */
final class Fabric8Calls {

    private final Duration timeout;

    Fabric8Calls(Duration timeout) {
        this.timeout = timeout;
    }

    <T> T call(KubernetesAccess access, String what, Function<KubernetesClient, T> work) {
        Config config = config(access);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.setConnectionTimeout(millis);
        config.setRequestTimeout(millis);
        // fabric8 retries up to 10 times with backoff by default: the caller's timeout would not hold
        config.setRequestRetryBackoffLimit(0);
        String platform = "Kubernetes API at " + CallFailures.where(config.getMasterUrl());
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            return work.apply(client);
        } catch (PlatformCallFailed e) {
            throw e;
        } catch (KubernetesClientException e) {
            throw failure(e, platform, what, access.kubeconfig() != null ? "the kubeconfig's" : "the token's");
        } catch (RuntimeException e) {
            throw new PlatformCallFailed(CallFailures.transport(e, platform, timeout)
                    .orElse(platform + " could not " + what + ": " + e.getClass().getSimpleName()), e);
        }
    }

    private static Config config(KubernetesAccess access) {
        if (access.kubeconfig() != null) {
            return Kubeconfigs.read(access.kubeconfig());
        }
        if (access.apiUrl() == null || access.apiUrl().isBlank() || access.token() == null || access.token().isBlank()) {
            throw new PlatformCallFailed("The Kubernetes API address and token are required");
        }
        return new ConfigBuilder(Config.empty()).withMasterUrl(access.apiUrl().strip()).withOauthToken(access.token())
                .build();
    }

    private PlatformCallFailed failure(KubernetesClientException e, String platform, String what, String whose) {
        String status = e.getStatus() == null || e.getStatus().getMessage() == null ? "" : ": " + e.getStatus().getMessage();
        if (e.getCode() < 100) {
            // no HTTP answer at all (fabric8 says 0 or -1)
            return new PlatformCallFailed(CallFailures.transport(e, platform, timeout)
                    .orElse(platform + " could not " + what + ": " + e.getMessage()), e);
        }
        return switch (e.getCode()) {
            case 401 -> new PlatformCallFailed(platform + " refused " + whose + " credentials (401)", e);
            case 403 -> new PlatformCallFailed(platform + " does not allow " + whose + " user to " + what + " (403)" + status, e);
            default -> new PlatformCallFailed(platform + " answered " + e.getCode() + " when asked to " + what + status, e);
        };
    }
}
