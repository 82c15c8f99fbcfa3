package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.drift.StateBackends;
import io.opsledger.drift.StateSync;
import io.opsledger.drift.api.BackendMessages;
import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.api.DriftQueries.*;
import io.opsledger.common.Queries;
import io.opsledger.web.Web;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DriftMgr's Backend Management (driftmgr-api.md), plus {@code POST /api/v1/backends} to register
 * one (our addition, NOTES.md). Viewers read; operators test; admins register and discover.
 */
@RestController
@RequestMapping("/api/v1/backends")
public class BackendsController {

    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d$");

    private final Web web;
    private final Queries queries;
    private final StateSync states;
    private final StateBackends backends;

    public BackendsController(Web web, Queries queries, StateSync states, StateBackends backends) {
        this.web = web;
        this.queries = queries;
        this.states = states;
        this.backends = backends;
    }

    /** The request body of a registration, for the OpenAPI document. */
    @Schema(description = "A Terraform backend: type s3 with config {bucket, region, key_prefix} or type local with config {path}")
    record RegisterBody(@Schema(example = "prod-state") String name, @Schema(allowableValues = {"s3", "local"}) String type,
                        @Schema(example = "{\"bucket\": \"terraform-state\", \"region\": \"us-east-1\", \"key_prefix\": \"environments/\"}")
                        Map<String, String> config) {}

    @GetMapping({"/list", ""})
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.viewer(ctx);
            List<BackendJson> backends = queries.one(new ListBackends(), BackendList.class).backends().stream()
                    .map(BackendJson::of).toList();
            return Envelope.ok(new Backends(backends, backends.size()));
        });
    }

    @PostMapping
    @Operation(summary = "Register a Terraform state backend (OpsLedger's addition to DriftMgr; admin)",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = RegisterBody.class))),
            responses = {@ApiResponse(responseCode = "201", description = "The backend, in the envelope; its *.tfstate files are read"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR with field errors"),
                    @ApiResponse(responseCode = "401", description = "AUTHENTICATION_REQUIRED"),
                    @ApiResponse(responseCode = "403", description = "INSUFFICIENT_PERMISSIONS (admins only)"),
                    @ApiResponse(responseCode = "409", description = "RESOURCE_ALREADY_EXISTS: this bucket/prefix or directory is registered")})
    public Mono<ResponseEntity<?>> register(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.admin(ctx);
            String name = f.requireText("name");
            String type = f.choice("type", BackendMessages.TYPES, true);
            JsonNode config = f.node("config");
            if (config == null) {
                f.error("config", "This field is required.");
            } else if (!config.isObject()) {
                f.error("config", "Expected an object.");
            }
            DriftMgrWeb.validate(f);
            BackendConfig c = BackendMessages.S3.equals(type)
                    ? BackendConfig.s3(text(config, "bucket"), text(config, "region"), text(config, "key_prefix"))
                    : BackendConfig.local(text(config, "path"));
            return Envelope.created(BackendJson.of(backends.register(ctx, name, type, c)));
        });
    }

    @PostMapping("/discover")
    public Mono<ResponseEntity<?>> discover(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.admin(ctx);
            List<String> providers = f.textList("providers");
            List<String> regions = f.textList("regions");
            if (regions != null) {
                for (String region : regions) {
                    if (!REGION.matcher(region).matches()) {
                        f.error("regions", "\"" + region + "\" is not a valid region name.");
                    }
                }
            }
            DriftMgrWeb.validate(f);
            StateBackends.Discovered discovered = backends.discover(ctx, providers, regions);
            List<BackendJson> found = discovered.backends().stream().map(BackendJson::of).toList();
            return Envelope.ok(new Discovery(found.size(), found, discovered.log()));
        });
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.viewer(ctx);
            return Envelope.ok(BackendJson.of(states.backend(id)));
        });
    }

    @PostMapping("/{id}/test")
    public Mono<ResponseEntity<?>> test(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.operator(ctx);
            StateBackends.Checked check = backends.test(ctx, states.backend(id));
            return Envelope.ok(new ConnectionTest(check.reachable() ? "success" : "failed", check.message(),
                    check.responseTimeMillis() + "ms"));
        });
    }

    private static String text(JsonNode config, String key) {
        JsonNode v = config == null ? null : config.get(key);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    // ---- JSON: DriftMgr's views

    record Backends(List<BackendJson> backends, int total) {}

    record Discovery(int discovered, List<BackendJson> backends, List<String> log) {}

    record ConnectionTest(String status, String message, @JsonProperty("response_time") String responseTime) {}

    record S3Config(String bucket, String region, @JsonProperty("key_prefix") String keyPrefix) {}

    record LocalConfig(String path) {}

    record BackendJson(String id, String name, String type, Object config, String status,
                       @JsonProperty("last_checked") Instant lastChecked, @JsonProperty("created_at") Instant createdAt,
                       @JsonProperty("updated_at") Instant updatedAt) {
        static BackendJson of(BackendView b) {
            Object config = BackendMessages.S3.equals(b.type())
                    ? new S3Config(b.config().bucket(), b.config().region(), b.config().keyPrefix())
                    : new LocalConfig(b.config().path());
            return new BackendJson(b.id(), b.name(), b.type(), config, b.status(), b.lastChecked(), b.createdAt(), b.updatedAt());
        }
    }
}
