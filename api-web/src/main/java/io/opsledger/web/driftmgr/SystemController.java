package io.opsledger.web.driftmgr;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health and version, in DriftMgr's envelope. /health answers once the application is ready. */
@RestController
public class SystemController {

    private final String version;
    private final Instant buildTime;
    private final ApplicationAvailability availability;

    public SystemController(ObjectProvider<BuildProperties> build, ApplicationAvailability availability) {
        this.availability = availability;
        BuildProperties props = build.getIfAvailable();
        this.version = props == null ? "dev" : props.getVersion();
        this.buildTime = props == null ? null : props.getTime();
    }

    @GetMapping({"/health", "/api/v1/health"})
    public ResponseEntity<?> health() {
        Map<String, Object> data = new LinkedHashMap<>();
        // ready only after the start-up work (the superadmin from OPSLEDGER_ADMIN_*) is done
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        data.put("status", ready ? "healthy" : "starting");
        data.put("timestamp", Instant.now());
        data.put("version", version);
        return Envelope.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, data);
    }

    @GetMapping("/api/v1/version")
    public ResponseEntity<?> version() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("build_time", buildTime);
        data.put("git_commit", System.getenv().getOrDefault("OPSLEDGER_GIT_COMMIT", "unknown"));
        // DriftMgr reports its Go runtime here; OpsLedger reports the Java runtime it runs on
        data.put("go_version", "java-" + System.getProperty("java.version"));
        return Envelope.ok(data);
    }
}
