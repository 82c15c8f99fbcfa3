package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.drift.api.LockInfo;

import java.time.Instant;

/** Terraform's LockInfo JSON (its field names), as DriftMgr answers a lock, an unlock and a 409 STATE_LOCKED. */
record TerraformLock(@JsonProperty("ID") String id, @JsonProperty("Path") String path,
                     @JsonProperty("Operation") String operation, @JsonProperty("Who") String who,
                     @JsonProperty("Version") String version, @JsonProperty("Created") Instant created,
                     @JsonProperty("Info") String info) {

    static TerraformLock of(LockInfo lock) {
        return lock == null ? null : new TerraformLock(lock.id(), lock.path(), lock.operation(), lock.who(), lock.version(),
                lock.created(), lock.info());
    }
}
