package io.opsledger.devices;

import io.opsledger.common.AggregateCache;
import io.opsledger.devices.api.DevicesMessages.PlatformRegistered;
import io.opsledger.devices.api.DevicesMessages.RegisterPlatform;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A platform (the computers' operating system family, e.g. Linux), created by the first project registered on it. */
@Aggregate(cache = AggregateCache.NAME)
public class DevicesPlatform {

    @AggregateIdentifier
    private String id;
    private long number;

    protected DevicesPlatform() {}

    /** Registers the platform once: a later registration (a race, or a known name) changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RegisterPlatform command) {
        if (id == null) {
            apply(new PlatformRegistered(command.id(), command.number(), command.name()));
        }
        return number;
    }

    @EventSourcingHandler
    void on(PlatformRegistered event) {
        id = event.id();
        number = event.number();
    }
}
