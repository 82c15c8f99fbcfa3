package io.opsledger.dbaas;

import io.opsledger.dbaas.api.CatalogueMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One platform of the catalogue: enabled until an admin first toggles it, so it exists from its first toggle. */
@Aggregate
public class CatalogueEntry {

    @AggregateIdentifier
    private String id;
    private boolean enabled = true;

    protected CatalogueEntry() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ToggleCatalogueEntry command) {
        apply(new CatalogueEntryToggled(command.id(), command.platform(), !enabled));
        return enabled;
    }

    @EventSourcingHandler
    void on(CatalogueEntryToggled event) {
        id = event.id();
        enabled = event.enabled();
    }
}
