package io.opsledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server for tests, run by {@code ops/peers/sshd} (Debian's openssh-server;
 * {@code ops/peers/sshd install} or {@code ops/test} installs it): a private {@code sshd} on a free
 * loopback port with its own host key, letting one local user (by default {@code postgres}, the
 * owner of {@link PostgresServer}'s data directories) in with a client key made for this server
 * only. This machine plays the "remote" host: what a client runs over SSH runs here as that user.
 *
 * <pre>{@code
 * try (SshServer ssh = SshServer.start()) {
 *     // ssh -i <file holding ssh.privateKey()> -p ssh.port() postgres@127.0.0.1
 * }
 * }</pre>
 */
public final class SshServer extends PeerProcess {

    private static final String SCRIPT = "ops/peers/sshd";

    private final String user;
    private final String privateKey;

    private SshServer(Path directory, int port, String user, String privateKey) {
        super(SCRIPT, directory, port, Map.of(), 60);
        this.user = user;
        this.privateKey = privateKey;
    }

    /** Lets {@code postgres} in. */
    public static SshServer start() {
        return start("postgres");
    }

    /** Lets {@code user} (a local account) in with a fresh ed25519 client key. */
    public static SshServer start(String user) {
        return start("sshd", (directory, port) -> {
            Path client = directory.resolve("client_ed25519");
            if (!Files.exists(client)) {
                keygen(client);
            }
            Path authorized = directory.resolve("authorized_keys");
            Files.copy(directory.resolve("client_ed25519.pub"), authorized, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            SshServer server = new SshServer(directory, port, user, Files.readString(client));
            server.run(null, "start", directory.toString(), Integer.toString(port), user, authorized.toString());
            return server;
        });
    }

    public String host() { return "127.0.0.1"; }

    /** The user the server lets in. */
    public String user() { return user; }

    /** The client's private key (OpenSSH format), the one the server accepts. */
    public String privateKey() { return privateKey; }

    /** The server's host key line ({@code ssh-ed25519 AAAA... comment}). */
    public String hostPublicKey() {
        try {
            return Files.readString(directory().resolve("host_ed25519.pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keygen(Path file) throws IOException {
        try {
            Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "opsledger-test-client",
                    "-f", file.toString()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ssh-keygen failed: " + new String(process.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
