package io.opsledger.web.migasfree;

import com.fasterxml.jackson.databind.node.TextNode;
import io.opsledger.devices.Fleet;
import io.opsledger.identity.Users;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.web.ApiException;
import io.opsledger.web.Web;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * migasfree's public (unwrapped) client endpoints (NOTES.md, the v5 client protocol): project
 * registration with its keys, server info, the repositories' OpenPGP key and sync availability.
 * mTLS (/manager/v1/public/mtls/..., /manager/v1/public/ca) is not served: the client skips it on 404.
 */
@RestController
@Tag(name = "migasfree: client (public)")
public class MigasfreePublicController {

    public static final String SERVER_VERSION = "5.0";

    private final Web web;
    private final Users accounts;
    private final Fleet fleet;

    public MigasfreePublicController(Web web, Users accounts, Fleet fleet) {
        this.web = web;
        this.accounts = accounts;
        this.fleet = fleet;
    }

    @PostMapping("/api/v1/public/keys/project")
    @Operation(summary = "Register a project (created with its platform and key pair when missing) and get its keys",
            description = "Body {username, password, project, pms, platform, architecture} of a user who may write "
                    + "(standard or above; else 401); answers "
                    + "{\"migasfree-server.pub\": PEM, \"migasfree-client.pri\": PEM}.")
    public Mono<ResponseEntity<?>> projectKeys(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String username = f.text("username");
            String password = f.text("password");
            String project = f.requireText("project");
            String pms = f.requireText("pms");
            String platform = f.text("platform");
            String architecture = f.text("architecture");
            f.validate();
            UserView user = MigasfreeSafeController.registrar(accounts.verify(ctx, username, password));
            Fleet.ProjectKeys keys = fleet.registerProject(ctx, user, project, pms, platform, architecture);
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("migasfree-server.pub", keys.serverPublicPem());
            answer.put("migasfree-client.pri", keys.projectPrivatePem());
            return ResponseEntity.ok(answer);
        });
    }

    @RequestMapping(path = "/api/v1/public/server/info", method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "The server's name and version")
    public Mono<ResponseEntity<?>> serverInfo(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> ResponseEntity.ok(Map.of("version", SERVER_VERSION, "author", "OpsLedger",
                "organization", "OpsLedger", "contact", "", "homepage", "")));
    }

    @RequestMapping(path = "/api/v1/public/keys/repositories", method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "The ASCII-armored OpenPGP public key that signs repository metadata, as a JSON string")
    public Mono<ResponseEntity<?>> repositoriesKey(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(TextNode.valueOf(fleet.keys().repositoriesPublicKey())));
    }

    @RequestMapping(path = "/manager/v1/public/synchronizations/availability", method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "Whether a computer may sync now (plain GET or the client's wrapped POST)")
    public Mono<ResponseEntity<?>> availability(ServerWebExchange exchange) {
        // phase 1: no limit on concurrent syncs yet (issue 15)
        return web.run(exchange, (ctx, f) -> ResponseEntity.ok(Map.of("status", "ok")));
    }
}
