package io.opsledger.web.migasfree;

import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.SessionKind;
import io.opsledger.web.ApiException;
import io.opsledger.web.Web;
import io.opsledger.identity.Users;
import io.opsledger.web.identity.SimpleJwt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/** migasfree's logins (migasfree-backend-api.md): a DRF token for the frontend, a SimpleJWT pair for clients. */
@RestController
@Tag(name = "migasfree: auth")
public class MigasfreeAuthController {

    @Schema(name = "MigasfreeCredentials")
    record Credentials(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String username,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "password") String password) {}

    private final Web web;
    private final Users accounts;

    public MigasfreeAuthController(Web web, Users accounts) {
        this.web = web;
        this.accounts = accounts;
    }

    @PostMapping("/token-auth")
    @Operation(summary = "Obtain a DRF token (Authorization: Token <token>)", requestBody = @RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Credentials.class)),
            @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(implementation = Credentials.class))}),
            responses = {@ApiResponse(responseCode = "200", description = "{\"token\"}"),
                    @ApiResponse(responseCode = "400", description = "Field errors or unusable credentials")})
    public Mono<ResponseEntity<?>> tokenAuth(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String username = f.requireText("username");
            String password = f.requireText("password");
            f.validate();
            UserView user = accounts.verify(ctx, username, password);
            if (user == null) { // DRF's AuthTokenSerializer
                throw ApiException.field("non_field_errors", "Unable to log in with provided credentials.");
            }
            return ResponseEntity.ok(Map.of("token", accounts.openSession(ctx, user, SessionKind.TOKEN, null)));
        });
    }

    @PostMapping("/token-auth-jwt")
    @Operation(summary = "Obtain a JWT pair (Authorization: Bearer <access>)", requestBody = @RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Credentials.class)),
            @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(implementation = Credentials.class))}),
            responses = {@ApiResponse(responseCode = "200", description = "{\"access\", \"refresh\"}"),
                    @ApiResponse(responseCode = "401", description = "No active account found with the given credentials")})
    public Mono<ResponseEntity<?>> tokenAuthJwt(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> ResponseEntity.ok(SimpleJwt.obtainPair(accounts, ctx, f)));
    }
}
