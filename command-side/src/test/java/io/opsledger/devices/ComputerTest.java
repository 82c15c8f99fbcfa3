package io.opsledger.devices;

import io.opsledger.devices.api.DevicesMessages.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** A computer's sync reports: the software inventory as a diff against the last one, repeats are not events. */
class ComputerTest {

    private static final String ID = "devices-computer:1";
    private static final ComputerRegistered REGISTERED = new ComputerRegistered(ID, 1, "devices-project:p", 1,
            "4C4C4544-0042-3010-8052-B4C04F564433", "pc", "10.0.0.7", "alice");

    private AggregateTestFixture<Computer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Computer.class);
    }

    @Test
    void theFirstInventoryIsAllInstalledThenOnlyTheDiff() {
        fixture.given(REGISTERED)
                .when(new ReportSoftwareInventory(ID, List.of("b_1_amd64.deb", "a_1_amd64.deb"), null))
                .expectEvents(new SoftwareInventoryReported(ID, List.of("b_1_amd64.deb", "a_1_amd64.deb"),
                        List.of("a_1_amd64.deb", "b_1_amd64.deb"), List.of(), true, null));
        fixture.given(REGISTERED, new SoftwareInventoryReported(ID, List.of("a_1_amd64.deb", "b_1_amd64.deb"),
                        List.of("a_1_amd64.deb", "b_1_amd64.deb"), List.of(), true, null))
                .when(new ReportSoftwareInventory(ID, List.of("a_2_amd64.deb", "b_1_amd64.deb"), "{}"))
                .expectEvents(new SoftwareInventoryReported(ID, List.of("a_2_amd64.deb", "b_1_amd64.deb"),
                        List.of("a_2_amd64.deb"), List.of("a_1_amd64.deb"), false, "{}"));
    }

    @Test
    void repeatedReportsAreNotEvents() {
        fixture.given(REGISTERED, new SoftwareInventoryReported(ID, List.of("a_1_amd64.deb"), List.of("a_1_amd64.deb"),
                        List.of(), true, null))
                .when(new ReportSoftwareInventory(ID, List.of("a_1_amd64.deb"), null))
                .expectNoEvents();
        AttributesReported attributes = new AttributesReported(ID, "u", "pc", "pc.lan", "10.0.0.7", "root", "root",
                Map.of("SET", "ALL SYSTEMS"));
        fixture.given(REGISTERED, attributes)
                .when(new ReportAttributes(ID, "u", "pc", "pc.lan", "10.0.0.7", "root", "root", Map.of("SET", "ALL SYSTEMS")))
                .expectNoEvents();
    }

    @Test
    void eachFaultIsAnEventAndASyncEnds() {
        fixture.given(REGISTERED)
                .when(new ReportFaults(ID, Map.of("LOW DISK", "95%")))
                .expectEvents(new FaultReported(ID, "LOW DISK", "95%"));
        fixture.given(REGISTERED)
                .when(new CompleteSynchronization(ID, "2026-12-07T00:00:00", "migasfree-client 5.0", true))
                .expectEvents(new SynchronizationCompleted(ID, "2026-12-07T00:00:00", "migasfree-client 5.0", true));
    }
}
