package io.opsledger.web.migration;

import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;


import static org.assertj.core.api.Assertions.assertThat;

/** api_migration's resources "described in the /swagger/ documentation". */
class MigrationOpenApiTest extends AppTest {

    @Test
    void swaggerLeadsToSwaggerUi() {
        for (String path : new String[] {"/swagger/", "/swagger"}) {
            String page = followRedirects(path);
            http().get().uri(page).exchange().expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
        }
    }

    @Test
    void apiDocsDescribeEveryResourceWithItsBodiesAndAnswers() {
        WebTestClient.BodyContentSpec docs = http().get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody();
        for (String resource : new String[] {"credentials", "mount_points", "work_loads", "migration_targets", "migrations"}) {
            String list = "$.paths['/api/v1/" + resource + "']";
            String item = "$.paths['/api/v1/" + resource + "/{id}']";
            docs.jsonPath(list + ".get.responses['200'].content['application/json'].schema.items['$ref']").exists()
                    .jsonPath(list + ".get.responses['401']").exists()
                    .jsonPath(list + ".post.requestBody.content['application/json'].schema['$ref']").exists()
                    .jsonPath(list + ".post.requestBody.content['application/x-www-form-urlencoded'].schema['$ref']").exists()
                    .jsonPath(list + ".post.requestBody.content['multipart/form-data'].schema['$ref']").exists()
                    .jsonPath(list + ".post.responses['201'].content['application/json'].schema['$ref']").exists()
                    .jsonPath(list + ".post.responses['400']").exists()
                    .jsonPath(list + ".post.security[0].bearerJWT").exists()
                    .jsonPath(list + ".put").doesNotExist()
                    .jsonPath(item + ".get.responses['404']").exists()
                    .jsonPath(item + ".patch.requestBody.content['multipart/form-data'].schema['$ref']").exists()
                    .jsonPath(item + ".delete.responses['204']").exists()
                    .jsonPath(item + ".put").doesNotExist();
        }
        docs.jsonPath("$.paths['/api/v1/migrations/{id}/run'].get.responses['200']").exists()
                .jsonPath("$.paths['/api/v1/migrations/{id}/run'].get.responses['400']").exists()
                .jsonPath("$.paths['/api/v1/migrations/{id}/state'].get.responses['200'].content['application/json']"
                        + ".schema.properties['migration state']").exists()
                .jsonPath("$.paths['/api/v1/migrations/{id}/events'].get.responses['200'].content['text/event-stream']").exists()
                .jsonPath("$.components.schemas.WorkLoad.properties.storage.items['$ref']").isEqualTo("#/components/schemas/MountPoint")
                .jsonPath("$.components.schemas.WorkLoad.properties.credentials['$ref']").isEqualTo("#/components/schemas/Credentials")
                .jsonPath("$.components.schemas.Migration.properties.migration_state.enum").isArray()
                .jsonPath("$.components.schemas.MigrationTarget.properties.target_vm").exists()
                .jsonPath("$.components.schemas.CredentialsRequest.required").isArray()
                .jsonPath("$.components.schemas.WorkLoadRequest.properties.storage.type").isEqualTo("array")
                .jsonPath("$.components.schemas.PatchedWorkLoadRequest.required").doesNotExist()
                .jsonPath("$.components.schemas.MigrationCredentials.properties.password").exists();
    }
}
