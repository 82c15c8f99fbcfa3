package io.opsledger.migration;

import io.opsledger.common.Actor;
import io.opsledger.migration.api.MigrationMessages.*;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a migration, a step per event so that a restart resumes at the last recorded step: on the
 * start, the copy of the source (with the selected mount points it has) is made and recorded; once
 * recorded, it is placed as the target's VM; once placed, the run completes. Any failure fails the
 * run with its reason ({@link MigrationCopies}); the saga ends when the run succeeded or failed. Its
 * commands carry the metadata of whoever started the run, so the copy is theirs in the audit trail.
 */
public class MigrationRunSaga {

    /** The metadata an {@link Actor} carries, taken from the start event. */
    private static final List<String> ORIGIN = List.of("userId", "username", "contract", "remoteAddress", "requestId");

    private String migrationId;
    private String runId;
    private long target;
    private Map<String, Object> origin = new HashMap<>();

    @StartSaga
    @SagaEventHandler(associationProperty = "runId")
    public void on(MigrationRunStarted event, MetaData metaData, MigrationCopies copies) {
        migrationId = event.id();
        runId = event.runId();
        target = event.target();
        origin = new HashMap<>();
        for (String key : ORIGIN) {
            if (metaData.get(key) != null) {
                origin.put(key, metaData.get(key));
            }
        }
        copies.copy(event, actor());
    }

    @SagaEventHandler(associationProperty = "runId")
    public void on(MigrationCopyMade event, MigrationCopies copies) {
        copies.place(migrationId, runId, target, event.copy(), actor());
    }

    @SagaEventHandler(associationProperty = "migrationRunId", keyName = "runId")
    public void on(TargetVmPlaced event, MigrationCopies copies) {
        copies.complete(migrationId, runId, actor());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "runId")
    public void on(MigrationRunSucceeded event) {}

    @EndSaga
    @SagaEventHandler(associationProperty = "runId")
    public void on(MigrationRunFailed event) {}

    private Actor actor() {
        Map<String, Object> meta = new HashMap<>(origin);
        meta.putIfAbsent("contract", "platform");
        meta.put("process", "migration-run");
        return () -> meta;
    }

    // ---- state, for the saga serializer

    public String getMigrationId() { return migrationId; }

    public void setMigrationId(String migrationId) { this.migrationId = migrationId; }

    public String getRunId() { return runId; }

    public void setRunId(String runId) { this.runId = runId; }

    public long getTarget() { return target; }

    public void setTarget(long target) { this.target = target; }

    public Map<String, Object> getOrigin() { return origin; }

    public void setOrigin(Map<String, Object> origin) { this.origin = origin; }
}
