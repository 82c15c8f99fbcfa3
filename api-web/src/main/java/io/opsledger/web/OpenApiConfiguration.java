package io.opsledger.web;

import io.opsledger.web.security.AuthenticationFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header (served at /v3/api-docs, Swagger UI at /docs/) and the credentials every contract accepts. */
@Configuration
public class OpenApiConfiguration {

    static final String DESCRIPTION = """
            One event-sourced backend serving five API contracts on a shared identity store: \
            DriftMgr (/api/v1/auth/*, backends, state, drift; envelope errors), \
            api_migration (/api/v1/auth, /api/v1/token, migration resources), \
            migasfree-backend (/token-auth, /token-auth-jwt, /api/v1/token/*, /api/v1/safe/*, /api/v1/public/*), \
            CN-Asset-Manager (asset inventory under /api/) and BitBlast (the rest of /api/v1/). \
            Any credential issued by one contract authenticates on all of them.""";

    @Bean
    public OpenAPI openApi(ObjectProvider<BuildProperties> build) {
        BuildProperties props = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("OpsLedger").version(props == null ? "dev" : props.getVersion()).description(DESCRIPTION))
                .components(new Components()
                        .addSecuritySchemes("Token", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("Authorization")
                                .description("DRF token: \"Token <token>\" (migasfree /token-auth, BitBlast, asset inventory)"))
                        .addSecuritySchemes("bearerJWT", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("\"Bearer <access>\" from DriftMgr login, api_migration /api/v1/token or migasfree /token-auth-jwt"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("DriftMgr API key (/api/v1/auth/api-keys)"))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name(AuthenticationFilter.SESSION_COOKIE)
                                .description("Django-style session cookie; unsafe methods need X-CSRFToken")));
    }
}
