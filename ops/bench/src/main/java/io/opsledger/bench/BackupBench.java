package io.opsledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Barman backup and restore throughput through OpsLedger beside the same Barman commands run
 * directly, in one run against one PostgreSQL (started and filled by ops/bench/backups): a
 * streaming backup ({@code backup --wait}) and a restore ({@code recover latest}) of each, in
 * turns, {@code --rounds} times. MB/s is the backup's size (Barman's size_bytes) over the wall
 * time: for OpsLedger from the HTTP request to its answer, for Barman from the command's start
 * to its exit. Printed beside GET /health measured in the same run.
 */
public final class BackupBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = "bench";
    private static final String DIRECT = "direct";

    private final BenchOptions opts;
    private final PrintStream out;
    private final BenchRunner runner;
    private final BenchHttp http;

    BackupBench(BenchOptions opts, PrintStream out) {
        this.opts = opts;
        this.out = out;
        this.runner = new BenchRunner(out);
        this.http = new BenchHttp(opts.text("base-url", "http://127.0.0.1:8080"), Duration.ofSeconds(2), Duration.ofHours(2));
    }

    public static void main(String[] args) {
        BenchOptions opts;
        try {
            opts = BenchOptions.parse(args, List.of("rounds", "admin-username", "admin-password"));
        } catch (IllegalArgumentException e) {
            System.err.println("backup bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (opts == null) {
            System.out.println("usage: BackupBench [BASE_URL] [--rounds N]  (run by ops/bench/backups)");
            return;
        }
        System.exit(new BackupBench(opts, System.out).run());
    }

    int run() {
        int rounds = opts.integer("rounds", 1, 1);
        int pgPort = Integer.parseInt(env("BENCH_PG_PORT"));
        String password = env("BENCH_PG_PASSWORD");
        Path work = Path.of(env("BENCH_WORK"));
        out.printf(Locale.ROOT, "# backup bench  base=%s  postgres=127.0.0.1:%d  rounds=%d%n", http.baseUrl(), pgPort, rounds);
        if (!runner.preflight(http, "backup")) {
            return 1;
        }
        String token = BenchRunner.adminToken(http, opts, "backup");
        if (token == null) {
            return 1;
        }
        runner.phase("GET", "/health", 2000, 8, i -> {
            BenchHttp.Response r = http.get("/health", null);
            if (!r.is2xx()) {
                throw new BenchRunner.OpFailure("HTTP " + r.status());
            }
        });
        DirectBarman direct = null;
        try {
            BenchHttp.Response added = http.postJson("/api/v1/barman/add-server/", Map.of("server_name", SERVER,
                    "ssh_host", "127.0.0.1:" + pgPort, "db_name", "postgres", "db_pass", password, "ssh_key", "-",
                    "storage_method", "nfs"), token);
            if (!added.is2xx()) {
                System.err.println("backup bench: add-server failed: " + added.body());
                return 1;
            }
            require(http.postJson("/api/v1/barman/switch-wal/?server_name=" + SERVER + "&storage_method=nfs", Map.of(), token),
                    "switch-wal");
            direct = DirectBarman.start(work.resolve("direct-barman"), pgPort, password);

            List<Double> opsBackup = new ArrayList<>();
            List<Double> barmanBackup = new ArrayList<>();
            List<Double> opsRestore = new ArrayList<>();
            List<Double> barmanRestore = new ArrayList<>();
            long size = 0;
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                BenchHttp.Response backup = http.postJson("/api/v1/barman/backup/?server_name=" + SERVER + "&storage_method=nfs",
                        Map.of(), token);
                double opsSeconds = seconds(start);
                require(backup, "backup");
                long opsSize = backup.json().path("backup").path("size_bytes").asLong();
                opsBackup.add(mb(opsSize) / opsSeconds);

                start = System.nanoTime();
                long directSize = direct.backup();
                double directSeconds = seconds(start);
                barmanBackup.add(mb(directSize) / directSeconds);
                size = opsSize;
                out.printf(Locale.ROOT, "# round %d backup: OpsLedger %.0f MB in %.1f s, barman %.0f MB in %.1f s%n", round,
                        mb(opsSize), opsSeconds, mb(directSize), directSeconds);

                Path opsTarget = freshDirectory(work, "restore-opsledger-" + round);
                start = System.nanoTime();
                BenchHttp.Response recovered = http.postJson("/api/v1/barman/recover/", Map.of("server_name", SERVER,
                        "storage_method", "nfs", "backup_id", "latest", "destination_directory", opsTarget.toString(),
                        "target_server_name", "localhost"), token);
                opsSeconds = seconds(start);
                require(recovered, "recover");
                opsRestore.add(mb(opsSize) / opsSeconds);

                Path directTarget = freshDirectory(work, "restore-barman-" + round);
                start = System.nanoTime();
                direct.recover(directTarget);
                directSeconds = seconds(start);
                barmanRestore.add(mb(directSize) / directSeconds);
                out.printf(Locale.ROOT, "# round %d restore: OpsLedger %.1f s, barman %.1f s%n", round, opsSeconds, directSeconds);
                deleteTree(opsTarget);
                deleteTree(directTarget);
            }
            out.printf(Locale.ROOT, "%-8s %-44s %10s %10s %8s%n", "", "(MB/s, mean of " + rounds + ")", "OpsLedger", "barman", "ratio");
            row("backup", "backup --wait (" + Math.round(mb(size)) + " MB)", opsBackup, barmanBackup);
            row("restore", "recover latest", opsRestore, barmanRestore);
            return 0;
        } catch (Exception e) {
            System.err.println("backup bench: " + e);
            return 1;
        } finally {
            if (direct != null) {
                direct.close();
            }
        }
    }

    private void row(String kind, String name, List<Double> ours, List<Double> theirs) {
        double a = mean(ours);
        double b = mean(theirs);
        out.printf(Locale.ROOT, "%-8s %-44s %10.1f %10.1f %7.2fx%n", kind, name, a, b, a / b);
    }

    private static void require(BenchHttp.Response r, String what) {
        if (!r.is2xx()) {
            throw new IllegalStateException(what + " answered HTTP " + r.status() + ": " + r.body());
        }
    }

    private static double mean(List<Double> values) { return values.stream().mapToDouble(Double::doubleValue).average().orElse(0); }

    private static double seconds(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }

    private static double mb(long bytes) { return bytes / (1024.0 * 1024.0); }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run ops/bench/backups");
        }
        return value;
    }

    /** A destination that does not exist yet, under a folder the Barman user can enter. */
    private static Path freshDirectory(Path work, String name) throws IOException {
        Path parent = work.resolve("restores");
        Files.createDirectories(parent);
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        return parent.resolve(name);
    }

    private static void deleteTree(Path dir) throws IOException, InterruptedException {
        new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
    }

    /**
     * Barman run by hand, as a DBA would: its own configuration (the same server settings OpsLedger
     * writes: streaming backups, streaming archiver, a replication slot), its own WAL receiver.
     */
    static final class DirectBarman implements AutoCloseable {

        private final Path site;
        private final Process receiver;

        private DirectBarman(Path site, Process receiver) {
            this.site = site;
            this.receiver = receiver;
        }

        static DirectBarman start(Path site, int port, String password) throws Exception {
            Files.createDirectories(site.resolve("conf.d"));
            Files.createDirectories(site.resolve("home"));
            Path pass = site.resolve("pgpass");
            Files.writeString(pass, "127.0.0.1:" + port + ":*:barman:" + password + "\n127.0.0.1:" + port
                    + ":*:streaming_barman:" + password + "\n");
            Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(site.resolve("barman.conf"), """
                    [barman]
                    barman_user = barman
                    configuration_files_directory = %1$s/conf.d
                    barman_home = %1$s/home
                    log_file = %1$s/barman.log
                    log_level = INFO
                    """.formatted(site));
            Files.writeString(site.resolve("conf.d").resolve(DIRECT + ".conf"), """
                    [%1$s]
                    conninfo = host=127.0.0.1 port=%2$d dbname=postgres user=barman passfile=%3$s
                    streaming_conninfo = host=127.0.0.1 port=%2$d user=streaming_barman passfile=%3$s
                    backup_method = postgres
                    streaming_archiver = on
                    slot_name = barman_direct
                    create_slot = auto
                    path_prefix = /usr/lib/postgresql/15/bin
                    """.formatted(DIRECT, port, pass));
            run(List.of("chown", "-R", "barman:barman", site.toString()), Duration.ofMinutes(1));
            run(barman(site, "receive-wal", "--create-slot", DIRECT), Duration.ofMinutes(1));
            Process receiver = new ProcessBuilder(barman(site, "receive-wal", DIRECT)).redirectErrorStream(true)
                    .redirectOutput(site.resolve("receive-wal.out").toFile()).start();
            Thread.sleep(2000);
            run(barman(site, "switch-wal", "--force", "--archive", DIRECT), Duration.ofMinutes(2));
            return new DirectBarman(site, receiver);
        }

        /** {@code barman backup --wait}; answers the new backup's size_bytes. */
        long backup() throws Exception {
            run(barman(site, "backup", DIRECT, "--wait"), Duration.ofHours(2));
            JsonNode listed = JSON.readTree(run(barman(site, "-f", "json", "list-backups", DIRECT), Duration.ofMinutes(1)));
            return listed.path(DIRECT).get(0).path("size_bytes").asLong();
        }

        void recover(Path destination) throws Exception {
            Files.createDirectories(destination);
            run(List.of("chown", "barman:barman", destination.toString()), Duration.ofMinutes(1));
            run(barman(site, "recover", DIRECT, "latest", destination.toString()), Duration.ofHours(2));
        }

        @Override
        public void close() {
            receiver.destroy();
            try {
                receiver.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static List<String> barman(Path site, String... args) {
            List<String> command = new ArrayList<>(List.of("runuser", "-u", "barman", "--", "barman", "-c",
                    site.resolve("barman.conf").toString()));
            command.addAll(List.of(args));
            return command;
        }

        private static String run(List<String> command, Duration limit) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
            String text = new String(output, StandardCharsets.UTF_8);
            int json = text.indexOf('{');
            return command.contains("json") && json >= 0 ? text.substring(json) : text;
        }
    }
}
