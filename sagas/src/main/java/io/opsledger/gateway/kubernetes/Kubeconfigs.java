package io.opsledger.gateway.kubernetes;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.opsledger.gateway.PlatformCallFailed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a kubeconfig text a user handed in, checking first what fabric8 would otherwise do
 * silently: fall back to the in-cluster address when no context is current, run an {@code exec}
 * credential plugin on this server, or read files from this server's disk.
 *
 * <p>Parser messages quote the text they choke on, and a kubeconfig holds tokens and keys, so
 * failures here say where the text is wrong but never carry the parser's message or exception.
 */
final class Kubeconfigs {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private Kubeconfigs() {
    }

    /** The client configuration of the kubeconfig's current context, without timeouts yet. */
    static Config read(String kubeconfig) {
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw new PlatformCallFailed("The kubeconfig is empty");
        }
        io.fabric8.kubernetes.api.model.Config parsed = parse(kubeconfig);
        NamedContext current = currentContext(parsed);
        Cluster cluster = named(parsed.getClusters(), current.getContext().getCluster(), NamedCluster::getName)
                .map(NamedCluster::getCluster)
                .filter(c -> c.getServer() != null && !c.getServer().isBlank())
                .orElseThrow(() -> new PlatformCallFailed("The kubeconfig's current context \"" + current.getName()
                        + "\" names no cluster with a server address"));
        named(parsed.getUsers(), current.getContext().getUser(), NamedAuthInfo::getName)
                .map(NamedAuthInfo::getUser)
                .ifPresent(Kubeconfigs::refuseLocalCredentials);
        if (cluster.getCertificateAuthority() != null) {
            throw new PlatformCallFailed("The kubeconfig's cluster refers to a certificate-authority file on disk;"
                    + " embed it as certificate-authority-data instead");
        }
        try {
            return Config.fromKubeconfig(kubeconfig);
        } catch (RuntimeException e) {
            throw new PlatformCallFailed("The kubeconfig could not be used: its context, cluster or user entries"
                    + " are incomplete (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static io.fabric8.kubernetes.api.model.Config parse(String kubeconfig) {
        Object parsed;
        try {
            parsed = YAML.unmarshal(kubeconfig, io.fabric8.kubernetes.api.model.Config.class);
        } catch (RuntimeException e) {
            throw new PlatformCallFailed("The kubeconfig is not a YAML kubeconfig (apiVersion: v1, kind: Config)"
                    + " with clusters, contexts and users");
        }
        if (!(parsed instanceof io.fabric8.kubernetes.api.model.Config config)
                || isEmpty(config.getContexts()) && isEmpty(config.getClusters())) {
            throw new PlatformCallFailed("The kubeconfig is not a YAML kubeconfig (apiVersion: v1, kind: Config)"
                    + " with clusters, contexts and users");
        }
        return config;
    }

    private static NamedContext currentContext(io.fabric8.kubernetes.api.model.Config config) {
        String name = config.getCurrentContext();
        if (name == null || name.isBlank()) {
            throw new PlatformCallFailed("The kubeconfig has no current-context; set it to the context to use");
        }
        return named(config.getContexts(), name, NamedContext::getName)
                .filter(c -> c.getContext() != null)
                .orElseThrow(() -> new PlatformCallFailed("The kubeconfig's current-context \"" + name
                        + "\" is not among its contexts"));
    }

    /** Credentials must travel inside the kubeconfig: no commands run and no files read here. */
    private static void refuseLocalCredentials(AuthInfo user) {
        if (user == null) {
            return;
        }
        if (user.getExec() != null) {
            throw new PlatformCallFailed("The kubeconfig's user gets its credentials from a command (exec), which"
                    + " this server does not run; use a token or client-certificate-data/client-key-data");
        }
        List<String> files = new ArrayList<>();
        if (user.getClientCertificate() != null) {
            files.add("client-certificate");
        }
        if (user.getClientKey() != null) {
            files.add("client-key");
        }
        if (user.getTokenFile() != null) {
            files.add("tokenFile");
        }
        if (!files.isEmpty()) {
            throw new PlatformCallFailed("The kubeconfig's user refers to files on disk (" + String.join(", ", files)
                    + "); embed them instead (client-certificate-data, client-key-data, token)");
        }
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static <T> Optional<T> named(List<T> entries, String name, java.util.function.Function<T, String> nameOf) {
        if (entries == null || name == null) {
            return Optional.empty();
        }
        return entries.stream().filter(e -> name.equals(nameOf.apply(e))).findFirst();
    }
}
