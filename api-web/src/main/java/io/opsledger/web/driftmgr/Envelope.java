package io.opsledger.web.driftmgr;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.LinkedHashMap;
import java.util.Map;

/** DriftMgr's success envelope: {"success": true, "data": ..., "error": null}. */
public final class Envelope {
    private Envelope() {}

    public static ResponseEntity<?> ok(Object data) { return status(HttpStatus.OK, data); }

    public static ResponseEntity<?> created(Object data) { return status(HttpStatus.CREATED, data); }

    public static ResponseEntity<?> status(HttpStatus status, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        body.put("error", null);
        return ResponseEntity.status(status).body(body);
    }
}
