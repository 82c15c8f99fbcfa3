package io.opsledger.testing;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

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
public final class PostgresServer extends PeerProcess {

    public static final String DATABASE = "opsledger";
    private static final String USER = "postgres";
    private static final String SCRIPT = "ops/peers/postgresql";

    private final String password;

    private PostgresServer(Path directory, int port, String password) {
        super(SCRIPT, directory, port, Map.of(), 120);
        this.password = password;
    }

    /** Starts a new server with an empty database {@value #DATABASE}. */
    public static PostgresServer start() {
        String password = randomPassword();
        return start("pg", (directory, port) -> {
            PostgresServer server = new PostgresServer(directory, port, password);
            // the password goes through stdin, never the command line
            server.run(password, "start", directory.toString(), Integer.toString(port), "-");
            try {
                server.createDatabase();
            } catch (IllegalStateException e) {
                server.close();
                throw e;
            }
            return server;
        });
    }

    /**
     * Starts a server on a data directory made elsewhere (e.g. restored by Barman), moved into the
     * new server's folder; {@code password} is the superuser's password that directory holds.
     */
    public static PostgresServer startOn(Path dataDirectory, String password) {
        return start("pg-restored", (directory, port) -> {
            java.nio.file.Files.move(dataDirectory, directory.resolve("data"));
            if ("root".equals(System.getProperty("user.name"))) {
                // the server runs as postgres (the script); the data came from another user
                try {
                    new ProcessBuilder("chown", "-R", USER + ":" + USER, directory.resolve("data").toString())
                            .inheritIO().start().waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            PostgresServer server = new PostgresServer(directory, port, password);
            server.run(password, "start", directory.toString(), Integer.toString(port), "-");
            return server;
        });
    }

    /** Runs SQL statements as the superuser in database {@code postgres}. */
    public void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, password);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on port " + port() + ": " + e.getMessage(), e);
        }
    }

    /** The single number a query answers (e.g. a count), as the superuser in database {@code postgres}. */
    public long queryLong(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, password);
             Statement statement = connection.createStatement();
             java.sql.ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on port " + port() + ": " + e.getMessage(), e);
        }
    }

    /** JDBC URL of database {@value #DATABASE} on this server. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** JDBC URL of another database on this server (e.g. {@code postgres}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
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

    private void createDatabase() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE + " on port " + port(), e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
