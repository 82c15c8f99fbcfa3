package io.opsledger.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code terraform} CLI for tests, found on PATH. No package manager reachable here
 * (Debian, npm, Maven Central) ships the binary, so {@code ops/test} cannot install it: tests that
 * need it are skipped, saying so, where it is missing. Only what needs no provider download is
 * used (the local and s3 backends and {@code terraform_data} are built into terraform itself).
 */
public final class TerraformCli {

    public static final String SKIPPED = "terraform CLI not on PATH (no package manager reachable here offers it;"
            + " put a terraform binary on PATH to run this test)";

    private final Path binary;

    private TerraformCli(Path binary) { this.binary = binary; }

    /** Terraform on PATH, else the test is skipped with {@link #SKIPPED}. */
    public static TerraformCli require() {
        Optional<Path> found = onPath();
        Assumptions.assumeTrue(found.isPresent(), SKIPPED);
        return new TerraformCli(found.get());
    }

    public static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "terraform"))) {
                return Optional.of(Path.of(dir, "terraform"));
            }
        }
        return Optional.empty();
    }

    /** A finished terraform command. */
    public record Run(int exit, String output) {}

    /** Runs terraform in {@code dir} to its end (two minutes at most). */
    public Run run(Path dir, String... args) throws IOException, InterruptedException {
        Process p = process(dir, args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, out + "\n(timed out)");
        }
        return new Run(p.exitValue(), out);
    }

    /** {@code terraform apply} to its end, its {@link #sleepingResource} provisioner not waiting. */
    public Run apply(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("provisioner.release"), "");
        return run(dir, "apply", "-auto-approve", "-input=false", "-no-color", "-lock-timeout=0s");
    }

    /**
     * A {@code terraform apply} running in the background whose only resource's {@code local-exec}
     * provisioner sleeps until {@link #finish()}: while it sleeps, terraform holds the state's lock.
     */
    public final class SleepingApply implements AutoCloseable {
        private final Path dir;
        private final Path started;
        private final Path release;
        private final Path log;
        private final Process process;

        private SleepingApply(Path dir) throws IOException {
            this.dir = dir;
            this.started = dir.resolve("provisioner.started");
            this.release = dir.resolve("provisioner.release");
            this.log = dir.resolve("apply.log");
            Files.deleteIfExists(started);
            Files.deleteIfExists(release);
            this.process = process(dir, "apply", "-auto-approve", "-input=false", "-no-color", "-lock-timeout=0s")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }

        /** Returns once the provisioner sleeps (terraform holds its lock), or fails with terraform's output. */
        public SleepingApply awaitSleeping(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Files.exists(started)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("terraform apply did not reach its provisioner:\n" + output());
                }
                Thread.sleep(50);
            }
            return this;
        }

        /** Wakes the provisioner and waits for the apply to end. */
        public Run finish() throws Exception {
            Files.writeString(release, "");
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, output() + "\n(timed out)");
            }
            return new Run(process.exitValue(), output());
        }

        public String output() throws IOException { return Files.exists(log) ? Files.readString(log) : ""; }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                Files.writeString(release, "");
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    /**
     * A {@code terraform_data} resource replaced on every apply, whose creation-time
     * {@code local-exec} provisioner sleeps until the test releases it (at most two minutes), for
     * {@link #startSleepingApply}.
     */
    public static String sleepingResource(Path dir) {
        return """
                resource "terraform_data" "slow" {
                  triggers_replace = timestamp()
                  provisioner "local-exec" {
                    command = "touch '%1$s'; i=0; while [ ! -e '%2$s' ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done"
                  }
                }
                """.formatted(dir.resolve("provisioner.started"), dir.resolve("provisioner.release"));
    }

    /** Starts {@code terraform apply} in {@code dir}, whose configuration holds {@link #sleepingResource}. */
    public SleepingApply startSleepingApply(Path dir) throws IOException {
        return new SleepingApply(dir);
    }

    private ProcessBuilder process(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().put("TF_CLI_CONFIG_FILE", dir.resolve("none.tfrc").toString());
        return pb;
    }
}
