package io.opsledger.web;

import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest extends AppTest {

    @Test
    void apiDocsListEveryContractsAuthEndpoints() {
        http().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("OpsLedger")
                .jsonPath("$.info.description").value(d -> assertThat((String) d)
                        .contains("DriftMgr", "api_migration", "migasfree", "CN-Asset-Manager", "BitBlast"))
                .jsonPath("$.components.securitySchemes.Token.name").isEqualTo("Authorization")
                .jsonPath("$.components.securitySchemes.bearerJWT.scheme").isEqualTo("bearer")
                .jsonPath("$.components.securitySchemes.apiKey.name").isEqualTo("X-API-Key")
                .jsonPath("$.components.securitySchemes.session.in").isEqualTo("cookie")
                .jsonPath("$.paths['/api/v1/auth/login'].post").exists()
                .jsonPath("$.paths['/api/v1/auth/register'].post").exists()
                .jsonPath("$.paths['/api/v1/audit/events'].get").exists()
                .jsonPath("$.paths['/api/v1/auth'].post").exists()
                .jsonPath("$.paths['/api/v1/token'].post").exists()
                .jsonPath("$.paths['/api/v1/token/refresh'].post").exists()
                .jsonPath("$.paths['/token-auth'].post").exists()
                .jsonPath("$.paths['/token-auth-jwt'].post").exists()
                .jsonPath("$.paths['/token-auth'].post.requestBody.content['application/json'].schema").exists()
                .jsonPath("$.paths['/token-auth'].post.parameters").doesNotExist()
                .jsonPath("$.paths['/api/v1/token/refresh'].post.requestBody.content['application/x-www-form-urlencoded'].schema").exists();
        http().get().uri("/v3/api-docs/").exchange().expectStatus().isOk();
    }

    @Test
    void docsLeadToSwaggerUi() {
        for (String path : new String[] {"/docs", "/docs/"}) {
            String page = followRedirects(path);
            http().get().uri(page).exchange().expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
        }
        String ui = followRedirects("/docs");
        String base = ui.substring(0, ui.lastIndexOf('/') + 1);
        http().get().uri(base + "swagger-initializer.js").exchange().expectStatus().isOk()
                .expectBody(String.class).value(js -> assertThat(js).contains("/v3/api-docs"));
        http().get().uri(base + "swagger-ui-bundle.js").exchange().expectStatus().isOk();
        http().get().uri(base + "swagger-ui.css").exchange().expectStatus().isOk();
        http().get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo("/v3/api-docs");
    }
}
