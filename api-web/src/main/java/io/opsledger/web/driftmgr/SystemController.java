package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.platform.ProjectionCatchUp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * Health and version, in DriftMgr's envelope. /health answers "healthy" once the application is
 * ready and its projections have caught up with the event store ("starting", "rebuilding" and 503 before).
 */
@RestController
public class SystemController {

    private final String version;
    private final Instant buildTime;
    private final ApplicationAvailability availability;
    private final ProjectionCatchUp projections;

    public SystemController(ObjectProvider<BuildProperties> build, ApplicationAvailability availability,
                            ProjectionCatchUp projections) {
        this.availability = availability;
        this.projections = projections;
        BuildProperties props = build.getIfAvailable();
        this.version = props == null ? "dev" : props.getVersion();
        this.buildTime = props == null ? null : props.getTime();
    }

    @GetMapping({"/health", "/api/v1/health"})
    public ResponseEntity<?> health() {
        // ready only after the start-up work (the superadmin from OPSLEDGER_ADMIN_*) is done
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        // reads answered before the projections caught up would show a past state
        String status = !ready ? "starting" : projections.caughtUp() ? "healthy" : "rebuilding";
        return Envelope.status("healthy".equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
                new Health(status, Instant.now(), version));
    }

    @GetMapping("/api/v1/version")
    public ResponseEntity<?> version() {
        // DriftMgr reports its Go runtime here; OpsLedger reports the Java runtime it runs on
        return Envelope.ok(new Version(version, buildTime, System.getenv().getOrDefault("OPSLEDGER_GIT_COMMIT", "unknown"),
                "java-" + System.getProperty("java.version")));
    }

    record Health(String status, Instant timestamp, String version) {}

    record Version(String version, @JsonProperty("build_time") Instant buildTime, @JsonProperty("git_commit") String gitCommit,
                   @JsonProperty("go_version") String goVersion) {}
}
