package io.opsledger.migration;

import io.opsledger.common.AggregateCache;
import io.opsledger.migration.api.MigrationMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static io.opsledger.migration.MigrationFields.notNegative;
import static io.opsledger.migration.MigrationFields.text;
import static io.opsledger.migration.MigrationFields.textIfGiven;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/** A volume of a workload: its mount point's name and its total size (a positive integer). */
@Aggregate(cache = AggregateCache.NAME)
public class MountPoint {

    @AggregateIdentifier
    private String id;
    private long number;
    private String ownerId;
    private String name;
    private long totalSize;

    protected MountPoint() {}

    @CommandHandler
    public MountPoint(CreateMountPoint command) {
        text("mount_point_name", command.name());
        notNegative("total_size_of_the_volume", command.totalSize());
        apply(new MountPointCreated(command.id(), command.number(), command.ownerId(), command.name(), command.totalSize()));
    }

    @CommandHandler
    public void handle(UpdateMountPoint command) {
        textIfGiven("mount_point_name", command.name());
        if (command.totalSize() != null) {
            notNegative("total_size_of_the_volume", command.totalSize());
        }
        apply(new MountPointUpdated(id, number, command.name() != null ? command.name() : name,
                command.totalSize() != null ? command.totalSize() : totalSize));
    }

    @CommandHandler
    public void handle(DeleteMountPoint command) {
        apply(new MountPointDeleted(id, number, ownerId));
    }

    @EventSourcingHandler
    void on(MountPointCreated event) {
        id = event.id();
        number = event.number();
        ownerId = event.ownerId();
        name = event.name();
        totalSize = event.totalSize();
    }

    @EventSourcingHandler
    void on(MountPointUpdated event) {
        name = event.name();
        totalSize = event.totalSize();
    }

    @EventSourcingHandler
    void on(MountPointDeleted event) { markDeleted(); }
}
