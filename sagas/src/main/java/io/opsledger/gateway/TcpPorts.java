package io.opsledger.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Whether a TCP port answers: how a freshly booted server shows that its service is up. */
public final class TcpPorts {
    private TcpPorts() {}

    /** True when a connection to host:port is accepted within the timeout. */
    public static boolean answers(String host, int port, Duration timeout) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
