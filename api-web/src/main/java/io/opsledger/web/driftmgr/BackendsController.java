package io.opsledger.web.driftmgr;

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

import java.util.LinkedHashMap;
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
            List<Map<String, Object>> backends = queries.one(new ListBackends(), BackendList.class).backends().stream()
                    .map(BackendsController::json).toList();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("backends", backends);
            data.put("total", backends.size());
            return Envelope.ok(data);
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
            return Envelope.created(json(backends.register(ctx, name, type, c)));
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
            List<Map<String, Object>> found = discovered.backends().stream().map(BackendsController::json).toList();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("discovered", found.size());
            data.put("backends", found);
            data.put("log", discovered.log());
            return Envelope.ok(data);
        });
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.viewer(ctx);
            return Envelope.ok(json(states.backend(id)));
        });
    }

    @PostMapping("/{id}/test")
    public Mono<ResponseEntity<?>> test(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            DriftMgrWeb.operator(ctx);
            StateBackends.Checked check = backends.test(ctx, states.backend(id));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("status", check.reachable() ? "success" : "failed");
            data.put("message", check.message());
            data.put("response_time", check.responseTimeMillis() + "ms");
            return Envelope.ok(data);
        });
    }

    private static String text(JsonNode config, String key) {
        JsonNode v = config == null ? null : config.get(key);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    static Map<String, Object> json(BackendView b) {
        Map<String, Object> config = new LinkedHashMap<>();
        if (BackendMessages.S3.equals(b.type())) {
            config.put("bucket", b.config().bucket());
            config.put("region", b.config().region());
            config.put("key_prefix", b.config().keyPrefix());
        } else {
            config.put("path", b.config().path());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", b.id());
        out.put("name", b.name());
        out.put("type", b.type());
        out.put("config", config);
        out.put("status", b.status());
        out.put("last_checked", b.lastChecked());
        out.put("created_at", b.createdAt());
        out.put("updated_at", b.updatedAt());
        return out;
    }

}
