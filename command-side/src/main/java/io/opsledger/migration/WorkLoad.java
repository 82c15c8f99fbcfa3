package io.opsledger.migration;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.migration.api.MigrationMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static io.opsledger.migration.MigrationFields.ip;
import static io.opsledger.migration.MigrationFields.reference;
import static io.opsledger.migration.MigrationFields.references;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A machine to migrate (or the copy a run made of one): its ip, which never changes, the credentials
 * it is reached with and its mount points (storage, at least one). That its ip is unique among its
 * owner's sources, and that what it references exists and is its owner's, are set-based rules
 * ({@link MigrationClaims}, {@link MigrationReferences}).
 */
@Aggregate(cache = AggregateCache.NAME)
public class WorkLoad {

    @AggregateIdentifier
    private String id;
    private long number;
    private String ownerId;
    private String ip;
    private long credentials;
    private List<Long> storage;

    protected WorkLoad() {}

    @CommandHandler
    public WorkLoad(CreateWorkLoad command) {
        ip("ip", command.ip());
        reference("credentials", command.credentials());
        references("storage", command.storage());
        apply(new WorkLoadCreated(command.id(), command.number(), command.ownerId(), command.ip().strip(),
                command.credentials(), List.copyOf(command.storage()), command.copiedFrom(), command.migrationRunId()));
    }

    @CommandHandler
    public void handle(UpdateWorkLoad command) {
        if (command.ip() != null) {
            ip("ip", command.ip());
            if (!command.ip().strip().equals(ip)) {
                throw RuleViolation.invalid("ip", MigrationFields.IP_CHANGED);
            }
        }
        if (command.credentials() != null) {
            reference("credentials", command.credentials());
        }
        if (command.storage() != null) {
            references("storage", command.storage());
        }
        apply(new WorkLoadUpdated(id, number, ip, command.credentials() != null ? command.credentials() : credentials,
                command.storage() != null ? List.copyOf(command.storage()) : storage));
    }

    @CommandHandler
    public void handle(DeleteWorkLoad command) {
        apply(new WorkLoadDeleted(id, number, ownerId));
    }

    @EventSourcingHandler
    void on(WorkLoadCreated event) {
        id = event.id();
        number = event.number();
        ownerId = event.ownerId();
        ip = event.ip();
        credentials = event.credentials();
        storage = event.storage();
    }

    @EventSourcingHandler
    void on(WorkLoadUpdated event) {
        credentials = event.credentials();
        storage = event.storage();
    }

    @EventSourcingHandler
    void on(WorkLoadDeleted event) { markDeleted(); }
}
