package io.opsledger.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A real, throwaway nginx (Debian's nginx-light) for tests, run by {@code ops/peers/nginx}
 * ({@code ops/peers/nginx install} or {@code ops/test} installs it). It serves the {@code server}
 * blocks a test gives for the port it is started on, on 127.0.0.1.
 */
public final class NginxServer extends PeerProcess {

    private static final String SCRIPT = "ops/peers/nginx";

    private NginxServer(Path directory, int port) {
        super(SCRIPT, directory, port, Map.of(), 30);
    }

    /** Starts nginx serving {@code site.apply(port)}: server blocks that listen on 127.0.0.1:port. */
    public static NginxServer start(IntFunction<String> site) {
        return start("nginx", (directory, port) -> {
            Files.writeString(directory.resolve("site.conf"), site.apply(port));
            NginxServer server = new NginxServer(directory, port);
            server.run(null, "start", directory.toString(), Integer.toString(port));
            return server;
        });
    }

    public String baseUrl() { return "http://127.0.0.1:" + port(); }

    /** nginx's error log, for a failing test to show. */
    public String log() {
        try {
            return Files.readString(directory().resolve("nginx.log"));
        } catch (IOException e) {
            return "(no nginx log: " + e.getMessage() + ")";
        }
    }
}
