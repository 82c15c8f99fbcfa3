package io.opsledger.migration;

import io.opsledger.common.AggregateCache;
import io.opsledger.migration.api.MigrationMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static io.opsledger.migration.MigrationFields.reference;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * Where a migration goes: a cloud (aws unless told otherwise), the credentials for it, and the VM
 * (a workload) there, which a run sets to its copy of the source.
 */
@Aggregate(cache = AggregateCache.NAME)
public class MigrationTarget {

    @AggregateIdentifier
    private String id;
    private long number;
    private String ownerId;
    private CloudType cloudType;
    private long cloudCredentials;
    private Long targetVm;
    /** The run that placed {@link #targetVm}, if a run did. */
    private String placedBy;

    protected MigrationTarget() {}

    @CommandHandler
    public MigrationTarget(CreateMigrationTarget command) {
        reference("cloud_credentials", command.cloudCredentials());
        if (command.targetVm() != null) {
            reference("target_vm", command.targetVm());
        }
        apply(new MigrationTargetCreated(command.id(), command.number(), command.ownerId(),
                command.cloudType() != null ? command.cloudType() : CloudType.aws, command.cloudCredentials(),
                command.targetVm()));
    }

    @CommandHandler
    public void handle(UpdateMigrationTarget command) {
        if (command.cloudCredentials() != null) {
            reference("cloud_credentials", command.cloudCredentials());
        }
        if (command.targetVm() != null && !command.clearTargetVm()) {
            reference("target_vm", command.targetVm());
        }
        Long vm = command.clearTargetVm() ? null : command.targetVm() != null ? command.targetVm() : targetVm;
        apply(new MigrationTargetUpdated(id, number, command.cloudType() != null ? command.cloudType() : cloudType,
                command.cloudCredentials() != null ? command.cloudCredentials() : cloudCredentials, vm));
    }

    /** A run's copy becomes the VM; the same run placing it again (a redelivery) changes nothing. */
    @CommandHandler
    public void handle(PlaceTargetVm command) {
        reference("target_vm", command.workLoad());
        if (!Objects.equals(targetVm, command.workLoad()) || !Objects.equals(placedBy, command.migrationRunId())) {
            apply(new TargetVmPlaced(id, number, command.workLoad(), command.migrationRunId()));
        }
    }

    @CommandHandler
    public void handle(DeleteMigrationTarget command) {
        apply(new MigrationTargetDeleted(id, number, ownerId));
    }

    @EventSourcingHandler
    void on(MigrationTargetCreated event) {
        id = event.id();
        number = event.number();
        ownerId = event.ownerId();
        cloudType = event.cloudType();
        cloudCredentials = event.cloudCredentials();
        targetVm = event.targetVm();
    }

    @EventSourcingHandler
    void on(MigrationTargetUpdated event) {
        cloudType = event.cloudType();
        cloudCredentials = event.cloudCredentials();
        targetVm = event.targetVm();
        placedBy = null;
    }

    @EventSourcingHandler
    void on(TargetVmPlaced event) {
        targetVm = event.workLoad();
        placedBy = event.migrationRunId();
    }

    @EventSourcingHandler
    void on(MigrationTargetDeleted event) { markDeleted(); }
}
