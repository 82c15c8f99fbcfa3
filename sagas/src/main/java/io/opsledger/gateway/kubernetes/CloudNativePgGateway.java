package io.opsledger.gateway.kubernetes;

import java.util.Map;
import java.util.Optional;

/**
 * Port to CloudNativePG on a Kubernetes (or OpenShift) cluster: the namespace, the credentials
 * Secret and the {@code postgresql.cnpg.io/v1} Cluster of one PostgreSQL cluster, and what the
 * operator reports about it. Creating is idempotent (a retry after a crash finds what is there);
 * deleting what is already gone succeeds. Every method throws
 * {@link io.opsledger.gateway.PlatformCallFailed} when the API cannot be reached or refuses.
 */
public interface CloudNativePgGateway {

    String CLUSTER_KIND = "postgresql.cnpg.io/Cluster";
    String SECRET_KIND = "Secret";
    String NAMESPACE_KIND = "Namespace";

    /** Creates the namespace unless it exists. */
    void ensureNamespace(KubernetesAccess access, String namespace, Map<String, String> labels);

    /** Creates or replaces a {@code kubernetes.io/basic-auth} Secret. */
    void applyBasicAuthSecret(KubernetesAccess access, String namespace, String name, String username, String password,
                              Map<String, String> labels);

    /**
     * Creates or replaces the CloudNativePG Cluster; fails, naming the cause, when the cluster has
     * no CloudNativePG (its CustomResourceDefinition is absent).
     */
    void applyCluster(KubernetesAccess access, PostgresCluster cluster);

    /** What the operator reports about the Cluster; empty when it does not exist. */
    Optional<PostgresClusterStatus> clusterStatus(KubernetesAccess access, String namespace, String name);

    /** Deletes a resource of one of the kinds above; one that is already gone is fine. */
    void delete(KubernetesAccess access, String kind, String namespace, String name);

    /** Whether the namespace still holds CloudNativePG Clusters (then it is not removed with one of them). */
    boolean holdsClusters(KubernetesAccess access, String namespace);

    /**
     * One CloudNativePG Cluster: {@code instances} 1 or 3, the PostgreSQL image, storage size and
     * class (null: the cluster's default class), the database and its owner with the credentials
     * Secret; {@code superuser} when the owner is {@code postgres} itself; {@code backupDestination}
     * (an s3:// path) for a Barman object-store backup section, or null.
     */
    record PostgresCluster(String namespace, String name, int instances, String imageName, String storageSize,
                           String storageClass, String database, String owner, String secretName, boolean superuser,
                           String backupDestination, Map<String, String> labels) {}

    /** The operator's report: instances wanted and ready, and its phase ("Cluster in healthy state"). */
    record PostgresClusterStatus(int instances, int readyInstances, String phase, String phaseReason) {

        public static final String HEALTHY = "Cluster in healthy state";

        public boolean ready(int wanted) { return readyInstances >= wanted && HEALTHY.equals(phase); }

        /** Phases from which the operator does not recover by itself. */
        public boolean broken() {
            return phase != null && (phase.contains("unrecoverable") || phase.contains("Invalid cluster definition"));
        }
    }
}
