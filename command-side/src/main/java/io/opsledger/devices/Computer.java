package io.opsledger.devices;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.devices.api.DevicesMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A computer that runs migasfree-client: registered once, then each sync reports its attributes,
 * faults, software inventory (as the diff against the last one), hardware, errors and its end.
 * Reports that repeat what the computer already said (same attributes, same inventory) are not
 * events.
 */
@Aggregate(cache = AggregateCache.NAME)
public class Computer {

    @AggregateIdentifier
    private String id;
    private Map<String, String> attributes = Map.of();
    private String fqdn;
    private String ipAddress;
    private String syncUser;
    private Set<String> software;

    protected Computer() {}

    @CommandHandler
    public Computer(RegisterComputer c) {
        if (c.uuid() == null || c.uuid().isBlank()) {
            throw RuleViolation.invalid("uuid", "This field is required.");
        }
        apply(new ComputerRegistered(c.id(), c.number(), c.projectId(), c.projectNumber(), c.uuid(), c.name(), c.ipAddress(),
                c.registeredBy()));
    }

    @CommandHandler
    public void handle(ReportAttributes c) {
        Map<String, String> reported = c.attributes() == null ? Map.of() : c.attributes();
        if (reported.equals(attributes) && Objects.equals(c.fqdn(), fqdn) && Objects.equals(c.ipAddress(), ipAddress)
                && Objects.equals(c.syncUser(), syncUser)) {
            return;
        }
        apply(new AttributesReported(id, c.uuid(), c.name(), c.fqdn(), c.ipAddress(), c.syncUser(), c.syncFullname(), reported));
    }

    @CommandHandler
    public void handle(ReportSoftwareInventory c) {
        Set<String> now = new LinkedHashSet<>(c.inventory() == null ? List.of() : c.inventory());
        if (software != null && software.equals(now)) {
            return;
        }
        Set<String> before = software == null ? Set.of() : software;
        List<String> installed = new ArrayList<>(now.stream().filter(p -> !before.contains(p)).sorted().toList());
        List<String> uninstalled = new ArrayList<>(before.stream().filter(p -> !now.contains(p)).sorted().toList());
        apply(new SoftwareInventoryReported(id, List.copyOf(now), installed, uninstalled, software == null, c.historyJson()));
    }

    @CommandHandler
    public void handle(CaptureHardware c) {
        apply(new HardwareCaptured(id, c.lshwJson()));
    }

    @CommandHandler
    public void handle(ReportFaults c) {
        if (c.faults() != null) {
            c.faults().forEach((fault, output) -> apply(new FaultReported(id, fault, output)));
        }
    }

    @CommandHandler
    public void handle(ReportError c) {
        apply(new ErrorReported(id, c.description()));
    }

    @CommandHandler
    public void handle(CompleteSynchronization c) {
        apply(new SynchronizationCompleted(id, c.startDate(), c.consumer(), c.pmsStatusOk()));
    }

    @EventSourcingHandler
    void on(ComputerRegistered e) {
        id = e.id();
        ipAddress = e.ipAddress();
    }

    @EventSourcingHandler
    void on(AttributesReported e) {
        attributes = e.attributes() == null ? Map.of() : e.attributes();
        fqdn = e.fqdn();
        ipAddress = e.ipAddress();
        syncUser = e.syncUser();
    }

    @EventSourcingHandler
    void on(SoftwareInventoryReported e) {
        software = new LinkedHashSet<>(e.inventory());
    }
}
