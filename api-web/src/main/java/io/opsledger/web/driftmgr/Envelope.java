package io.opsledger.web.driftmgr;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** DriftMgr's success envelope: {"success": true, "data": ..., "error": null}. */
public final class Envelope {
    private Envelope() {}

    public static ResponseEntity<?> ok(Object data) { return status(HttpStatus.OK, data); }

    public static ResponseEntity<?> created(Object data) { return status(HttpStatus.CREATED, data); }

    public static ResponseEntity<?> status(HttpStatus status, Object data) {
        return ResponseEntity.status(status).body(new Body(true, data, null));
    }

    /** The envelope itself; {@code error} is always null on success. */
    record Body(boolean success, Object data, Object error) {}
}
