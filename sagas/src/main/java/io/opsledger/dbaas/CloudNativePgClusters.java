package io.opsledger.dbaas;

import io.opsledger.common.SecretCipher;
import io.opsledger.dbaas.api.ClusterMessages;
import io.opsledger.dbaas.api.ClusterMessages.ClusterRequested;
import io.opsledger.dbaas.api.ClusterMessages.ClusterResource;
import io.opsledger.dbaas.api.ClusterMessages.ClusterSpec;
import io.opsledger.dbaas.api.ClusterMessages.Connection;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.kubernetes.CloudNativePgGateway;
import io.opsledger.gateway.kubernetes.CloudNativePgGateway.PostgresCluster;
import io.opsledger.gateway.kubernetes.CloudNativePgGateway.PostgresClusterStatus;
import io.opsledger.gateway.kubernetes.KubernetesAccess;
import io.opsledger.gateway.openshift.OpenShiftGateway;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Clusters on Kubernetes and OpenShift through the CloudNativePG operator: a namespace per project
 * ({@code bitblast-p<project>}), the credentials as a basic-auth Secret, and a
 * {@code postgresql.cnpg.io/v1} Cluster of 1 or 3 instances; ready when the operator reports every
 * instance ready. OpenShift is reached through its OAuth login, a session per call.
 */
public class CloudNativePgClusters implements ClusterPlatform {

    public static final String MANAGED_BY = "opsledger";
    static final int POSTGRES_PORT = 5432;

    /** Where images and backups go: the image repository ("ghcr.io/cloudnative-pg/postgresql") and an s3:// base or "". */
    public record Settings(String imageRepository, String backupDestination) {}

    private final CloudNativePgGateway cnpg;
    private final OpenShiftGateway openShift;
    private final PlatformLogins logins;
    private final SecretCipher cipher;
    private final Settings settings;

    public CloudNativePgClusters(CloudNativePgGateway cnpg, OpenShiftGateway openShift, PlatformLogins logins,
                                 SecretCipher cipher, Settings settings) {
        this.cnpg = cnpg;
        this.openShift = openShift;
        this.logins = logins;
        this.cipher = cipher;
        this.settings = settings;
    }

    @Override
    public List<PlannedResource> plan(ClusterRequested order) {
        if (wantsObjectStoreBackup(order.spec()) && settings.backupDestination().isBlank()) {
            throw new PlatformCallFailed("backup_method " + order.spec().backupMethod().strip() + " needs the server's backup"
                    + " destination (OPSLEDGER_DBAAS_BACKUP_DESTINATION, an s3:// path)");
        }
        String namespace = namespace(order);
        String name = ClusterNames.baseName(order);
        return List.of(
                new PlannedResource(new ClusterResource(CloudNativePgGateway.NAMESPACE_KIND, namespace, ""),
                        "namespace " + namespace, 10),
                new PlannedResource(new ClusterResource(CloudNativePgGateway.SECRET_KIND, secretName(name), namespace),
                        "credentials secret " + secretName(name), 20),
                new PlannedResource(new ClusterResource(CloudNativePgGateway.CLUSTER_KIND, name, namespace),
                        "CloudNativePG cluster " + name + " with " + order.spec().type().instances() + " instance(s)", 30));
    }

    @Override
    public String create(ProviderSettings provider, ClusterRequested order, ClusterResource resource) {
        Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", MANAGED_BY, "opsledger.io/cluster", order.id());
        ClusterSpec spec = order.spec();
        withAccess(provider, access -> {
            switch (resource.kind()) {
                case CloudNativePgGateway.NAMESPACE_KIND ->
                        cnpg.ensureNamespace(access, resource.name(), Map.of("app.kubernetes.io/managed-by", MANAGED_BY));
                case CloudNativePgGateway.SECRET_KIND -> cnpg.applyBasicAuthSecret(access, resource.location(),
                        resource.name(), spec.dbUser(), cipher.decrypt(spec.dbPassword()), labels);
                case CloudNativePgGateway.CLUSTER_KIND -> cnpg.applyCluster(access, new PostgresCluster(resource.location(),
                        resource.name(), spec.type().instances(), settings.imageRepository() + ":" + spec.postgresVersion(),
                        ClusterMessages.storageSize(spec.size()), blankToNull(spec.storageClass()), ClusterNames.database(spec),
                        spec.dbUser(), secretName(resource.name()), ClusterNames.superuser(spec), backupDestination(order), labels));
                default -> throw new PlatformCallFailed("OpsLedger does not make Kubernetes " + resource.kind() + " resources");
            }
            return null;
        });
        return null;
    }

    @Override
    public Readiness readiness(ProviderSettings provider, ClusterRequested order, Map<String, String> references) {
        String namespace = namespace(order);
        String name = ClusterNames.baseName(order);
        int wanted = order.spec().type().instances();
        Optional<PostgresClusterStatus> status = withAccess(provider, access -> cnpg.clusterStatus(access, namespace, name));
        if (status.isEmpty()) {
            return Readiness.broken("The CloudNativePG cluster " + namespace + "/" + name + " has disappeared");
        }
        PostgresClusterStatus s = status.get();
        if (s.ready(wanted)) {
            return Readiness.ready(new Connection(name + "-rw." + namespace + ".svc", POSTGRES_PORT, ClusterNames.database(order.spec()),
                    order.spec().dbUser()));
        }
        if (s.broken()) {
            return Readiness.broken("CloudNativePG reports: " + s.phase() + (s.phaseReason() == null ? "" : " (" + s.phaseReason() + ")"));
        }
        int ready = Math.min(s.readyInstances(), wanted);
        return Readiness.waiting("waiting for the operator: " + ready + " of " + wanted + " instances ready"
                + (s.phase() == null ? "" : " (" + s.phase() + ")"), 40 + 59 * ready / wanted);
    }

    @Override
    public void remove(ProviderSettings provider, ClusterResource resource) {
        withAccess(provider, access -> {
            // the namespace is the project's: it goes with the last of its clusters
            if (!CloudNativePgGateway.NAMESPACE_KIND.equals(resource.kind()) || !cnpg.holdsClusters(access, resource.name())) {
                cnpg.delete(access, resource.kind(), resource.location(), resource.name());
            }
            return null;
        });
    }

    private <T> T withAccess(ProviderSettings provider, Function<KubernetesAccess, T> work) {
        if (provider.platform() == Platform.OPENSHIFT) {
            PlatformLogins.OpenShiftLogin login = logins.openShift(provider);
            return openShift.withToken(login.apiUrl(), login.username(), login.password(),
                    (api, token) -> work.apply(KubernetesAccess.token(api, token)));
        }
        return work.apply(KubernetesAccess.kubeconfig(logins.kubeconfig(provider)));
    }

    static String namespace(ClusterRequested order) { return "bitblast-p" + order.projectNumber(); }

    private static String secretName(String clusterName) { return clusterName + "-credentials"; }

    private static boolean wantsObjectStoreBackup(ClusterSpec spec) {
        return spec.backupMethod() != null && List.of("s3", "barman", "barman-cloud", "object-store")
                .contains(spec.backupMethod().strip().toLowerCase(Locale.ROOT));
    }

    private String backupDestination(ClusterRequested order) {
        if (!wantsObjectStoreBackup(order.spec())) {
            return null;
        }
        return settings.backupDestination().replaceAll("/+$", "") + "/" + namespace(order) + "/" + ClusterNames.baseName(order);
    }

    private static String blankToNull(String value) { return value == null || value.isBlank() ? null : value.strip(); }
}
