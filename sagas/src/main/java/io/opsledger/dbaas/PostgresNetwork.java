package io.opsledger.dbaas;

import io.opsledger.gateway.TcpPorts;

import java.time.Duration;

/**
 * How PostgreSQL servers on virtual machines are reached: the network allowed to connect, the
 * port, and how long a readiness probe of that port may wait.
 */
public record PostgresNetwork(String allowedCidr, int port, Duration probeTimeout) {

    /** Whether PostgreSQL's port answers on that address. */
    public boolean answers(String address) { return TcpPorts.answers(address, port, probeTimeout); }
}
