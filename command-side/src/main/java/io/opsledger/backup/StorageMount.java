package io.opsledger.backup;

import io.opsledger.backup.api.MountMessages.*;
import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The mount of one user's Barman home for one storage: mounted from one source at a time (a
 * second mount must wait for the unmount), unmounted only while mounted.
 */
@Aggregate(cache = AggregateCache.NAME)
public class StorageMount {

    @AggregateIdentifier
    private String id;
    private String ownerId;
    private String storage;
    private String mountPoint;
    private boolean mounted;

    protected StorageMount() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(MountStorage command) {
        if (mounted) {
            throw RuleViolation.conflict(null, "A storage is mounted on " + mountPoint + " already; unmount it first.");
        }
        apply(new StorageMounted(command.id(), command.ownerId(), command.storage(), command.mountPoint(), command.source()));
    }

    @CommandHandler
    public void handle(UnmountStorage command) {
        if (!mounted) {
            throw RuleViolation.notFound("Mount point not found.");
        }
        apply(new StorageUnmounted(id, ownerId, storage, mountPoint));
    }

    @EventSourcingHandler
    void on(StorageMounted event) {
        id = event.id();
        ownerId = event.ownerId();
        storage = event.storage();
        mountPoint = event.mountPoint();
        mounted = true;
    }

    @EventSourcingHandler
    void on(StorageUnmounted event) { mounted = false; }
}
