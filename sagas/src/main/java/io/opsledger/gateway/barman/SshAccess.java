package io.opsledger.gateway.barman;

/**
 * How Barman reaches a host over SSH: {@code user@host:port} with a private key (OpenSSH or PEM
 * text). The host key is accepted the first time and pinned in the site's {@code known_hosts}.
 */
public record SshAccess(String user, String host, int port, String privateKey) {

    public static final int DEFAULT_PORT = 22;

    /** Whether the text looks like a private key Barman's {@code ssh -i} can read (not a public key). */
    public static boolean isPrivateKey(String text) {
        return text != null && text.contains("-----BEGIN ") && text.contains("PRIVATE KEY-----");
    }

    /** Keeps the key out of logs and messages. */
    @Override
    public String toString() {
        return "SshAccess[" + user + "@" + host + ":" + port + "]";
    }
}
