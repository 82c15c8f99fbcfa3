package io.opsledger.web.migasfree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.opsledger.common.RuleViolation;
import io.opsledger.devices.Fleet;
import io.opsledger.devices.StandardProperties;
import io.opsledger.devices.api.DevicesQueries.ComputerView;
import io.opsledger.devices.api.DevicesQueries.ProjectView;
import io.opsledger.devices.crypto.SafeEnvelope;
import io.opsledger.identity.Users;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.RequestContext;
import io.opsledger.web.Web;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * migasfree's safe client API (/api/v1/safe/..., NOTES.md): each body is {"msg": JWE, "project"},
 * opened with the server's key and the project's; each answer, errors included, is {"msg": JWE}
 * sealed the other way. An envelope that does not open is a 400 "Invalid Data" / "Invalid
 * Signature" in the clear (it may not come from the project at all).
 */
@RestController
@Tag(name = "migasfree: client (safe)")
public class MigasfreeSafeController {

    interface SafeHandler {
        Answer handle(RequestContext ctx, ProjectView project, JsonNode data);
    }

    record Answer(HttpStatus status, JsonNode body) {
        static Answer ok(JsonNode body) { return new Answer(HttpStatus.OK, body); }
        static Answer created(JsonNode body) { return new Answer(HttpStatus.CREATED, body); }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Web web;
    private final Users accounts;
    private final Fleet fleet;

    public MigasfreeSafeController(Web web, Users accounts, Fleet fleet) {
        this.web = web;
        this.accounts = accounts;
        this.fleet = fleet;
    }

    private Mono<ResponseEntity<?>> safe(ServerWebExchange exchange, SafeHandler handler) {
        return web.run(exchange, (ctx, f) -> {
            JsonNode msg = f.node("msg");
            Fleet.Opened opened;
            try {
                opened = fleet.open(f.text("project"), msg == null || !msg.isTextual() ? null : msg.textValue());
            } catch (SafeEnvelope.Refused refused) {
                throw ApiException.badRequest(refused.getMessage());
            }
            ProjectView project = opened.project();
            Answer answer;
            try {
                answer = handler.handle(ctx, project, opened.data());
            } catch (RuleViolation no) {
                HttpStatus status = switch (no.kind()) {
                    case NOT_FOUND -> HttpStatus.NOT_FOUND;
                    case FORBIDDEN -> HttpStatus.FORBIDDEN;
                    case CONFLICT -> HttpStatus.CONFLICT;
                    case INVALID -> HttpStatus.BAD_REQUEST;
                };
                answer = new Answer(status, TextNode.valueOf(no.getMessage()));
            } catch (ApiException no) {
                answer = new Answer(no.status(), TextNode.valueOf(no.getMessage()));
            }
            return ResponseEntity.status(answer.status()).body(Map.of("msg", fleet.seal(project, answer.body())));
        });
    }

    /**
     * Who registers projects and computers: a user whose credentials hold and who may write
     * (standard or above); read-only users are refused like wrong credentials (401, as migasfree
     * answers a user without the permission).
     */
    static UserView registrar(UserView verified) {
        if (verified == null) {
            throw ApiException.of(HttpStatus.UNAUTHORIZED, "Invalid credentials.");
        }
        if (!verified.role().atLeast(Role.STANDARD)) {
            throw ApiException.of(HttpStatus.UNAUTHORIZED, "This user may not register computers.");
        }
        return verified;
    }

    private static String text(JsonNode data, String name) {
        JsonNode v = data.path(name);
        return v.isNull() || v.isMissingNode() || v.isContainerNode() ? null : v.asText();
    }

    /** A {name: output} object as text values; outputs are what code printed, so their surrounding whitespace goes. */
    private static Map<String, String> texts(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.fields().forEachRemaining(e -> out.put(e.getKey(), (e.getValue().isTextual() ? e.getValue().textValue()
                    : e.getValue().isNull() ? "" : e.getValue().toString()).strip()));
        }
        return out;
    }

