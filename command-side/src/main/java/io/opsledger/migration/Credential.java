package io.opsledger.migration;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.migration.api.MigrationMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static io.opsledger.migration.MigrationFields.secret;
import static io.opsledger.migration.MigrationFields.text;
import static io.opsledger.migration.MigrationFields.textIfGiven;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A login (username, password, domain) a workload or a cloud target is reached with. The password
 * arrives encrypted and stays so. Whether anything still uses it when it is deleted is a set-based
 * rule ({@link MigrationReferences}).
 */
@Aggregate(cache = AggregateCache.NAME)
public class Credential {

    @AggregateIdentifier
    private String id;
    private long number;
    private String ownerId;
    private String username;
    private EncryptedSecret password;
    private String domain;

    protected Credential() {}

    @CommandHandler
    public Credential(CreateCredential command) {
        text("username", command.username());
        secret("password", command.password());
        text("domain", command.domain());
        apply(new CredentialCreated(command.id(), command.number(), command.ownerId(), command.username(),
                command.password(), command.domain()));
    }

    @CommandHandler
    public void handle(UpdateCredential command) {
        textIfGiven("username", command.username());
        if (command.password() != null) {
            secret("password", command.password());
        }
        textIfGiven("domain", command.domain());
        apply(new CredentialUpdated(id, number, or(command.username(), username), or(command.password(), password),
                or(command.domain(), domain)));
    }

    @CommandHandler
    public void handle(DeleteCredential command) {
        apply(new CredentialDeleted(id, number, ownerId));
    }

    private static <T> T or(T given, T kept) { return given != null ? given : kept; }

    @EventSourcingHandler
    void on(CredentialCreated event) {
        id = event.id();
        number = event.number();
        ownerId = event.ownerId();
        username = event.username();
        password = event.password();
        domain = event.domain();
    }

    @EventSourcingHandler
    void on(CredentialUpdated event) {
        username = event.username();
        password = event.password();
        domain = event.domain();
    }

    @EventSourcingHandler
    void on(CredentialDeleted event) { markDeleted(); }
}
