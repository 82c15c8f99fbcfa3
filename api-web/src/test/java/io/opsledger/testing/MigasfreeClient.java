package io.opsledger.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real migasfree client 5, unmodified, as a test peer (see shared/peers/PEER-migasfree-client.md):
 * run from its source folder with Debian's python3 as root, in a private mount namespace where the
 * folders it writes (/var/migasfree-client, /usr/share/migasfree-client, /tmp/migasfree-client,
 * /var/tmp, apt's sources, keyrings, lists and cache) are this instance's own temp folders, so the
 * machine is left as it was. One instance is one computer: its keys and inventory files persist
 * between runs. Its migasfree.conf points it at {@code server} with project {@code project}.
 * <p>
 * {@code register} asks on the terminal (a yes/no, then a user and a password), so runs go through
 * util-linux's {@code script}, which gives the client a pseudo-terminal; replies are sent once their
 * prompt shows (getpass flushes what was typed ahead).
 */
public final class MigasfreeClient {

    /** What a run printed (terminal output, both streams) and its exit code. */
    public record Run(int exitCode, String output) {}

    /** A reply typed once {@code prompt} shows. */
    public record Reply(String prompt, String text) {}

    private static final List<String> MOUNT_POINTS = List.of("/var/migasfree-client", "/usr/share/migasfree-client",
            "/tmp/migasfree-client");

    private final Path work;
    private final Path source;

    public MigasfreeClient(String server, String project, String computerName) {
        source = source();
        try {
            work = Files.createTempDirectory("opsledger-migasfree-client");
            for (String dir : List.of("keys", "share", "mfctmp", "vartmp", "sources", "trusted", "lists", "cache/archives/partial",
                    "home")) {
                Files.createDirectories(work.resolve(dir));
            }
            Files.writeString(work.resolve("sources.list"), "");
            Files.writeString(work.resolve("migasfree.conf"), """
                    [client]
                    Server = %s
                    Project = %s
                    Computer_Name = %s
                    Upload_Hardware = True
                    Manage_Devices = False
                    Auto_Update_Packages = False
                    Debug = False
                    """.formatted(server, project, computerName));
            for (String point : MOUNT_POINTS) {
                Files.createDirectories(Path.of(point));
            }
            Path script = work.resolve("run.sh");
            Files.writeString(script, """
                    #!/bin/sh
                    # runs inside `unshare --mount`: the client's system folders become this computer's own
                    set -e
                    W='%1$s'
                    mount --bind "$W/keys" /var/migasfree-client
                    mount --bind "$W/share" /usr/share/migasfree-client
                    mount --bind "$W/mfctmp" /tmp/migasfree-client
                    mount --bind "$W/vartmp" /var/tmp
                    mount --bind "$W/sources" /etc/apt/sources.list.d
                    if [ -e /etc/apt/sources.list ]; then mount --bind "$W/sources.list" /etc/apt/sources.list; fi
                    mount --bind "$W/trusted" /etc/apt/trusted.gpg.d
                    mount --bind "$W/lists" /var/lib/apt/lists
                    mount --bind "$W/cache" /var/cache/apt
                    cd "$W"
                    export MIGASFREE_CONF="$W/migasfree.conf" PYTHONPATH='%2$s' USER=root LOGNAME=root HOME="$W/home" \\
                           LANG=C.UTF-8 LANGUAGE=en TERM=dumb COLUMNS=160
                    exec /usr/bin/python3 -m migasfree_client "$@"
                    """.formatted(work, source));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OPSLEDGER_MIGASFREE_CLIENT_DIR, else shared/peers/migasfree-client beside an ancestor of the working folder. */
    public static Path source() {
        String configured = System.getenv("OPSLEDGER_MIGASFREE_CLIENT_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/peers/migasfree-client");
            if (Files.isDirectory(candidate.resolve("migasfree_client"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no migasfree client source: set OPSLEDGER_MIGASFREE_CLIENT_DIR or put it in "
                + "shared/peers/migasfree-client beside the repository");
    }

    public Path work() { return work; }

    /** The client's log (/var/tmp/migasfree.log in its namespace). */
    public String log() {
        try {
            Path log = work.resolve("vartmp/migasfree.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code migasfree-client ARGS...} on a pseudo-terminal, typing {@code replies} in order as their prompts show. */
    public Run run(Duration timeout, List<Reply> replies, String... args) {
        StringBuilder inner = new StringBuilder("unshare --mount --propagation private /bin/sh ")
                .append(quote(work.resolve("run.sh").toString()));
        for (String arg : args) {
            inner.append(' ').append(quote(arg));
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", inner.toString(), "/dev/null").redirectErrorStream(true);
        pb.environment().put("TERM", "dumb");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = p.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "migasfree-client-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (OutputStream in = p.getOutputStream()) {
            int from = 0;
            for (Reply reply : new ArrayList<>(replies)) {
                int at;
                while ((at = out.indexOf(reply.prompt(), from)) < 0) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        break;
                    }
                    Thread.sleep(50);
                }
                if (at < 0) {
                    break;
                }
                from = at + reply.prompt().length();
                Thread.sleep(200); // the prompt is written just after the terminal is set up for the answer
                in.write((reply.text() + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            long left = deadline - System.nanoTime();
            if (!p.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                reader.join(2000);
                return new Run(-1, out + "\n[timed out after " + timeout + "]");
            }
        } catch (IOException | InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException("the migasfree client run failed: " + out, e);
        }
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Run(p.exitValue(), out.toString());
    }

    public void delete() {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder
        }
    }

    private static String quote(String s) { return "'" + s.replace("'", "'\\''") + "'"; }
}
