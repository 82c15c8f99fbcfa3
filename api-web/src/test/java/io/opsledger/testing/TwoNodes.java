package io.opsledger.testing;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Two OpsLedger processes as a scale-out runs them: one PostgreSQL event store, one MongoDB (node
 * A's embedded one, which B reaches over the wire) and the same master key and JWT secret.
 */
public record TwoNodes(AppProcess a, AppProcess b) implements AutoCloseable {

    /** {@code onlyA}: more environment for node A (e.g. the bootstrap admin). */
    public static TwoNodes start(PostgresServer postgres, Path dataA, Path dataB, Map<String, String> onlyA) throws Exception {
        int mongoPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            mongoPort = socket.getLocalPort();
        }
        Map<String, String> shared = new HashMap<>();
        shared.put("OPSLEDGER_EVENTSTORE_URL", postgres.jdbcUrl());
        shared.put("OPSLEDGER_EVENTSTORE_USER", postgres.username());
        shared.put("OPSLEDGER_EVENTSTORE_PASSWORD", postgres.password());
        shared.put("OPSLEDGER_MASTER_KEY", randomKey(32));
        shared.put("OPSLEDGER_JWT_SECRET", randomKey(64));
        Map<String, String> nodeA = new HashMap<>(shared);
        nodeA.putAll(onlyA);
        nodeA.put("OPSLEDGER_EMBEDDED_MONGODB_PORT", String.valueOf(mongoPort));
        Map<String, String> nodeB = new HashMap<>(shared);
        nodeB.put("OPSLEDGER_MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/opsledger");
        AppProcess a = AppProcess.start(dataA, nodeA);
        try {
            return new TwoNodes(a, AppProcess.start(dataB, nodeB));
        } catch (Exception e) {
            a.close();
            throw e;
        }
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void close() throws Exception {
        try {
            b.close();
        } finally {
            a.close();
        }
    }
}
