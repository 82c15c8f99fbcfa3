package io.opsledger.gateway.barman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.ProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link BarmanGateway} running Debian's {@code barman} command with each site's configuration
 * file. Barman insists on running as its {@code barman_user}: as root it switches to that user
 * itself, so every file it reads or writes is handed to that user here. Quick commands get
 * {@code timeout}, backups and recoveries {@code longTimeout}; a command that overruns is killed.
 *
 * <p>Over SSH (rsync backups, recoveries onto another host) Barman runs {@code ssh} with a key file
 * under the site's secrets (mode 0600, the Barman user's), {@code BatchMode} (never a prompt), and
 * the host key accepted on first use and pinned in the site's {@code secrets/known_hosts}.
 */
public final class ProcessBarmanGateway implements BarmanGateway, AutoCloseable {

    /** A server name is a file name and an ini section: nothing else gets through. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A login name on the SSH host. */
    private static final Pattern SSH_USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
    /** A host name, IPv4 or IPv6 address: no leading - (an ssh option) and no spaces. */
    private static final Pattern SSH_HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f:]{2,39}");
    /** An absolute folder on the recovery host, safe inside a shell command line. */
    private static final Pattern REMOTE_DIRECTORY = Pattern.compile("(/[A-Za-z0-9._-]+)+/?");
    private static final DateTimeFormatter TARGET_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private final String barman;
    private final String barmanUser;
    private final Duration timeout;
    private final Duration longTimeout;
    private final Map<String, Process> receivers = new ConcurrentHashMap<>();

    /**
     * @param barman the command ("barman")
     * @param barmanUser the user Barman runs as when this process is root ("barman"); otherwise this process's user
     */
    public ProcessBarmanGateway(String barman, String barmanUser, Duration timeout, Duration longTimeout) {
        this.barman = barman;
        this.barmanUser = isRoot() ? barmanUser : System.getProperty("user.name");
        this.timeout = timeout;
        this.longTimeout = longTimeout;
    }

    @Override
    public void configure(BarmanSite site, BarmanServer server) {
        String name = checkedName(server.name());
        prepare(site);
        Path passfile = site.secretsDirectory().resolve(name + ".pass");
        write(passfile, passLine(server.host(), server.port(), server.user(), server.password())
                + passLine(server.host(), server.port(), server.replicationUser(), server.replicationPassword()), true);
        Path keyFile = site.secretsDirectory().resolve(name + ".key");
        String method;
        if (server.ssh() == null) {
            deleteQuietly(keyFile);
            method = "backup_method = postgres";
        } else {
            String sshCommand = sshCommand(site, keyFile, server.ssh());
            write(keyFile, keyText(server.ssh().privateKey()), true);
            // WAL still streams; PostgreSQL 15 has only concurrent (non-exclusive) backups
            method = "backup_method = rsync\nssh_command = " + sshCommand
                    + "\nreuse_backup = link\nbackup_options = concurrent_backup";
        }
        String conninfo = "host=" + value(server.host()) + " port=" + server.port() + " dbname=" + value(server.database())
                + " passfile=" + passfile;
        write(site.serversDirectory().resolve(name + ".conf"), """
                [%1$s]
                description = OpsLedger: %2$s on %3$s:%4$d
                conninfo = %5$s user=%6$s
                streaming_conninfo = host=%3$s port=%4$d user=%7$s passfile=%8$s
                %11$s
                streaming_archiver = on
                slot_name = %9$s
                create_slot = auto
                %10$s
                """.formatted(name, value(server.database()), value(server.host()), server.port(), conninfo,
                value(server.user()), value(server.replicationUser()), passfile, "barman_" + name.replace('-', '_'),
                server.postgresBin() == null ? "" : "path_prefix = " + value(server.postgresBin()), method), false);
    }

    @Override
    public void remove(BarmanSite site, String server) {
        String name = checkedName(server);
        stopWalReceiver(site, name);
        try {
            Files.deleteIfExists(site.serversDirectory().resolve(name + ".conf"));
            Files.deleteIfExists(retentionFile(site, name));
            Files.deleteIfExists(site.secretsDirectory().resolve(name + ".pass"));
            Files.deleteIfExists(site.secretsDirectory().resolve(name + ".key"));
        } catch (IOException e) {
            throw new PlatformCallFailed("Could not remove Barman's configuration of " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The policy sits in a file of its own, which Barman merges into the server's section. Barman
     * deletes obsolete backups only in {@code barman cron}, which OpsLedger does not run: the backup
     * context deletes them itself, each deletion an event.
     */
    @Override
    public void retentionPolicy(BarmanSite site, String server, String policy) {
        String name = checkedName(server);
        if (policy == null) {
            try {
                Files.deleteIfExists(retentionFile(site, name));
            } catch (IOException e) {
                throw new PlatformCallFailed("Could not remove the retention policy of " + name + ": " + e.getMessage(), e);
            }
            return;
        }
        if (!policy.matches("(RECOVERY WINDOW OF \\d+ (DAYS|WEEKS|MONTHS|YEARS))|(REDUNDANCY \\d+)")) {
            throw new IllegalArgumentException("not a Barman retention policy: " + policy);
        }
        prepare(site);
        write(retentionFile(site, name), """
                [%s]
                retention_policy = %s
                """.formatted(name, policy), false);
    }

    private static Path retentionFile(BarmanSite site, String name) { return site.serversDirectory().resolve(name + ".retention.conf"); }

    @Override
    public List<String> servers(BarmanSite site) {
        prepare(site);
        List<String> names = new ArrayList<>();
        json(site, timeout, "list-servers").fieldNames().forEachRemaining(names::add);
        names.sort(Comparator.naturalOrder());
        return names;
    }

    @Override
    public Map<String, Check> check(BarmanSite site, String server) {
        String name = checkedName(server);
        // check exits 1 when a check fails; its JSON still says which
        JsonNode checks = json(site, timeout, true, "check", name).path(name);
        Map<String, Check> out = new LinkedHashMap<>();
        checks.fields().forEachRemaining(e -> out.put(e.getKey(), new Check("OK".equals(e.getValue().path("status").asText()),
                e.getValue().path("hint").asText(""))));
        if (out.isEmpty()) {
            throw new PlatformCallFailed("Barman knows no server " + name);
        }
        return out;
    }

    @Override
    public void startWalReceiver(BarmanSite site, String server) {
        String name = checkedName(server);
        String key = site.root() + "\n" + name;
        Process running = receivers.get(key);
        if (running != null && running.isAlive()) {
            return;
        }
        try {
            run(site, timeout, false, "receive-wal", "--create-slot", name);
        } catch (PlatformCallFailed e) {
            if (!e.getMessage().contains("already exists")) {
                throw e;
            }
        }
        Path log = site.root().resolve(name + ".receive-wal.log");
        try {
            Files.deleteIfExists(log);
            Process receiver = new ProcessBuilder(command(site, "receive-wal", name)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            receivers.put(key, receiver);
            awaitStreaming(receiver, log, name);
        } catch (IOException e) {
            throw new PlatformCallFailed("Could not start Barman's WAL receiver for " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns once the receiver streams: a WAL switch before that closes a segment the receiver
     * will never see, and Barman then waits for it in vain.
     */
    private void awaitStreaming(Process receiver, Path log, String name) throws IOException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("starting log streaming")) {
                return;
            }
            if (!receiver.isAlive()) {
                throw new PlatformCallFailed("Barman's WAL receiver for " + name + " stopped: " + tail(text));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformCallFailed("Interrupted while waiting for the WAL receiver of " + name, e);
            }
        }
        throw new PlatformCallFailed("Barman's WAL receiver for " + name + " did not start streaming within "
                + CallFailures.inWords(timeout));
    }

    @Override
    public void stopWalReceiver(BarmanSite site, String server) {
        Process receiver = receivers.remove(site.root() + "\n" + checkedName(server));
        if (receiver != null) {
            receiver.destroy();
            try {
                // gone before the caller goes on (e.g. unmounts the storage it writes into)
                if (!receiver.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    receiver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String switchWal(BarmanSite site, String server) {
        return run(site, longTimeout, false, "switch-wal", "--force", "--archive", checkedName(server)).strip();
    }

    @Override
    public Backup backup(BarmanSite site, String server) {
        String name = checkedName(server);
        String output = run(site, longTimeout, false, "backup", name, "--wait");
        String id = output.lines().filter(l -> l.contains("Backup ID:")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst().orElseGet(() -> backups(site, name).stream().findFirst()
                        .orElseThrow(() -> new PlatformCallFailed("Barman's backup of " + name + " left no backup")).id());
        JsonNode info = json(site, timeout, "show-backup", name, id).path(name);
        JsonNode base = info.path("base_backup_information");
        return new Backup(info.path("backup_id").asText(id), info.path("status").asText(),
                base.path("disk_usage_with_wals_bytes").asLong(), base.path("begin_wal").asText(null),
                base.path("end_wal").asText(null), epoch(base.path("end_time_timestamp")), null);
    }

    @Override
    public List<Backup> backups(BarmanSite site, String server) {
        String name = checkedName(server);
        List<Backup> out = new ArrayList<>();
        json(site, timeout, "list-backups", name).path(name).forEach(b -> out.add(new Backup(b.path("backup_id").asText(),
                b.path("status").asText(), b.path("size_bytes").asLong(), null, null, epoch(b.path("end_time_timestamp")),
                b.path("retention_status").asText(null))));
        return out;
    }

    @Override
    public long storedBytes(BarmanSite site, String server) {
        Path base = site.home().resolve(checkedName(server)).resolve("base");
        if (!Files.isDirectory(base)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(base)) {
            return files.mapToLong(file -> {
                try {
                    return Files.isRegularFile(file) ? Files.size(file) : 0;
                } catch (IOException gone) {
                    return 0; // Barman renamed or removed it meanwhile
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new PlatformCallFailed("Could not measure " + base + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(BarmanSite site, String server, String backupId) {
        run(site, longTimeout, false, "delete", checkedName(server), checkedName(backupId));
    }

    @Override
    public String recover(BarmanSite site, String server, String backupId, String destination, Instant targetTime,
                          SshAccess remote) {
        String name = checkedName(server);
        if (remote != null) {
            return recoverOverSsh(site, name, backupId, destination, targetTime, remote);
        }
        Path target = Path.of(destination).toAbsolutePath().normalize();
        try {
            if (Files.exists(target) && !isEmptyDirectory(target)) {
                throw new PlatformCallFailed("The destination directory " + target + " is not empty");
            }
            Files.createDirectories(target);
            own(target);
        } catch (IOException e) {
            throw new PlatformCallFailed("Could not prepare the destination directory " + target + ": " + e.getMessage(), e);
        }
        return run(site, longTimeout, false, recoverArguments(name, backupId, target.toString(), targetTime)).strip();
    }

    /**
     * The restored server runs as the Barman user (who owns what Barman restored) from a private
     * folder holding its socket, log and configuration: an empty postgresql.conf and trust on the
     * socket only, so a Debian-style data folder without configuration files starts too, and the
     * restored postgresql.auto.conf (restore_command, recovery target) still applies.
     */
    @Override
    public RestoreCheck verifyRestore(Path dataDirectory, String postgresBin, String role) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            throw new PlatformCallFailed(data + " holds no PostgreSQL data directory (no PG_VERSION)");
        }
        if (role == null || !SSH_USER.matcher(role).matches()) {
            throw new IllegalArgumentException("not a role name: " + role);
        }
        String bin = postgresBin == null ? "" : postgresBin + "/";
        Path scratch;
        try {
            scratch = Files.createTempDirectory("opsledger-restore-check-");
            Files.createDirectories(scratch.resolve("socket"));
            Files.writeString(scratch.resolve("postgresql.conf"), "");
            Files.writeString(scratch.resolve("pg_ident.conf"), "");
            Files.writeString(scratch.resolve("pg_hba.conf"), "local all all trust\n");
            for (Path path : List.of(scratch, scratch.resolve("socket"), scratch.resolve("postgresql.conf"),
                    scratch.resolve("pg_ident.conf"), scratch.resolve("pg_hba.conf"))) {
                own(path);
            }
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new PlatformCallFailed("Could not prepare the check of the restore in " + data + ": " + e.getMessage(), e);
        }
        Path serverLog = scratch.resolve("postgresql.log");
        String options = "-c config_file=" + scratch.resolve("postgresql.conf") + " -c hba_file=" + scratch.resolve("pg_hba.conf")
                + " -c ident_file=" + scratch.resolve("pg_ident.conf") + " -c listen_addresses='' -c port=5432"
                + " -c unix_socket_directories=" + scratch.resolve("socket");
        long started = System.nanoTime();
        List<String> start = new ArrayList<>(asBarmanUser());
        start.addAll(List.of(bin + "pg_ctl", "-D", data.toString(), "-l", serverLog.toString(), "-w", "-t",
                Long.toString(Math.max(1, longTimeout.toSeconds())), "-o", options, "start"));
        try {
            ProcessRunner.Outcome up = ProcessRunner.run(start, longTimeout.plusMinutes(1), "pg_ctl start");
            if (!up.ok()) {
                throw new PlatformCallFailed("The restored data in " + data + " did not start: " + tail(logText(serverLog, up.output())));
            }
            java.time.Duration startTime = java.time.Duration.ofNanos(System.nanoTime() - started);
            List<String> query = new ArrayList<>(asBarmanUser());
            query.addAll(List.of(bin + "psql", "-X", "-A", "-t", "-F", "\t", "-h", scratch.resolve("socket").toString(),
                    "-p", "5432", "-U", role, "-d", "postgres", "-c", "SHOW server_version", "-c",
                    "SELECT datname, pg_database_size(datname) FROM pg_database WHERE datallowconn ORDER BY datname"));
            ProcessRunner.Outcome answer = ProcessRunner.run(query, timeout, "psql");
            if (!answer.ok()) {
                throw new PlatformCallFailed("The restored server in " + data + " started but did not answer: " + answer.tail());
            }
            List<String> lines = answer.output().lines().filter(l -> !l.isBlank()).toList();
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t");
                if (cells.length == 2 && cells[1].matches("\\d+")) {
                    sizes.put(cells[0], Long.parseLong(cells[1]));
                }
            }
            return new RestoreCheck(lines.isEmpty() ? null : lines.get(0), sizes, startTime);
        } finally {
            List<String> stop = new ArrayList<>(asBarmanUser());
            stop.addAll(List.of(bin + "pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop"));
            try {
                ProcessRunner.run(stop, java.time.Duration.ofMinutes(2), "pg_ctl stop");
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ProcessBarmanGateway.class)
                        .warn("the restored server in {} was not stopped: {}", data, e.getMessage());
            }
            runQuietly(List.of("rm", "-rf", scratch.toString()));
        }
    }

    private static String logText(Path log, String otherwise) {
        try {
            return Files.isReadable(log) ? Files.readString(log) : otherwise;
        } catch (IOException e) {
            return otherwise;
        }
    }

    private static void runQuietly(List<String> command) {
        try {
            ProcessRunner.run(command, java.time.Duration.ofMinutes(1), command.get(0));
        } catch (RuntimeException ignored) {
            // a scratch folder left in /tmp
        }
    }

    /**
     * Recovery onto another host: the destination there must be absent or empty (asked over SSH
     * first, which also tells an unreachable host from a failing recovery); the key is written for
     * this recovery only and removed after it.
     */
    private String recoverOverSsh(BarmanSite site, String name, String backupId, String destination, Instant targetTime,
                                  SshAccess remote) {
        if (destination == null || !REMOTE_DIRECTORY.matcher(destination).matches() || destination.contains("/../")
                || destination.endsWith("/..") || destination.contains("/./")) {
            throw new PlatformCallFailed("\"" + (destination == null ? "" : destination.replaceAll("\\p{Cntrl}", "?"))
                    + "\" is not a destination Barman can restore to over SSH: an absolute path of letters, digits and . _ -");
        }
        String target = destination.length() > 1 && destination.endsWith("/") ? destination.substring(0, destination.length() - 1)
                : destination;
        prepare(site);
        Path keyFile = site.secretsDirectory().resolve(name + ".recover-" + java.util.UUID.randomUUID() + ".key");
        String sshCommand = sshCommand(site, keyFile, remote);
        try {
            write(keyFile, keyText(remote.privateKey()), true);
            List<String> probe = new ArrayList<>(asBarmanUser());
            probe.addAll(List.of(sshCommand.split(" ")));
            probe.add("test ! -e '" + target + "' || test -z \"$(ls -A '" + target + "')\"");
            ProcessRunner.Outcome answer = ProcessRunner.run(probe, timeout, "ssh");
            if (answer.exitCode() == 255) {
                throw new PlatformCallFailed("Could not reach " + remote.user() + "@" + remote.host() + ":" + remote.port()
                        + " over SSH: " + tail(answer.output()));
            }
            if (answer.exitCode() != 0) {
                throw new PlatformCallFailed("The destination directory " + target + " on " + remote.host() + " is not empty");
            }
            List<String> args = new ArrayList<>(List.of(recoverArguments(name, backupId, target, targetTime)));
            args.add("--remote-ssh-command");
            args.add(sshCommand);
            return run(site, longTimeout, false, args.toArray(String[]::new)).strip();
        } finally {
            deleteQuietly(keyFile);
        }
    }

    private static String[] recoverArguments(String name, String backupId, String destination, Instant targetTime) {
        List<String> args = new ArrayList<>(List.of("recover", name, "latest".equals(backupId) ? "latest" : checkedName(backupId),
                destination));
        if (targetTime != null) {
            args.add("--target-time");
            args.add(TARGET_TIME.format(targetTime));
            // the restored server opens for writes once it reached the target, rather than pausing read-only
            args.add("--target-action");
            args.add("promote");
        }
        return args.toArray(String[]::new);
    }

    /** Stops every WAL receiver this gateway started. */
    @Override
    public void close() {
        receivers.values().forEach(Process::destroy);
        receivers.clear();
    }

    // ---- running barman

    private JsonNode json(BarmanSite site, Duration limit, String... args) {
        return json(site, limit, false, args);
    }

    private JsonNode json(BarmanSite site, Duration limit, boolean failureIsAnswer, String... args) {
        String output = run(site, limit, failureIsAnswer, true, args);
        int start = output.indexOf('{');
        try {
            return JSON.readTree(start < 0 ? "{}" : output.substring(start));
        } catch (IOException e) {
            throw new PlatformCallFailed("Barman " + args[0] + " answered something that is not JSON: " + tail(output));
        }
    }

    private String run(BarmanSite site, Duration limit, boolean failureIsAnswer, String... args) {
        return run(site, limit, failureIsAnswer, false, args);
    }

    private String run(BarmanSite site, Duration limit, boolean failureIsAnswer, boolean json, String... args) {
        prepare(site);
        List<String> command = command(site, args);
        if (json) {
            command.addAll(1, List.of("-f", "json"));
        }
        ProcessRunner.Outcome outcome = ProcessRunner.run(command, limit, "Barman " + args[0]);
        if (!outcome.ok() && !failureIsAnswer) {
            throw new PlatformCallFailed("Barman " + args[0] + " failed: " + outcome.tail());
        }
        return outcome.output();
    }

    /** As root, a command runs as the Barman user (the key file and known_hosts are that user's). */
    private List<String> asBarmanUser() {
        return isRoot() ? List.of("runuser", "-u", barmanUser, "--") : List.of();
    }

    /**
     * Barman's ssh command line (for ssh_command and --remote-ssh-command; Barman splits it on
     * spaces). {@code LogLevel=ERROR} keeps ssh's "Permanently added ... to the list of known hosts"
     * off the first connection's output, which Barman's {@code ssh_output_clean} check refuses.
     */
    private static String sshCommand(BarmanSite site, Path keyFile, SshAccess ssh) {
        if (ssh.user() == null || !SSH_USER.matcher(ssh.user()).matches()) {
            throw new PlatformCallFailed("\"" + (ssh.user() == null ? "" : ssh.user().replaceAll("\\p{Cntrl}", "?"))
                    + "\" is not an SSH user name");
        }
        if (ssh.host() == null || !SSH_HOST.matcher(ssh.host()).matches()) {
            throw new PlatformCallFailed("\"" + (ssh.host() == null ? "" : ssh.host().replaceAll("\\p{Cntrl}", "?"))
                    + "\" is not an SSH host name or address");
        }
        if (ssh.port() < 1 || ssh.port() > 65535) {
            throw new PlatformCallFailed(ssh.port() + " is not an SSH port");
        }
        return "ssh -i " + value(keyFile.toString()) + " -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile="
                + value(site.secretsDirectory().resolve("known_hosts").toString())
                + " -o BatchMode=yes -o ConnectTimeout=10 -o LogLevel=ERROR -p " + ssh.port() + " " + ssh.user() + "@" + ssh.host();
    }

    /** The key as OpenSSH reads it: Unix line ends and a final newline. Never echoed. */
    private static String keyText(String privateKey) {
        if (!SshAccess.isPrivateKey(privateKey)) {
            throw new PlatformCallFailed("The SSH key is not a private key (OpenSSH or PEM text)");
        }
        return privateKey.replace("\r\n", "\n").replace('\r', '\n').strip() + "\n";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover secret file stays in the site's private secrets folder
        }
    }

    private List<String> command(BarmanSite site, String... args) {
        List<String> command = new ArrayList<>(List.of(barman, "-c", site.configFile().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The site's folders and barman.conf, owned by the Barman user. */
    private void prepare(BarmanSite site) {
        try {
            for (Path dir : List.of(site.root(), site.serversDirectory(), site.secretsDirectory(), site.home())) {
                Files.createDirectories(dir);
                own(dir);
            }
            Files.setPosixFilePermissions(site.secretsDirectory(), PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(site.configFile())) {
                write(site.configFile(), """
                        [barman]
                        barman_user = %s
                        configuration_files_directory = %s
                        barman_home = %s
                        log_file = %s
                        log_level = INFO
                        """.formatted(barmanUser, site.serversDirectory(), site.home(), site.log()), false);
            }
            if (!Files.exists(site.log())) {
                Files.createFile(site.log());
                own(site.log());
            }
        } catch (IOException e) {
            throw new PlatformCallFailed("Could not prepare Barman's folder " + site.root() + ": " + e.getMessage(), e);
        }
    }

    private void write(Path file, String text, boolean secret) {
        try {
            Path temp = Files.createTempFile(file.getParent(), ".", ".tmp");
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r-----"));
            Files.writeString(temp, text);
            own(temp);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PlatformCallFailed("Could not write " + file.getFileName() + " for Barman: " + e.getMessage(), e);
        }
    }

    /** Hands the path to the Barman user; one it owns already is left alone (a FUSE mount's root refuses chown). */
    private void own(Path path) throws IOException {
        if (isRoot()) {
            UserPrincipal user = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(barmanUser);
            if (!user.equals(Files.getOwner(path))) {
                Files.setOwner(path, user);
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static boolean isRoot() { return "root".equals(System.getProperty("user.name")); }

    private static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new PlatformCallFailed("\"" + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?"))
                    + "\" is not a Barman name: letters, digits, - and _, at most 64");
        }
        return name;
    }

    /** A conninfo or ini value: one line, no spaces or quotes that would end it. */
    private static String value(String text) {
        if (text == null || text.isBlank() || !text.matches("[A-Za-z0-9._/:@-]+")) {
            throw new PlatformCallFailed("\"" + (text == null ? "" : text.replaceAll("\\p{Cntrl}", "?"))
                    + "\" cannot go into Barman's configuration: letters, digits and . _ / : @ - only");
        }
        return text;
    }

    /** A .pgpass line: host:port:*:user:password with : and \ escaped. */
    private static String passLine(String host, int port, String user, String password) {
        return value(host) + ":" + port + ":*:" + value(user) + ":" + password.replace("\\", "\\\\").replace(":", "\\:") + "\n";
    }

    private static Instant epoch(JsonNode seconds) {
        return seconds.isMissingNode() || seconds.asText().isBlank() ? null : Instant.ofEpochSecond(seconds.asLong());
    }

    private static String tail(String output) { return ProcessRunner.tail(output); }
}
