package io.opsledger.drift.api;

import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.tfstate.TerraformState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Questions about Terraform backends and state files, and the views that answer them. */
public final class DriftQueries {
    private DriftQueries() {}

    // ---- backends

    public record FindBackend(String backendId) {}
    public record ListBackends() {}
    /** The backend registered for this place ({@link BackendConfig#location}), or null. */
    public record FindBackendByLocation(String location) {}

    public record BackendView(String id, String name, String type, BackendConfig config, String status,
                              Instant lastChecked, Long responseTimeMillis, String lastCheckMessage,
                              Instant createdAt, Instant updatedAt) {}

    public record BackendList(List<BackendView> backends) {}

    // ---- state files

    public record FindStateFile(String stateId) {}

    /** {@code backendId} null lists every backend's state files; ordered by backend, then path. */
    public record ListStateFiles(String backendId, int offset, int limit) {}

    /**
     * A state file as last seen. {@code lock} is our lock, {@code externalLock} one Terraform holds
     * (seen in the backend's lock file); {@code state} is null if the file could not be parsed.
     */
    public record StateFileView(String id, String backendId, String path, long size, Instant lastModified,
                                String checksum, TerraformState state, String parseError, LockInfo lock,
                                LockInfo externalLock, Instant syncedAt) {
        public boolean locked() { return lock != null || externalLock != null; }

        /** Whoever holds the lock: ours first, else Terraform's; null if unlocked. */
        public LockInfo holder() { return lock != null ? lock : externalLock; }
    }

    public record StateFilePage(long total, List<StateFileView> stateFiles) {}

    // ---- the resources in state files (for resource listings and drift detection)

    /**
     * Every resource instance recorded in a state file, or in all state files when {@code stateId}
     * is null. Answered with a list of {@link StateResourceView}.
     */
    public record FindStateResources(String stateId) {}

    /**
     * One resource instance in a state file.
     *
     * @param address    its address, e.g. {@code aws_instance.web}, {@code aws_instance.web[0]},
     *                   {@code module.vpc.aws_subnet.a["x"]}, {@code data.aws_ami.ubuntu}
     * @param module     module path or null (root module)
     * @param mode       {@code managed} or {@code data}
     * @param indexKey   null, a number (count) or a string (for_each)
     * @param resourceId {@code attributes.id} as text, or null
     * @param attributes the instance's attributes as parsed JSON
     */
    public record StateResourceView(String stateId, String backendId, String address, String module, String mode,
                                    String type, String name, String provider, Object indexKey, String resourceId,
                                    Map<String, Object> attributes) {}
}
