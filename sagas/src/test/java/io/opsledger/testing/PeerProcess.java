package io.opsledger.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real test peer (PostgreSQL, moto, ...) run by its script under {@code ops/peers/} in a throwaway
 * folder on a free loopback port: started with retries, stopped and deleted on close or at JVM exit.
 */
public abstract class PeerProcess implements AutoCloseable {

    private static final int START_ATTEMPTS = 3;

    private final Path script;
    private final Path directory;
    private final int port;
    private final Map<String, String> environment;
    private final long timeoutSeconds;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    protected PeerProcess(String scriptName, Path directory, int port, Map<String, String> environment, long timeoutSeconds) {
        this.script = repositoryRoot(scriptName).resolve(scriptName);
        this.directory = directory;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.timeoutSeconds = timeoutSeconds;
        this.shutdownHook = new Thread(this::stopQuietly, scriptName.replace('/', '-') + "-stop-" + port);
    }

    /** Builds a peer on a folder and port; {@link #start(String, Starter)} starts it. */
    public interface Starter<P extends PeerProcess> {
        P start(Path directory, int port) throws IOException;
    }

    /** A free port can be taken by someone else before the peer binds it: retry on a new one. */
    protected static <P extends PeerProcess> P start(String what, Starter<P> starter) {
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            P peer = null;
            try {
                peer = starter.start(Files.createTempDirectory("opsledger-" + what + "-"), freePort());
                Runtime.getRuntime().addShutdownHook(((PeerProcess) peer).shutdownHook);
                return peer;
            } catch (IOException e) {
                failure = new IllegalStateException("could not start " + what, e);
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    public int port() { return port; }

    /** The peer's folder (data, pid and log files). */
    public Path directory() { return directory; }

    /** Runs the peer script; output goes to a file so no pipe can be held open by the server. */
    protected void run(String stdin, String... args) {
        runScript(script, environment, timeoutSeconds, stdin, args);
    }

    /** Runs a script to its end and returns its output (stdout and stderr); fails with that output. */
    static String runScript(Path script, Map<String, String> environment, long timeoutSeconds, String stdin, String... args) {
        String scriptName = script.toString();
        Path output = null;
        try {
            output = Files.createTempFile("opsledger-peer-script-", ".log");
            List<String> command = new ArrayList<>();
            command.add(script.toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(script.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(scriptName + " " + args[0] + " timed out:\n" + Files.readString(output));
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(scriptName + " " + args[0] + " failed (exit " + process.exitValue()
                        + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + scriptName, e);
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

    /** Stops the peer and deletes its folder. Safe to call more than once. */
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
            run(null, "stop", directory.toString());
        } finally {
            deleteRecursively(directory);
        }
    }

    private void stopQuietly() {
        try {
            if (closed.compareAndSet(false, true)) {
                run(null, "stop", directory.toString());
                deleteRecursively(directory);
            }
        } catch (RuntimeException ignored) {
            // best effort at JVM exit
        }
    }

    /** Walks up from the working directory to the folder holding the script. */
    static Path repositoryRoot(String scriptName) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(scriptName))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + scriptName + " in " + start + " or any parent directory");
    }

    /** A loopback port nobody listens on right now (a peer needing a second port takes one). */
    protected static int freePort() throws IOException {
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
