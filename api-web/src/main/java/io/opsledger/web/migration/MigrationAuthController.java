package io.opsledger.web.migration;

import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.web.Web;
import io.opsledger.identity.Users;
import io.opsledger.web.identity.UserFields;
import io.opsledger.web.identity.SimpleJwt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.regex.Pattern;

/** api_migration's registration and SimpleJWT token endpoints (api-migration.md), on the shared identity store. */
@RestController
@Tag(name = "api_migration: auth")
public class MigrationAuthController {

    // Django's UnicodeUsernameValidator and max_length
    private static final Pattern USERNAME = Pattern.compile("^[\\w.@+-]+$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int USERNAME_MAX = 150;

    @Schema(name = "MigrationCredentials")
    record Credentials(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String username,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 8, format = "password") String password) {}

    record Registered(String username, long id) {}

    @Schema(name = "MigrationRefresh")
    record Refresh(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String refresh) {}

    private final Web web;
    private final Users accounts;

    public MigrationAuthController(Web web, Users accounts) {
        this.web = web;
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/auth")
    @Operation(summary = "Register (anonymous)", requestBody = @RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Credentials.class)),
            @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(implementation = Credentials.class))}),
            responses = {@ApiResponse(responseCode = "201", description = "{\"username\", \"id\"}"),
                    @ApiResponse(responseCode = "400", description = "Field errors"),
                    @ApiResponse(responseCode = "403", description = "Self-registration is disabled"),
                    @ApiResponse(responseCode = "409", description = "Username taken")})
    public Mono<ResponseEntity<?>> register(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            accounts.requireSelfRegistration();
            String username = f.requireText("username");
            String password = f.requireText("password");
            if (username != null && !username.isBlank()) {
                if (username.length() > USERNAME_MAX) {
                    f.error("username", "Ensure this field has no more than " + USERNAME_MAX + " characters.");
                } else if (!USERNAME.matcher(username).matches()) {
                    f.error("username", "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
                }
            }
            UserFields.checkPassword(f, "password", password);
            UserFields.checkUserFieldLengths(f);
            f.validate();
            // readonly on shared infrastructure; api_migration's own objects will belong to their creator
            UserView user = accounts.selfRegister(ctx, username, "", "", "", password);
            return ResponseEntity.status(HttpStatus.CREATED).body(new Registered(user.username(), user.userNumber()));
        });
    }

    @PostMapping("/api/v1/token")
    @Operation(summary = "Obtain a JWT pair", requestBody = @RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Credentials.class)),
            @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(implementation = Credentials.class))}),
            responses = {@ApiResponse(responseCode = "200", description = "{\"refresh\", \"access\"}"),
                    @ApiResponse(responseCode = "401", description = "No active account found with the given credentials")})
    public Mono<ResponseEntity<?>> token(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> ResponseEntity.ok(SimpleJwt.obtainPair(accounts, ctx, f)));
    }

    @PostMapping("/api/v1/token/refresh")
    @Operation(summary = "Refresh the access token", requestBody = @RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Refresh.class)),
            @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(implementation = Refresh.class))}),
            responses = {@ApiResponse(responseCode = "200", description = "{\"access\"}"),
                    @ApiResponse(responseCode = "401", description = "Token is invalid or expired")})
    public Mono<ResponseEntity<?>> refresh(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> ResponseEntity.ok(SimpleJwt.refresh(accounts, f)));
    }
}
