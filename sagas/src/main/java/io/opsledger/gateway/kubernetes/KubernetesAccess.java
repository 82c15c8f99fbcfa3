package io.opsledger.gateway.kubernetes;

/**
 * How to reach a Kubernetes API: a kubeconfig text (its current context), or an API address and a
 * bearer token (what an OpenShift OAuth login gives).
 */
public record KubernetesAccess(String kubeconfig, String apiUrl, String token) {

    public static KubernetesAccess kubeconfig(String kubeconfig) { return new KubernetesAccess(kubeconfig, null, null); }

    public static KubernetesAccess token(String apiUrl, String token) { return new KubernetesAccess(null, apiUrl, token); }

    /** Keeps the kubeconfig and the token out of logs and exception messages. */
    @Override
    public String toString() {
        return kubeconfig != null ? "KubernetesAccess[kubeconfig]" : "KubernetesAccess[apiUrl=" + apiUrl + ", token]";
    }
}
