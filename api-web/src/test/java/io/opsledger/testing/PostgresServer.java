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
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real, throwaway PostgreSQL server for tests, run by {@code ops/peers/postgresql}
 * (Debian's PostgreSQL 15; {@code ops/peers/postgresql install} or {@code ops/test} installs it).
 *
 * <p>{@link #start()} picks a free loopback port, initialises a cluster in a fresh temp
 * directory, starts it and creates the database {@value #DATABASE}. {@link #close()} stops
 * the server and deletes the directory. A JVM shutdown hook stops it if a test forgets to.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start()) {
 *     DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "opsledger";
    private static final String USER = "postgres";
    private static final String SCRIPT = "ops/peers/postgresql";
    private static final int START_ATTEMPTS = 3;
    private static final long SCRIPT_TIMEOUT_SECONDS = 120;

    private final Path script;
    private final Path directory;
    private final int port;
    private final String password;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private PostgresServer(Path script, Path directory, int port, String password) {
        this.script = script;
        this.directory = directory;
        this.port = port;
        this.password = password;
        this.shutdownHook = new Thread(this::stopQuietly, "postgres-server-stop-" + port);
    }

    /** Starts a new server with an empty database {@value #DATABASE}. */
    public static PostgresServer start() {
        Path script = repositoryRoot().resolve(SCRIPT);
        String password = randomPassword();
        IllegalStateException failure = null;
        // A free port can be taken by someone else before PostgreSQL binds it: retry on a new one.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            PostgresServer server = null;
            try {
                Path directory = Files.createTempDirectory("opsledger-pg-");
                server = new PostgresServer(script, directory, freePort(), password);
                server.run(password, "start", directory.toString(), Integer.toString(server.port), "-");
                Runtime.getRuntime().addShutdownHook(server.shutdownHook);
                server.createDatabase();
                return server;
            } catch (IOException e) {
                failure = new IllegalStateException("could not start PostgreSQL", e);
            } catch (IllegalStateException e) {
                failure = e;
            }
            if (server != null) {
                server.close();
            }
        }
        throw failure;
    }

    /** JDBC URL of database {@value #DATABASE} on this server. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** JDBC URL of another database on this server (e.g. {@code postgres}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The superuser name. */
    public String username() {
        return USER;
    }

    /** The superuser's password (random per server). */
    public String password() {
        return password;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The server's folder: {@code data/} (PGDATA), {@code socket/}, {@code postgresql.log}. */
    public Path directory() {
        return directory;
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

    private void createDatabase() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE + " on port " + port, e);
        }
    }

    /** Runs the peer script; its output goes to a file so no pipe can be held open by the server. */
    private void run(String stdin, String... args) {
        Path output = null;
        try {
            output = Files.createTempFile("opsledger-pg-script-", ".log");
            List<String> command = new ArrayList<>();
            command.add(script.toString());
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command)
                    .directory(script.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
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

    /** Walks up from the working directory to the folder holding {@code ops/peers/postgresql}. */
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

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
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
