package io.opsledger.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a program of this host to its end within a time limit, for the gateways whose outside
 * system is a command (Barman, mount, s3fs). Its output (stdout and stderr together) is read on a
 * thread of its own so that a chatty program never blocks; a program that overruns is killed.
 * Failing to start it, overrunning and being interrupted are {@link PlatformCallFailed}s that name
 * {@code what} ran ("Barman backup", "mount"); a non-zero exit is the caller's to judge.
 */
public final class ProcessRunner {

    private ProcessRunner() {}

    /** How the program ended: its exit code and its output. */
    public record Outcome(int exitCode, String output) {
        public boolean ok() { return exitCode == 0; }

        /** The output's last few non-blank lines on one line: what a failure message quotes. */
        public String tail() { return ProcessRunner.tail(output); }
    }

    public static Outcome run(List<String> command, Duration limit, String what) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new PlatformCallFailed(what + " could not be started (is it installed?): " + e.getMessage(), e);
        }
        try (InputStream out = process.getInputStream()) {
            AtomicReference<String> text = new AtomicReference<>("");
            Thread reader = new Thread(() -> {
                try {
                    text.set(new String(out.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process was killed
                }
            }, "process-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PlatformCallFailed(what + " did not finish within " + CallFailures.inWords(limit));
            }
            // a program that left a child holding its output (a daemon) must not hold us up
            reader.join(5000);
            return new Outcome(process.exitValue(), text.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PlatformCallFailed("Interrupted while " + what + " ran", e);
        } catch (IOException e) {
            throw new PlatformCallFailed("Could not read the output of " + what + ": " + e.getMessage(), e);
        }
    }

    /** The last five non-blank lines of {@code output}, joined with spaces. */
    public static String tail(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" ", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip();
    }
}
