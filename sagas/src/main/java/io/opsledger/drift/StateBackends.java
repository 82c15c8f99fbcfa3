package io.opsledger.drift;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.drift.api.BackendMessages;
import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.api.BackendMessages.RecordBackendCheck;
import io.opsledger.drift.api.BackendMessages.RegisterBackend;
import io.opsledger.drift.api.DriftQueries.BackendView;
import io.opsledger.drift.api.DriftQueries.FindBackendByLocation;
import io.opsledger.gateway.tfstate.S3StateStorage;
import io.opsledger.gateway.tfstate.StateStorage;
import io.opsledger.gateway.tfstate.StateStorageException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Terraform backends: registering one (its state files read at once), finding the S3 buckets
 * that hold state files, and testing a backend's connection (the answer recorded on it).
 */
public class StateBackends {

    /** A connection test's answer. */
    public record Checked(boolean reachable, String message, long responseTimeMillis) {}

    /** What a discovery found (registered now or before), and what it did, line by line. */
    public record Discovered(List<BackendView> backends, List<String> log) {}

    private final Commands commands;
    private final Queries queries;
    private final StateSync sync;
    private final S3StateStorage s3;

    public StateBackends(Commands commands, Queries queries, StateSync sync, S3StateStorage s3) {
        this.commands = commands;
        this.queries = queries;
        this.sync = sync;
        this.s3 = s3;
    }

    /** Registers the backend (409 if its bucket/prefix or directory is registered) and reads its state files. */
    public BackendView register(Actor actor, String name, String type, BackendConfig config) {
        BackendView backend = register(actor, name, type, config, BackendMessages.ACTIVE);
        sync.trySyncBackend(actor, backend);
        return sync.backend(backend.id());
    }

    /** Registers every bucket of state files found on AWS (in {@code regions}, all if empty) not registered yet. */
    public Discovered discover(Actor actor, List<String> providers, List<String> regions) {
        List<String> log = new ArrayList<>();
        List<BackendView> found = new ArrayList<>();
        for (String provider : providers == null || providers.isEmpty() ? List.of("aws") : providers) {
            if (!"aws".equalsIgnoreCase(provider)) {
                log.add("provider " + provider + " is not supported; skipped");
                continue;
            }
            List<S3StateStorage.FoundBucket> buckets;
            try {
                buckets = s3.discover(regions == null ? List.of() : regions, log);
            } catch (StateStorageException e) {
                log.add("aws: " + e.getMessage());
                continue;
            }
            for (S3StateStorage.FoundBucket bucket : buckets) {
                BackendConfig c = BackendConfig.s3(bucket.bucket(), bucket.region(), "");
                BackendView known = queries.one(new FindBackendByLocation(c.location(BackendMessages.S3)), BackendView.class);
                BackendView backend = known != null ? known : register(actor, bucket.bucket(), BackendMessages.S3, c,
                        BackendMessages.DISCOVERED);
                sync.trySyncBackend(actor, backend);
                found.add(sync.backend(backend.id()));
            }
        }
        return new Discovered(found, log);
    }

    /** Tests the backend's connection and records the answer on it. */
    public Checked test(Actor actor, BackendView backend) {
        StateStorage.Check check = sync.storage(backend).test(backend.config());
        commands.send(new RecordBackendCheck(backend.id(), check.reachable(), check.responseTimeMillis(), check.message()), actor);
        return new Checked(check.reachable(), check.message(), check.responseTimeMillis());
    }

    /** One backend per bucket/prefix or directory: {@link DriftClaims} refuses a second one (409). */
    private BackendView register(Actor actor, String name, String type, BackendConfig config, String status) {
        String id = UUID.randomUUID().toString();
        commands.send(new RegisterBackend(id, name, type, config, status), actor);
        return sync.backend(id);
    }
}
