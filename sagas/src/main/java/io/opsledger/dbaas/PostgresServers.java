package io.opsledger.dbaas;

import io.opsledger.dbaas.ClusterPlatform.Readiness;
import io.opsledger.dbaas.api.ClusterMessages.ClusterRequested;
import io.opsledger.dbaas.api.ClusterMessages.ClusterSpec;
import io.opsledger.dbaas.api.ClusterMessages.Connection;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * PostgreSQL on a cluster's virtual machines, whatever the platform: what each instance's cloud-init
 * is (the first a primary, the others its replicas), and when the cluster is ready (every machine
 * running and answering on PostgreSQL's port; the primary's address is where to connect).
 */
final class PostgresServers {
    private PostgresServers() {}

    /** One machine as its platform reports it: not running yet, running at an address, or failed with a reason. */
    record Machine(boolean running, String address, String failure) {}

    static String userData(int index, ClusterSpec spec, String password, Supplier<String> primaryAddress,
                           PostgresNetwork network) {
        return index == 1
                ? PostgresCloudInit.primary(spec.postgresVersion(), spec.dbUser(), password, ClusterNames.database(spec),
                        network.allowedCidr())
                : PostgresCloudInit.replica(spec.postgresVersion(), password, primaryAddress.get(), network.allowedCidr());
    }

    /**
     * @param machine each instance's machine by its name, empty when the platform no longer has it
     * @param noun what the platform calls its machines ("servers", "machines")
     */
    static Readiness readiness(ClusterRequested order, PostgresNetwork network, String noun,
                               Function<String, Optional<Machine>> machine) {
        String base = ClusterNames.baseName(order);
        int instances = order.spec().type().instances();
        int ready = 0;
        String primary = null;
        for (int i = 1; i <= instances; i++) {
            String name = ClusterNames.server(base, i);
            Optional<Machine> found = machine.apply(name);
            if (found.isEmpty()) {
                return Readiness.broken(name + " has disappeared");
            }
            Machine m = found.get();
            if (m.failure() != null) {
                return Readiness.broken(m.failure());
            }
            if (i == 1) {
                primary = m.address();
            }
            if (m.running() && network.answers(m.address())) {
                ready++;
            }
        }
        if (ready == instances) {
            return Readiness.ready(new Connection(primary, network.port(), ClusterNames.database(order.spec()),
                    order.spec().dbUser()));
        }
        return Readiness.waiting("waiting for PostgreSQL: " + ready + " of " + instances + " " + noun + " answer",
                45 + 54 * ready / instances);
    }
}
