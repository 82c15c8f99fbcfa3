package io.opsledger.dbaas.api;

import io.opsledger.common.EncryptedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Locale;

/**
 * Commands and events of the Cluster aggregate: a PostgreSQL cluster asked for on a provider, the
 * outside resources made for it (each recorded before it is made, so that a teardown knows what
 * to remove even after a crash), its progress, and its teardown. BitBlast's integer id is its number.
 */
public final class ClusterMessages {
    private ClusterMessages() {}

    public static String id(long number) { return "dbaas-cluster-" + number; }

    /** The storage a size asks for: a Kubernetes quantity (20Gi, 500Mi), or small, medium, large; blank: 10Gi. */
    public static String storageSize(String size) {
        if (size == null || size.isBlank()) {
            return "10Gi";
        }
        String s = size.strip();
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "small" -> "5Gi";
            case "medium" -> "20Gi";
            case "large" -> "100Gi";
            default -> s.matches("[1-9][0-9]{0,5}(Mi|Gi|Ti|M|G|T)") ? s : null;
        };
    }

    /** Standalone: one instance; Multiple: a primary and two streaming replicas. */
    public enum ClusterType {
        STANDALONE("Standalone", 1), MULTIPLE("Multiple", 3);

        private final String displayName;
        private final int instances;

        ClusterType(String displayName, int instances) {
            this.displayName = displayName;
            this.instances = instances;
        }

        public String displayName() { return displayName; }

        public int instances() { return instances; }

        /** The type a cluster_type names, in any case, or null. */
        public static ClusterType named(String name) {
            if (name == null) {
                return null;
            }
            for (ClusterType type : values()) {
                if (type.displayName.toLowerCase(Locale.ROOT).equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return type;
                }
            }
            return null;
        }
    }

    /**
     * What was asked for. {@code size}, {@code storageClass}, {@code flavorId}, {@code computeOffering},
     * {@code storageOffering} and {@code mountPoint} are platform specific and may be null.
     */
    public record ClusterSpec(String name, ClusterType type, String postgresVersion, String backupMethod, String dbUser,
                              EncryptedSecret dbPassword, String storageClass, String size, String flavorId,
                              String computeOffering, String storageOffering, String mountPoint) {}

    /**
     * One outside resource made for a cluster: its kind as the platform names it
     * ("Secret", "postgresql.cnpg.io/Cluster", "nova/server"), its name or id, and where it lives
     * (a namespace, a region or zone; may be empty).
     */
    public record ClusterResource(String kind, String name, String location) {}

    /** How to connect, never the password. */
    public record Connection(String host, int port, String database, String user) {}

    public record RequestCluster(@TargetAggregateIdentifier String id, long number, String ownerId, String projectId,
                                 long projectNumber, String providerId, Platform platform, ClusterSpec spec) {}
    public record RecordClusterResource(@TargetAggregateIdentifier String id, ClusterResource resource, String step,
                                        int percent) {}
    public record RecordClusterProgress(@TargetAggregateIdentifier String id, String step, int percent) {}
    public record MarkClusterReady(@TargetAggregateIdentifier String id, Connection connection) {}
    public record FailClusterProvisioning(@TargetAggregateIdentifier String id, String reason) {}
    /** {@code ownerId} null: asked by an admin for anyone's cluster. */
    public record RequestClusterTeardown(@TargetAggregateIdentifier String id, String ownerId) {}
    public record RecordClusterResourceRemoved(@TargetAggregateIdentifier String id, ClusterResource resource) {}
    public record CompleteClusterTeardown(@TargetAggregateIdentifier String id) {}
    public record FailClusterTeardown(@TargetAggregateIdentifier String id, String reason) {}

    public record ClusterRequested(String id, long number, String ownerId, String projectId, long projectNumber,
                                   String providerId, Platform platform, ClusterSpec spec) {}
    public record ClusterResourceRecorded(String id, ClusterResource resource, String step, int percent) {}
    public record ClusterProgressed(String id, String step, int percent) {}
    public record ClusterReady(String id, Connection connection) {}
    public record ClusterProvisioningFailed(String id, String reason, List<ClusterResource> resources) {}
    /** What is left to remove, newest first, and where. */
    public record ClusterTeardownRequested(String id, String providerId, Platform platform,
                                           List<ClusterResource> resources) {}
    public record ClusterResourceRemoved(String id, ClusterResource resource) {}
    public record ClusterTornDown(String id, String projectId, String name) {}
    public record ClusterTeardownFailed(String id, String reason) {}
}
