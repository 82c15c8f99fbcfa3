package io.opsledger.dbaas;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.dbaas.api.ClusterMessages;
import io.opsledger.dbaas.api.ClusterMessages.*;
import io.opsledger.dbaas.api.Platform;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A PostgreSQL cluster on a provider. Its provisioning records every outside resource before it
 * is made, and nothing more once a teardown was asked for, so that the teardown removes exactly
 * what provisioning made, even if a node died in between. The name is unique in its project
 * ({@link DbaasClaims}) until the teardown completes.
 */
@Aggregate(cache = AggregateCache.NAME)
public class Cluster {

    static final int MAX_NAME = 100;
    private static final Pattern VERSION = Pattern.compile("\\d{1,2}(\\.\\d{1,3})?");
    /** A PostgreSQL role name that needs no quoting. */
    private static final Pattern DB_USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** The roles the cloud-init of a virtual machine cluster makes besides db_user (sagas' PostgresCloudInit). */
    static final List<String> VM_ROLES = List.of("replicator", "barman", "streaming_barman");

    enum Stage { PROVISIONING, READY, FAILED, TEARING_DOWN, TEARDOWN_FAILED, GONE }

    @AggregateIdentifier
    private String id;
    private String ownerId;
    private String projectId;
    private String name;
    private String providerId;
    private Platform platform;
    private Stage stage;
    /** Made and not yet removed, oldest first. */
    private final List<ClusterResource> resources = new ArrayList<>();

    protected Cluster() {}

    @CommandHandler
    public Cluster(RequestCluster command) {
        ClusterSpec spec = command.spec();
        if (spec == null) {
            throw RuleViolation.invalid(null, "cluster_name is required");
        }
        if (command.platform() == null || command.providerId() == null || command.projectId() == null) {
            throw RuleViolation.invalid(null, "A cluster needs a project and a provider of a known platform.");
        }
        String name = checkedName(spec.name());
        if (spec.type() == null) {
            throw RuleViolation.invalid("cluster_type", "cluster_type must be Standalone or Multiple");
        }
        if (spec.postgresVersion() == null || !VERSION.matcher(spec.postgresVersion().strip()).matches()) {
            throw RuleViolation.invalid("postgres_version", "postgres_version must be a PostgreSQL version such as 16 or 15.4");
        }
        if (spec.dbUser() == null || !DB_USER.matcher(spec.dbUser().strip()).matches()) {
            throw RuleViolation.invalid("db_user", "db_user must be a PostgreSQL role name: letters, digits and _,"
                    + " not starting with a digit, at most 63 characters");
        }
        if ((command.platform() == Platform.OPENSTACK || command.platform() == Platform.CLOUDSTACK)
                && VM_ROLES.contains(spec.dbUser().strip().toLowerCase(java.util.Locale.ROOT))) {
            throw RuleViolation.invalid("db_user", "db_user must not be " + String.join(", ", VM_ROLES)
                    + ": the cluster's servers have those roles for replication and Barman");
        }
        if (ClusterMessages.storageSize(spec.size()) == null) {
            throw RuleViolation.invalid("size", "size must be small, medium, large or a quantity such as 20Gi");
        }
        if (spec.dbPassword() == null) {
            throw RuleViolation.invalid("db_password", "db_password is required");
        }
        ClusterSpec checked = new ClusterSpec(name, spec.type(), spec.postgresVersion().strip(), spec.backupMethod(),
                spec.dbUser().strip(), spec.dbPassword(), spec.storageClass(), spec.size(), spec.flavorId(),
                spec.computeOffering(), spec.storageOffering(), spec.mountPoint());
        apply(new ClusterRequested(command.id(), command.number(), command.ownerId(), command.projectId(),
                command.projectNumber(), command.providerId(), command.platform(), checked));
    }

    @CommandHandler
    public void handle(RecordClusterResource command) {
        requireProvisioning();
        if (!resources.contains(command.resource())) {
            apply(new ClusterResourceRecorded(id, command.resource(), command.step(), command.percent()));
        }
    }

    @CommandHandler
    public void handle(RecordClusterProgress command) {
        requireProvisioning();
        apply(new ClusterProgressed(id, command.step(), command.percent()));
    }

    @CommandHandler
    public void handle(MarkClusterReady command) {
        requireProvisioning();
        apply(new ClusterReady(id, command.connection()));
    }

    @CommandHandler
    public void handle(FailClusterProvisioning command) {
        requireProvisioning();
        apply(new ClusterProvisioningFailed(id, command.reason(), newestFirst()));
    }

    @CommandHandler
    public void handle(RequestClusterTeardown command) {
        if (stage == Stage.GONE || command.ownerId() != null && !command.ownerId().equals(ownerId)) {
            throw RuleViolation.notFound("Cluster not found.");
        }
        if (stage == Stage.TEARING_DOWN) {
            throw RuleViolation.conflict(null, "The cluster is already being deleted.");
        }
        apply(new ClusterTeardownRequested(id, providerId, platform, newestFirst()));
    }

    @CommandHandler
    public void handle(RecordClusterResourceRemoved command) {
        if (resources.contains(command.resource())) {
            apply(new ClusterResourceRemoved(id, command.resource()));
        }
    }

    @CommandHandler
    public void handle(CompleteClusterTeardown command) {
        if (stage != Stage.TEARING_DOWN) {
            throw RuleViolation.conflict(null, "The cluster is not being deleted.");
        }
        if (!resources.isEmpty()) {
            throw RuleViolation.conflict(null, "The cluster still has " + resources.size() + " resources to remove.");
        }
        apply(new ClusterTornDown(id, projectId, name));
    }

    @CommandHandler
    public void handle(FailClusterTeardown command) {
        if (stage == Stage.TEARING_DOWN) {
            apply(new ClusterTeardownFailed(id, command.reason()));
        }
    }

    private void requireProvisioning() {
        if (stage != Stage.PROVISIONING) {
            throw RuleViolation.conflict(null, "The cluster is no longer being provisioned.");
        }
    }

    private List<ClusterResource> newestFirst() {
        List<ClusterResource> newest = new ArrayList<>(resources);
        java.util.Collections.reverse(newest);
        return newest;
    }

    @EventSourcingHandler
    void on(ClusterRequested event) {
        id = event.id();
        ownerId = event.ownerId();
        projectId = event.projectId();
        name = event.spec().name();
        providerId = event.providerId();
        platform = event.platform();
        stage = Stage.PROVISIONING;
    }

    @EventSourcingHandler
    void on(ClusterResourceRecorded event) { resources.add(event.resource()); }

    @EventSourcingHandler
    void on(ClusterReady event) { stage = Stage.READY; }

    @EventSourcingHandler
    void on(ClusterProvisioningFailed event) { stage = Stage.FAILED; }

    @EventSourcingHandler
    void on(ClusterTeardownRequested event) { stage = Stage.TEARING_DOWN; }

    @EventSourcingHandler
    void on(ClusterResourceRemoved event) { resources.remove(event.resource()); }

    @EventSourcingHandler
    void on(ClusterTeardownFailed event) { stage = Stage.TEARDOWN_FAILED; }

    @EventSourcingHandler
    void on(ClusterTornDown event) { stage = Stage.GONE; }

    /** The name trimmed, or the refusal. */
    static String checkedName(String name) {
        if (name == null || name.isBlank()) {
            throw RuleViolation.invalid("cluster_name", "cluster_name is required");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME) {
            throw RuleViolation.invalid("cluster_name", "cluster_name can have at most " + MAX_NAME + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw RuleViolation.invalid("cluster_name", "cluster_name may not contain control characters");
        }
        return trimmed;
    }
}
