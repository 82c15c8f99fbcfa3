package io.opsledger.gateway.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * fabric8 clients per set of credentials, with the gateway's timeout for connecting and for every
 * request, and fabric8's failures turned into {@link PlatformCallFailed} sentences that name the
 * API server but never the credentials. Building a client costs far more than a request (its HTTP
 * client and thread pools), and a provisioning makes several calls with one provider's
 * kubeconfig, so its client is kept for {@link #IDLE} after its last use (at most {@link #KEPT}),
 * and closed once no call uses it.
 */
final class Fabric8Calls {

    static final Duration IDLE = Duration.ofMinutes(2);
    static final int KEPT = 32;

    /**
     * A client and who is using it: one evicted while a call still uses it is closed when that
     * call ends, not under it.
     */
    private static final class Kept {
        private final KubernetesClient client;
        private final String platform;
        private volatile long lastUsed = System.nanoTime();
        private int users;
        private boolean evicted;

        private Kept(KubernetesClient client, String platform) {
            this.client = client;
            this.platform = platform;
        }

        KubernetesClient client() { return client; }

        String platform() { return platform; }

        long lastUsed() { return lastUsed; }

        synchronized void acquire() {
            users++;
            lastUsed = System.nanoTime();
        }

        synchronized void release() {
            users--;
            if (evicted && users == 0) {
                client.close();
            }
        }

        synchronized void evict() {
            evicted = true;
            if (users == 0) {
                client.close();
            }
        }
    }

    private final Duration timeout;
    private final Map<KubernetesAccess, Kept> clients = new ConcurrentHashMap<>();

    Fabric8Calls(Duration timeout) {
        this.timeout = timeout;
    }

    <T> T call(KubernetesAccess access, String what, Function<KubernetesClient, T> work) {
        if (access.kubeconfig() == null) {
            // a token is one login's (OpenShift logs out after the call): its client goes with it
            Kept once = open(access);
            try {
                return run(access, once, what, work);
            } finally {
                once.client().close();
            }
        }
        Kept kept = clients.compute(access, (key, current) -> {
            Kept used = current != null ? current : open(key);
            used.acquire();
            return used;
        });
        try {
            evictIdle();
            return run(access, kept, what, work);
        } finally {
            kept.release();
        }
    }

    private <T> T run(KubernetesAccess access, Kept kept, String what, Function<KubernetesClient, T> work) {
        try {
            return work.apply(kept.client());
        } catch (PlatformCallFailed e) {
            throw e;
        } catch (KubernetesClientException e) {
            throw failure(e, kept.platform(), what, access.kubeconfig() != null ? "the kubeconfig's" : "the token's");
        } catch (RuntimeException e) {
            throw new PlatformCallFailed(CallFailures.transport(e, kept.platform(), timeout)
                    .orElse(kept.platform() + " could not " + what + ": " + e.getClass().getSimpleName()), e);
        }
    }

    private Kept open(KubernetesAccess access) {
        Config config = config(access);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.setConnectionTimeout(millis);
        config.setRequestTimeout(millis);
        // fabric8 retries up to 10 times with backoff by default: the caller's timeout would not hold
        config.setRequestRetryBackoffLimit(0);
        return new Kept(new KubernetesClientBuilder().withConfig(config).build(),
                "Kubernetes API at " + CallFailures.where(config.getMasterUrl()));
    }

    /** Closes the clients unused for {@link #IDLE}, and the least recently used beyond {@link #KEPT}. */
    private void evictIdle() {
        long now = System.nanoTime();
        clients.forEach((key, kept) -> {
            if (now - kept.lastUsed() > IDLE.toNanos() && clients.remove(key, kept)) {
                kept.evict();
            }
        });
        while (clients.size() > KEPT) {
            clients.entrySet().stream().min(java.util.Comparator.comparingLong(e -> e.getValue().lastUsed()))
                    .ifPresent(oldest -> {
                        if (clients.remove(oldest.getKey(), oldest.getValue())) {
                            oldest.getValue().evict();
                        }
                    });
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
