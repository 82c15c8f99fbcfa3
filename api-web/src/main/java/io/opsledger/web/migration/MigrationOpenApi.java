package io.opsledger.web.migration;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The api_migration part of the OpenAPI document (served at /v3/api-docs, Swagger UI at /swagger/
 * and /docs/): each resource's request bodies (JSON, urlencoded or multipart; a PATCH takes any of
 * the fields), its answers, and the Bearer JWT every resource needs. The controllers read raw
 * exchanges (see {@link io.opsledger.web.Web}), so the schemas are stated here.
 */
@Component
public class MigrationOpenApi implements OpenApiCustomizer {

    private static final List<String> FORMATS = List.of(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
            org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE);

    private record Resource(String path, String name, Class<?> answer, Class<?> request) {}

    private static final List<Resource> RESOURCES = List.of(
            new Resource("/api/v1/credentials", "credentials", MigrationWire.Credential.class, MigrationWire.CredentialRequest.class),
            new Resource("/api/v1/mount_points", "mount point", MigrationWire.MountPoint.class, MigrationWire.MountPointRequest.class),
            new Resource("/api/v1/work_loads", "workload", MigrationWire.WorkLoad.class, MigrationWire.WorkLoadRequest.class),
            new Resource("/api/v1/migration_targets", "migration target", MigrationWire.Target.class,
                    MigrationWire.TargetRequest.class),
            new Resource("/api/v1/migrations", "migration", MigrationWire.Migration.class, MigrationWire.MigrationRequest.class));

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Components components = openApi.getComponents();
        for (Resource resource : RESOURCES) {
            String answer = register(components, resource.answer());
            String request = register(components, resource.request());
            String patched = "Patched" + request;
            components.addSchemas(patched, partial(components.getSchemas().get(request)));

            PathItem list = openApi.getPaths().get(resource.path());
            if (list != null) {
                document(list.getGet(), null, responses(HttpStatus.OK, "Your " + resource.name() + " objects, by id",
                        new ArraySchema().items(ref(answer))));
                document(list.getPost(), request, responses(HttpStatus.CREATED, "The new " + resource.name(), ref(answer))
                        .addApiResponse("400", fieldErrors()));
            }
            PathItem item = openApi.getPaths().get(resource.path() + "/{id}");
            if (item != null) {
                document(item.getGet(), null, responses(HttpStatus.OK, "The " + resource.name(), ref(answer))
                        .addApiResponse("404", notFound()));
                document(item.getPatch(), patched, responses(HttpStatus.OK, "The changed " + resource.name(), ref(answer))
                        .addApiResponse("400", fieldErrors()).addApiResponse("404", notFound()));
                document(item.getDelete(), null, responses(HttpStatus.NO_CONTENT, "Deleted", null)
                        .addApiResponse("404", notFound()));
            }
        }
        PathItem run = openApi.getPaths().get("/api/v1/migrations/{id}/run");
        if (run != null) {
            document(run.getGet(), null, responses(HttpStatus.OK, "The run succeeded: \"migration successfully\"",
                    new StringSchema().example(MigrationsController.RUN_SUCCEEDED))
                    .addApiResponse("400", new ApiResponse().description("The run was refused (not not_started or error): "
                                    + "[\"migration can't run\"]; or it failed: \"selected_mount_points not in source\"")
                            .content(json(new Schema<>().oneOf(List.of(new ArraySchema().items(new StringSchema()),
                                    new StringSchema()))))).addApiResponse("404", notFound()));
        }
        PathItem state = openApi.getPaths().get("/api/v1/migrations/{id}/state");
        if (state != null) {
            document(state.getGet(), null, responses(HttpStatus.OK, "The migration's state", new ObjectSchema()
                    .addProperty("migration state", new StringSchema()._enum(List.of("not_started", "running", "success", "error"))))
                    .addApiResponse("404", notFound()));
        }
        PathItem events = openApi.getPaths().get("/api/v1/migrations/{id}/events");
        if (events != null) {
            ApiResponses answers = new ApiResponses().addApiResponse("200", new ApiResponse()
                    .description("One event per step of the latest run (event: the step's name; data: {run_id, step, state, "
                            + "detail, at}), then \"state\" with {\"migration state\": ...}; ends when the run has ended")
                    .content(new Content().addMediaType(org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE,
                            new MediaType().schema(new StringSchema()))))
                    .addApiResponse("401", unauthenticated()).addApiResponse("404", notFound());
            document(events.getGet(), null, answers);
        }
    }

    private static String register(Components components, Class<?> type) {
        Map<String, Schema> schemas = ModelConverters.getInstance().readAll(type);
        schemas.forEach(components::addSchemas);
        io.swagger.v3.oas.annotations.media.Schema named = type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return named != null && !named.name().isEmpty() ? named.name() : type.getSimpleName();
    }

    /** A PATCH body: the same fields, none required. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema partial(Schema full) {
        Schema copy = new ObjectSchema();
        copy.setProperties(full.getProperties());
        copy.setDescription("Any of the fields; the others keep their values");
        return copy;
    }

    private static void document(Operation operation, String requestSchema, ApiResponses responses) {
        if (operation == null) {
            return;
        }
        operation.setSecurity(List.of(new SecurityRequirement().addList("bearerJWT")));
        if (requestSchema != null) {
            Content content = new Content();
            FORMATS.forEach(format -> content.addMediaType(format, new MediaType().schema(ref(requestSchema))));
            operation.setRequestBody(new RequestBody().required(true).content(content));
        }
        if (!responses.containsKey("401")) {
            responses.addApiResponse("401", unauthenticated());
        }
        operation.setResponses(responses);
    }

    private static ApiResponses responses(HttpStatus status, String description, Schema<?> schema) {
        ApiResponse answer = new ApiResponse().description(description);
        if (schema != null) {
            answer.content(json(schema));
        }
        return new ApiResponses().addApiResponse(String.valueOf(status.value()), answer);
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, new MediaType().schema(schema));
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    private static ApiResponse fieldErrors() {
        return new ApiResponse().description("Field errors, {\"field\": [\"message\"]}").content(json(new ObjectSchema()
                .additionalProperties(new ArraySchema().items(new StringSchema()))));
    }

    private static ApiResponse notFound() {
        return new ApiResponse().description("Not yours, or no such object: {\"detail\": \"Not found.\"}")
                .content(json(detail()));
    }

    private static ApiResponse unauthenticated() {
        return new ApiResponse().description("No valid Bearer token: {\"detail\": ...}").content(json(detail()));
    }

    private static Schema<?> detail() {
        return new ObjectSchema().addProperty("detail", new StringSchema());
    }
}
