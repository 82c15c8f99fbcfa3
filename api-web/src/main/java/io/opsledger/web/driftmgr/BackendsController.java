package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.common.RuleViolation;
import io.opsledger.drift.DriftQueries.*;
import io.opsledger.drift.api.BackendMessages;
import io.opsledger.drift.api.BackendMessages.*;
import io.opsledger.gateway.tfstate.S3StateStorage;
import io.opsledger.gateway.tfstate.StateStorage;
import io.opsledger.gateway.tfstate.StateStorageException;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.web.RequestContext;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * DriftMgr's Backend Management (driftmgr-api.md), plus {@code POST /api/v1/backends} to register
 * one (our addition, NOTES.md). Viewers read; operators test; admins register and discover.
 */
@RestController
@RequestMapping("/api/v1/backends")
public class BackendsController {

    static final String CLAIM_SCOPE = "drift.backend";
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d$");

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final UniqueClaims claims;
    private final DriftStates states;
    private final S3StateStorage s3;

    public BackendsController(Web web, Commands commands, Queries queries, UniqueClaims claims, DriftStates states,
                              S3StateStorage s3) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.claims = claims;
        this.states = states;
        this.s3 = s3;
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
            BackendView backend = register(ctx, name, type, c, BackendMessages.ACTIVE);
            states.trySyncBackend(ctx, backend);
            return Envelope.created(json(states.backend(backend.id())));
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
            List<String> log = new ArrayList<>();
            List<Map<String, Object>> found = new ArrayList<>();
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
                    BackendView backend = known != null ? known : register(ctx, bucket.bucket(), BackendMessages.S3, c,
                            BackendMessages.DISCOVERED);
                    states.trySyncBackend(ctx, backend);
                    found.add(json(states.backend(backend.id())));
                }
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("discovered", found.size());
            data.put("backends", found);
            data.put("log", log);
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
            BackendView backend = states.backend(id);
            StateStorage.Check check = states.storage(backend).test(backend.config());
            commands.send(new RecordBackendCheck(backend.id(), check.reachable(), check.responseTimeMillis(), check.message()), ctx);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("status", check.reachable() ? "success" : "failed");
            data.put("message", check.message());
            data.put("response_time", check.responseTimeMillis() + "ms");
            return Envelope.ok(data);
        });
    }

    /** Registers the backend under a claim on its location: one backend per bucket/prefix or directory (409). */
    private BackendView register(RequestContext ctx, String name, String type, BackendConfig config, String status) {
        String id = UUID.randomUUID().toString();
        // the aggregate normalizes the config (e.g. the key prefix), so claim what it will record
        RegisterBackend command = new RegisterBackend(id, name, type, config, status);
        String location = normalizedLocation(type, config);
        if (!claims.withClaim(CLAIM_SCOPE, location, id, () -> commands.send(command, ctx))) {
            throw RuleViolation.conflict("config", "A backend for " + location + " is already registered.");
        }
        return states.backend(id);
    }

    private static String normalizedLocation(String type, BackendConfig c) {
        if (BackendMessages.S3.equals(type)) {
            String prefix = c.keyPrefix() == null ? "" : c.keyPrefix().trim();
            while (prefix.startsWith("/")) {
                prefix = prefix.substring(1);
            }
            return BackendConfig.s3(c.bucket(), c.region(), prefix).location(type);
        }
        String path = c.path() == null || c.path().isBlank() || !c.path().startsWith("/") ? String.valueOf(c.path())
                : java.nio.file.Path.of(c.path()).normalize().toString();
        return BackendConfig.local(path).location(type);
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
