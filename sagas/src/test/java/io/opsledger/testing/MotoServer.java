package io.opsledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real, throwaway moto_server (the AWS emulator) for tests, run by {@code ops/peers/moto}
 * (Debian trixie's python3-moto on Debian 12's Python; {@code ops/peers/moto install} or
 * {@code ops/test} installs it).
 *
 * <p>{@link #start()} picks a free loopback port, starts moto_server with a fresh temp
 * directory for its pid and log, and returns once it answers. Point the AWS SDK at
 * {@link #endpoint()} with any credentials (moto's default account is {@value #ACCOUNT});
 * S3 needs path-style access. {@link #reset()} drops all emulated state; {@link #close()}
 * stops the server and deletes the directory. A JVM shutdown hook stops it if a test forgets to.
 *
 * <pre>{@code
 * try (MotoServer moto = MotoServer.start()) {
 *     Ec2Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)...
 * }
 * }</pre>
 */
public final class MotoServer extends PeerProcess {

    public static final String ACCOUNT = "123456789012";
    private static final String SCRIPT = "ops/peers/moto";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(Path directory, int port, Map<String, String> environment) {
        super(SCRIPT, directory, port, environment, 60);
    }

    /** Starts a new, empty moto_server. */
    public static MotoServer start() {
        return start(Map.of());
    }

    /**
     * Starts a new, empty moto_server with extra environment variables, e.g.
     * {@code INITIAL_NO_AUTH_ACTION_COUNT} to make it enforce IAM policies after that many requests.
     */
    public static MotoServer start(Map<String, String> environment) {
        return start("moto", (directory, port) -> {
            MotoServer server = new MotoServer(directory, port, environment);
            server.run(null, "start", directory.toString(), Integer.toString(port));
            return server;
        });
    }

    /** The endpoint of every emulated AWS service, e.g. {@code http://127.0.0.1:43121}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Drops every emulated resource in every account and region ({@code POST /moto-api/reset}). */
    public void reset() {
        post("/moto-api/reset", "");
    }

    /**
     * POSTs a JSON body to one of moto's own endpoints, e.g.
     * {@code /moto-api/static/ce/cost-and-usage-results}; fails unless moto answers 2xx.
     */
    public String post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("could not POST " + path + " to moto on port " + port(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling moto", e);
        }
    }
}