    private static ObjectNode computerJson(ComputerView c, ProjectView project) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", c.number());
        o.put("uuid", c.uuid());
        o.put("name", c.name());
        o.put("ip_address", c.ipAddress());
        o.put("status", c.status());
        o.putObject("project").put("id", project.number()).put("name", project.name());
        return o;
    }

    @PostMapping("/api/v1/safe/computers")
    @Operation(summary = "Register a computer (201) or find a known one (200) with a user's credentials")
    public Mono<ResponseEntity<?>> register(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            UserView user = registrar(accounts.verify(ctx, text(data, "username"), text(data, "password")));
            Fleet.Registration r = fleet.register(ctx, project, user, text(data, "uuid"), text(data, "name"),
                    text(data, "ip_address"));
            ObjectNode body = computerJson(r.computer(), project);
            return r.created() ? Answer.created(body) : Answer.ok(body);
        });
    }

    @PostMapping("/api/v1/safe/computers/id")
    @Operation(summary = "The id of the computer with this uuid or name, as a bare integer")
    public Mono<ResponseEntity<?>> computerId(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> Answer.ok(JSON.getNodeFactory().numberNode(
                fleet.inProject(project, fleet.find(text(data, "uuid"), text(data, "name"))).number())));
    }

    @PostMapping("/api/v1/safe/computers/errors")
    @Operation(summary = "An error the client met during a sync")
    public Mono<ResponseEntity<?>> errors(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            ComputerView c = fleet.computer(project, data.get("id"));
            fleet.reportError(ctx, c, text(data, "description"));
            return Answer.created(JSON.createObjectNode().put("id", c.number()));
        });
    }

    @PostMapping("/api/v1/safe/computers/properties")
    @Operation(summary = "The properties whose code the client runs to evaluate its attributes")
    public Mono<ResponseEntity<?>> properties(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            ComputerView c = fleet.computer(project, data.get("id"));
            ArrayNode out = JSON.createArrayNode();
            for (StandardProperties.Property p : StandardProperties.forComputer(c.number())) {
                out.addObject().put("prefix", p.prefix()).put("language", p.language()).put("code", p.code());
            }
            return Answer.ok(out);
        });
    }

    @PostMapping("/api/v1/safe/computers/attributes")
    @Operation(summary = "The attributes a sync evaluated; answers the computer's traits")
    public Mono<ResponseEntity<?>> attributes(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            ComputerView c = fleet.computer(project, data.get("id"));
            fleet.reportAttributes(ctx, c, text(data, "uuid"), text(data, "name"), text(data, "fqdn"), text(data, "ip_address"),
                    text(data, "sync_user"), text(data, "sync_fullname"), texts(data.get("sync_attributes")));
            return Answer.created(traits(fleet.computer(project, data.get("id"))));
        });
    }

    @PostMapping("/api/v1/safe/computers/faults/definitions")
    @Operation(summary = "The fault definitions the client runs (none yet)")
    public Mono<ResponseEntity<?>> faultDefinitions(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            fleet.computer(project, data.get("id"));
            return Answer.ok(JSON.createArrayNode());
        });
    }

    @PostMapping("/api/v1/safe/computers/faults")
    @Operation(summary = "The faults a sync found")
    public Mono<ResponseEntity<?>> faults(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            ComputerView c = fleet.computer(project, data.get("id"));
            fleet.reportFaults(ctx, c, texts(data.get("faults")));
            return Answer.created(JSON.createObjectNode().put("id", c.number()));
        });
    }

    @PostMapping("/api/v1/safe/computers/repositories")
    @Operation(summary = "The repositories the computer's deployments give it ([{name, source_template}]; none in phase 1)")
    public Mono<ResponseEntity<?>> repositories(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            fleet.computer(project, data.get("id"));
            return Answer.ok(JSON.createArrayNode());
        });
    }

    @PostMapping("/api/v1/safe/computers/packages/mandatory")
    @Operation(summary = "Packages to install and remove ({install: [], remove: []})")
    public Mono<ResponseEntity<?>> mandatoryPackages(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            fleet.computer(project, data.get("id"));
            ObjectNode out = JSON.createObjectNode();
            out.putArray("install");
            out.putArray("remove");
            return Answer.ok(out);
        });
    }

    @PostMapping("/api/v1/safe/computers/software")
    @Operation(summary = "The installed packages (name_version_arch.ext) and the client's history of changes")
    public Mono<ResponseEntity<?>> software(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            ComputerView c = fleet.computer(project, data.get("id"));
            JsonNode inventory = data.get("inventory");
            if (inventory == null || !inventory.isArray()) {
                throw RuleViolation.invalid("inventory", "Expected a list of items.");
            }
            List<String> packages = new ArrayList<>();
            inventory.forEach(p -> packages.add(p.asText()));
            JsonNode history = data.get("history");
            fleet.reportSoftware(ctx, c, packages, history == null ? null : history.toString());
            return Answer.created(JSON.createObjectNode().put("id", c.number()));
        });
    }

    @PostMapping("/api/v1/safe/computers/hardware/required")
    @Operation(summary = "Whether a hardware capture is due ({capture})")
    public Mono<ResponseEntity<?>> hardwareRequired(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> Answer.ok(JSON.createObjectNode()
                .put("capture", fleet.hardwareCaptureDue(fleet.computer(project, data.get("id"))))));
    }

    @PostMapping("/api/v1/safe/computers/hardware")
    @Operation(summary = "The computer's hardware (lshw -json)")
    public Mono<ResponseEntity<?>> hardware(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            ComputerView c = fleet.computer(project, data.get("id"));
            JsonNode hardware = data.get("hardware");
            if (hardware == null || !hardware.isContainerNode()) {
                throw RuleViolation.invalid("hardware", "Expected lshw's JSON.");
            }
            fleet.captureHardware(ctx, c, hardware.toString());
            return Answer.created(JSON.createObjectNode().put("id", c.number()));
        });
    }

    @PostMapping("/api/v1/safe/computers/devices")
    @Operation(summary = "The computer's logical devices ({} while it has none)")
    public Mono<ResponseEntity<?>> devices(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            fleet.computer(project, data.get("id"));
            return Answer.ok(JSON.createObjectNode());
        });
    }

    @PostMapping("/api/v1/safe/computers/traits")
    @Operation(summary = "The computer's traits [{id, description, value, name, prefix, sort}]")
    public Mono<ResponseEntity<?>> traits(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> Answer.ok(traits(fleet.computer(project, data.get("id")))));
    }

    @PostMapping("/api/v1/safe/synchronizations")
    @Operation(summary = "The end of a sync (201)")
    public Mono<ResponseEntity<?>> synchronization(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            ComputerView c = fleet.computer(project, data.get("id"));
            fleet.completeSynchronization(ctx, c, text(data, "start_date"), text(data, "consumer"),
                    data.path("pms_status_ok").asBoolean(true));
            return Answer.created(JSON.createObjectNode().put("id", c.number()).put("start_date", text(data, "start_date"))
                    .put("consumer", text(data, "consumer")).put("pms_status_ok", data.path("pms_status_ok").asBoolean(true)));
        });
    }

    @PostMapping("/api/v1/safe/eot")
    @Operation(summary = "End of transmission (\"EOT OK\")")
    public Mono<ResponseEntity<?>> eot(ServerWebExchange exchange) {
        return safe(exchange, (ctx, project, data) -> {
            fleet.computer(project, data.get("id"));
            return Answer.ok(TextNode.valueOf("EOT OK"));
        });
    }

    /** migasfree's traits: the computer's attributes, each {id, description, value, name, prefix, sort}. */
    private static ArrayNode traits(ComputerView c) {
        ArrayNode out = JSON.createArrayNode();
        Map<String, String> names = new LinkedHashMap<>();
        StandardProperties.forComputer(c.number()).forEach(p -> names.put(p.prefix(), p.name()));
        int i = 0;
        for (Map.Entry<String, String> a : c.attributes().entrySet()) {
            String value = a.getValue() == null ? "" : a.getValue().strip();
            out.addObject().put("id", ++i).put("description", "").put("value", value)
                    .put("name", names.getOrDefault(a.getKey(), a.getKey())).put("prefix", a.getKey()).put("sort", "client");
        }
        return out;
    }
}
