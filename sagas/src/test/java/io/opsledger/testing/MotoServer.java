package io.opsledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
public final class MotoServer implements AutoCloseable {

    /** The account moto answers for with any credentials that are not from AssumeRole. */
    public static final String ACCOUNT = "123456789012";
    private static final String SCRIPT = "ops/peers/moto";
    private static final int START_ATTEMPTS = 3;
    private static final long SCRIPT_TIMEOUT_SECONDS = 60;

    private final Path script;
    private final Path directory;
    private final int port;
    private final Map<String, String> environment;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(Path script, Path directory, int port, Map<String, String> environment) {
        this.script = script;
        this.directory = directory;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.shutdownHook = new Thread(this::stopQuietly, "moto-server-stop-" + port);
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
        Path script = repositoryRoot().resolve(SCRIPT);
        IllegalStateException failure = null;
        // A free port can be taken by someone else before moto binds it: retry on a new one.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            MotoServer server = null;
            try {
                Path directory = Files.createTempDirectory("opsledger-moto-");
                server = new MotoServer(script, directory, freePort(), environment);
                server.run("start", directory.toString(), Integer.toString(server.port));
                Runtime.getRuntime().addShutdownHook(server.shutdownHook);
                return server;
            } catch (IOException e) {
                failure = new IllegalStateException("could not start moto_server", e);
            } catch (IllegalStateException e) {
                failure = e;
            }
            if (server != null) {
                server.close();
            }
        }
        throw failure;
    }

    /** The endpoint of every emulated AWS service, e.g. {@code http://127.0.0.1:43121}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The server's folder: {@code moto.pid}, {@code moto.log}. */
    public Path directory() {
        return directory;
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
            throw new UncheckedIOException("could not POST " + path + " to moto on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling moto", e);
        }
    }

    /** Stops the server and deletes its folder. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // JVM shutting down, or the hook was never registered
        }
        try {
            run("stop", directory.toString());
        } finally {
            deleteRecursively(directory);
        }
    }

    private void stopQuietly() {
        try {
            if (closed.compareAndSet(false, true)) {
                run("stop", directory.toString());
                deleteRecursively(directory);
            }
        } catch (RuntimeException ignored) {
            // best effort at JVM exit
        }
    }

    /** Runs the peer script; its output goes to a file so no pipe can be held open by the server. */
    private void run(String... args) {
        Path output = null;
        try {
            output = Files.createTempFile("opsledger-moto-script-", ".log");
            List<String> command = new ArrayList<>();
            command.add(script.toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(script.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(SCRIPT + " " + args[0] + " timed out:\n" + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(SCRIPT + " " + args[0] + " failed (exit " + process.exitValue()
                        + "):\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + SCRIPT, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // temp file; nothing to do
                }
            }
        }
    }

    /** Walks up from the working directory to the folder holding {@code ops/peers/moto}. */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + SCRIPT + " in " + start + " or any parent directory");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
