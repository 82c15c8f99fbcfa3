package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.drift.api.ResourceMessages;
import io.opsledger.drift.api.StateMessages;
import io.opsledger.drift.api.StateMessages.SyncStateFile;
import io.opsledger.drift.tfstate.TerraformStates;
import io.opsledger.identity.api.Role;
import io.opsledger.common.Commands;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.MotoServer;
import io.opsledger.web.RequestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DriftMgr's resource and drift endpoints over HTTP, against a real moto_server holding the live
 * side of a Terraform state (EC2, RDS, S3): listing, search, detail, cost, compliance, tags written
 * to AWS, detection with attribute drift, missing and unmanaged resources, results, history,
 * summary, deletion; errors and permissions (viewer reads, operator detects and tags, admin deletes).
 */
class DriftDetectionHttpTest extends AppTest {

    static final MotoServer MOTO = MotoServer.start();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BACKEND = "b-" + UUID.randomUUID();
    private static final String STATE = StateMessages.stateId(BACKEND, "prod/terraform.tfstate");
    private static String web;
    private static String api;
    private static String stray;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        registry.add("opsledger.aws-endpoint", () -> MOTO.endpoint().toString());
        registry.add("opsledger.drift.aws.access-key-id", () -> "testing");
        registry.add("opsledger.drift.aws.secret-access-key", () -> "testing-secret");
        registry.add("opsledger.drift.aws.region", () -> "us-east-1");
    }

    @Autowired
    private Commands commands;

    private static StaticCredentialsProvider creds() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing-secret"));
    }

    static Ec2Client ec2() {
        return Ec2Client.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds()).build();
    }

    private static String instance(Ec2Client ec2, String name, String type) {
        return ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType(type).minCount(1).maxCount(1)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value(name).build(), Tag.builder().key("Environment").value("production").build())
                        .build())).instances().get(0).instanceId();
    }

    @BeforeAll
    static void seedTheCloud() {
        try (Ec2Client ec2 = ec2()) {
            web = instance(ec2, "web", "t3.small");
            api = instance(ec2, "api", "t3.micro");
            stray = instance(ec2, "stray", "t3.nano");
        }
        try (RdsClient rds = RdsClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds()).build()) {
            rds.createDBInstance(b -> b.dbInstanceIdentifier("orders-db").dbInstanceClass("db.t3.micro").engine("postgres")
                    .masterUsername("admin").masterUserPassword("Passw0rd!x").allocatedStorage(20).backupRetentionPeriod(7)
                    .storageEncrypted(true));
        }
        try (S3Client s3 = S3Client.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(creds()).build()) {
            s3.createBucket(b -> b.bucket("drift-assets"));
        }
    }

    private static String state() {
        String provider = "provider[\\\"registry.terraform.io/hashicorp/aws\\\"]";
        return """
                {"version": 4, "terraform_version": "1.5.0", "serial": 3, "lineage": "l-1", "outputs": {},
                 "resources": [
                  {"mode": "managed", "type": "aws_instance", "name": "web", "provider": "%1$s",
                   "instances": [{"schema_version": 1, "attributes": {"id": "%2$s", "ami": "ami-12c6146b",
                     "instance_type": "t3.micro", "availability_zone": "us-east-1a",
                     "tags": {"Name": "web", "Environment": "production"}, "user_data": "x"}}]},
                  {"mode": "managed", "type": "aws_instance", "name": "api", "provider": "%1$s",
                   "instances": [{"schema_version": 1, "attributes": {"id": "%3$s", "ami": "ami-12c6146b",
                     "instance_type": "t3.micro", "tags": {"Name": "api", "Environment": "production"}}}]},
                  {"mode": "managed", "type": "aws_instance", "name": "gone", "provider": "%1$s",
                   "instances": [{"schema_version": 1, "attributes": {"id": "i-0000000000000dead", "instance_type": "t3.micro",
                     "tags": {"Name": "gone"}}}]},
                  {"mode": "managed", "type": "aws_db_instance", "name": "orders", "provider": "%1$s",
                   "instances": [{"schema_version": 2, "attributes": {"id": "db-ABCDEF", "identifier": "orders-db",
                     "engine": "postgres", "instance_class": "db.t3.micro", "allocated_storage": 20,
                     "backup_retention_period": 7, "storage_encrypted": true, "password": "Sup3rSecret!",
                     "tags": {"Team": "data"}}}]},
                  {"mode": "managed", "type": "aws_s3_bucket", "name": "assets", "provider": "%1$s",
                   "instances": [{"schema_version": 0, "attributes": {"id": "drift-assets", "bucket": "drift-assets",
                     "region": "us-east-1", "tags": {}}}]},
                  {"mode": "data", "type": "aws_ami", "name": "ubuntu", "provider": "%1$s",
                   "instances": [{"schema_version": 0, "attributes": {"id": "ami-12c6146b"}}]}
                 ]}
                """.formatted(provider, web, api);
    }

    private void seedTheState() {
        byte[] bytes = state().getBytes(StandardCharsets.UTF_8);
        commands.send(new SyncStateFile(STATE, BACKEND, "prod/terraform.tfstate", bytes.length, Instant.now(),
                TerraformStates.checksum(bytes), TerraformStates.parse(bytes), null), RequestContext.system("test"));
    }

    private record Answer(int status, JsonNode body) {
        JsonNode data() { return body.path("data"); }
    }

    private Answer call(HttpMethod method, String path, String token, Object body) {
        var spec = http().method(method).uri(path);
        if (token != null) {
            spec = spec.header("Authorization", "Token " + token);
        }
        EntityExchangeResult<byte[]> result = (body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body instanceof String s ? s : body)).exchange().expectBody().returnResult();
        try {
            byte[] bytes = result.getResponseBody();
            return new Answer(result.getStatus().value(), bytes == null || bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer get(String path, String token) { return call(HttpMethod.GET, path, token, null); }

    private JsonNode awaitJob(String jobId, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Answer job = get("/api/v1/drift/jobs/" + jobId, token);
            assertThat(job.status()).as(job.body().toString()).isEqualTo(200);
            String status = job.data().path("status").asText();
            if (status.equals("completed") || status.equals("failed")) {
                return job.data();
            }
            assertThat(System.nanoTime()).as("job " + jobId + " still " + status).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private Map<String, JsonNode> resourcesByName(String token) {
        Answer list = get("/api/v1/resources?limit=1000", token);
        assertThat(list.status()).as(list.body().toString()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        list.data().path("resources").forEach(r -> {
            if (STATE.equals(r.path("state_id").asText())) {
                byName.put(r.path("name").asText(), r);
            }
        });
        return byName;
    }

    @Test
    void resourcesDetectionResultsHistorySummaryAndPermissions() throws Exception {
        seedTheState();
        String viewer = user(Role.READONLY).token();
        String operator = user(Role.STANDARD).token();
        String admin = user(Role.ADMIN).token();

        // ---- resources before any detection: the state's side
        Map<String, JsonNode> byName = resourcesByName(viewer);
        assertThat(byName).containsOnlyKeys("web", "api", "gone", "orders", "assets");
        JsonNode webItem = byName.get("web");
        assertThat(webItem.path("id").asText()).isEqualTo(ResourceMessages.resourceId(STATE, "aws_instance.web"));
        assertThat(webItem.path("provider").asText()).isEqualTo("aws");
        assertThat(webItem.path("region").asText()).isEqualTo("us-east-1");
        assertThat(webItem.path("status").asText()).isEqualTo("unknown");
        assertThat(webItem.path("tags").path("Environment").asText()).isEqualTo("production");

        Answer filtered = get("/api/v1/resources?type=aws_instance&tags=Name:web&limit=1&offset=0", viewer);
        assertThat(filtered.data().path("total").asInt()).isEqualTo(1);
        assertThat(filtered.data().path("limit").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/resources?provider=azure", viewer).data().path("total").asInt()).isZero();

        Answer search = get("/api/v1/resources/search?q=orders", viewer);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.data().path("query").asText()).isEqualTo("orders");
        assertThat(search.data().path("resources")).extracting(r -> r.path("name").asText()).contains("orders");
        assertThat(get("/api/v1/resources/search", viewer).status()).isEqualTo(400);
        assertThat(get("/api/v1/resources/search/", viewer).body().path("error").path("code").asText()).isEqualTo("VALIDATION_ERROR");

        String ordersId = byName.get("orders").path("id").asText();
        Answer detail = get("/api/v1/resources/" + ordersId, viewer);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.data().path("attributes").path("password").asText()).isEqualTo("********");
        assertThat(detail.toString()).doesNotContain("Sup3rSecret!");
        assertThat(detail.data().path("cost").path("monthly").decimalValue()).isEqualByComparingTo("14.71");
        assertThat(detail.data().path("compliance").path("checks")).isNotEmpty();
        Answer cost = get("/api/v1/resources/" + ordersId + "/cost", viewer);
        assertThat(cost.data().path("cost").path("current_month").decimalValue()).isEqualByComparingTo("14.71");
        assertThat(cost.data().path("cost").path("yearly").decimalValue()).isEqualByComparingTo("176.52");
        assertThat(cost.data().path("breakdown").path("compute").decimalValue()).isEqualByComparingTo("12.41");
        Answer compliance = get("/api/v1/resources/" + ordersId + "/compliance", viewer);
        assertThat(compliance.data().path("checks")).extracting(c -> c.path("name").asText())
                .contains("encryption_enabled", "backup_enabled", "monitoring_enabled");
        assertThat(compliance.data().path("score").asInt()).isBetween(0, 100);
        assertThat(get("/api/v1/resources/" + UUID.randomUUID(), viewer).status()).isEqualTo(404);
        assertThat(get("/api/v1/resources/" + UUID.randomUUID() + "/cost", viewer).body().path("error").path("code").asText())
                .isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(get("/api/v1/resources", null).status()).isEqualTo(401);
        assertThat(get("/api/v1/resources?limit=abc", viewer).status()).isEqualTo(400);
        assertThat(get("/api/v1/resources?offset=-1", viewer).status()).isEqualTo(400);

        // ---- detection: viewers may not start one; bad input is a 4xx
        assertThat(call(HttpMethod.POST, "/api/v1/drift/detect", viewer, Map.of()).status()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, "/api/v1/drift/detect", null, Map.of()).status()).isEqualTo(401);
        assertThat(call(HttpMethod.POST, "/api/v1/drift/detect", operator, Map.of("options", "deep")).status()).isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/api/v1/drift/detect", operator, Map.of("options", Map.of("deep_scan", "yes"))).status())
                .isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/api/v1/drift/detect", operator, Map.of("state_id", UUID.randomUUID().toString())).status())
                .isEqualTo(404);
        assertThat(call(HttpMethod.POST, "/api/v1/drift/detect", operator, Map.of("resource_id", "no-such-resource")).status())
                .isEqualTo(404);
        assertThat(call(HttpMethod.POST, "/api/v1/drift/detect", operator, "{broken").status()).isEqualTo(400);

        Answer started = call(HttpMethod.POST, "/api/v1/drift/detect", operator,
                Map.of("state_id", STATE, "options", Map.of("deep_scan", true, "include_deleted", true)));
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        assertThat(started.body().path("success").asBoolean()).isTrue();
        assertThat(started.data().path("status").asText()).isEqualTo("started");
        String jobId = started.data().path("job_id").asText();
        JsonNode job = awaitJob(jobId, viewer);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.path("progress").asInt()).isEqualTo(100);
        assertThat(job.path("resources_checked").asInt()).isEqualTo(5);
        assertThat(job.path("missing").asInt()).isEqualTo(1);
        assertThat(job.path("unmanaged").asInt()).isGreaterThanOrEqualTo(1);

        Answer results = get("/api/v1/drift/results?job_id=" + jobId + "&limit=100", viewer);
        assertThat(results.status()).isEqualTo(200);
        Map<String, JsonNode> byAddress = new HashMap<>();
        List<JsonNode> unmanaged = new ArrayList<>();
        results.data().path("results").forEach(r -> {
            if (r.path("presence").asText().equals("unmanaged")) {
                unmanaged.add(r);
            } else {
                byAddress.put(r.path("address").asText(), r);
            }
            assertThat(r.path("status").asText()).isEqualTo("completed");
        });
        assertThat(unmanaged).extracting(r -> r.path("cloud_id").asText()).contains(stray);
        JsonNode webResult = byAddress.get("aws_instance.web");
        assertThat(webResult.path("drift_detected").asBoolean()).isTrue();
        assertThat(webResult.path("drift_status").asText()).isEqualTo("active");
        assertThat(webResult.path("resource_id").asText()).isEqualTo(webItem.path("id").asText());
        assertThat(byAddress.get("aws_instance.api").path("drift_detected").asBoolean())
                .as(get("/api/v1/drift/results/" + byAddress.get("aws_instance.api").path("id").asText(), viewer).body().toString())
                .isFalse();
        assertThat(byAddress.get("aws_instance.gone").path("presence").asText()).isEqualTo("missing");

        Answer webDetail = get("/api/v1/drift/results/" + webResult.path("id").asText(), viewer);
        assertThat(webDetail.data().path("drifts")).anySatisfy(d -> {
            assertThat(d.path("field").asText()).isEqualTo("instance_type");
            assertThat(d.path("expected").asText()).isEqualTo("t3.micro");
            assertThat(d.path("actual").asText()).isEqualTo("t3.small");
            assertThat(d.path("severity").asText()).isEqualTo("medium");
        });
        assertThat(get("/api/v1/drift/results?status=active&resource_id=" + webItem.path("id").asText(), viewer)
                .data().path("total").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/drift/results?status=bogus", viewer).status()).isEqualTo(400);
        assertThat(get("/api/v1/drift/results/" + UUID.randomUUID(), viewer).status()).isEqualTo(404);

        // ---- resources now carry the live side
        byName = resourcesByName(viewer);
        assertThat(byName.get("web").path("status").asText()).isEqualTo("running");
        assertThat(byName.get("gone").path("status").asText()).isEqualTo("missing");
        assertThat(get("/api/v1/resources/" + webItem.path("id").asText(), viewer).data().path("attributes")
                .path("instance_type").asText()).isEqualTo("t3.small");

        // ---- history and summary
        Answer history = get("/api/v1/drift/history?days=7", viewer);
        assertThat(history.status()).isEqualTo(200);
        JsonNode today = history.data().path("history").get(0);
        assertThat(today.path("date").asText()).isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(today.path("resources_checked").asInt()).isEqualTo(5);
        assertThat(today.path("drift_count").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(history.data().path("summary").path("trend").asText()).isEqualTo("stable");
        assertThat(get("/api/v1/drift/history?days=0", viewer).status()).isEqualTo(400);
        assertThat(get("/api/v1/drift/history?resource_id=" + webItem.path("id").asText(), viewer)
                .data().path("summary").path("total_drifts").asInt()).isEqualTo(1);
        Answer summary = get("/api/v1/drift/summary", viewer);
        assertThat(summary.data().path("resources_with_drift").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(summary.data().path("total_resources").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(summary.data().path("critical_drifts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(summary.data().path("medium_drifts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(summary.data().path("last_scan").isNull()).isFalse();

        // ---- tags written to AWS (operators); a later detection of that one resource resolves nothing else
        String webId = webItem.path("id").asText();
        assertThat(call(HttpMethod.PUT, "/api/v1/resources/" + webId + "/tags", viewer, Map.of("tags", Map.of("a", "b"))).status())
                .isEqualTo(403);
        assertThat(call(HttpMethod.PUT, "/api/v1/resources/" + webId + "/tags", operator, Map.of("tags", "x")).status())
                .isEqualTo(400);
        assertThat(call(HttpMethod.PUT, "/api/v1/resources/" + webId + "/tags", operator, Map.of()).status()).isEqualTo(400);
        Answer tagged = call(HttpMethod.PUT, "/api/v1/resources/" + webId + "/tags", operator,
                Map.of("tags", Map.of("Environment", "staging", "Owner", "team-alpha")));
        assertThat(tagged.status()).as(tagged.body().toString()).isEqualTo(200);
        assertThat(tagged.data().path("tags").path("Owner").asText()).isEqualTo("team-alpha");
        try (Ec2Client ec2 = ec2()) {
            assertThat(ec2.describeTags(b -> b.filters(f -> f.name("resource-id").values(web))).tags())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("Environment=staging"));
        }
        assertThat(get("/api/v1/resources/" + webId, viewer).data().path("tags").path("Environment").asText()).isEqualTo("staging");
        assertThat(get("/api/v1/resources?tags=Owner:team-alpha", viewer).data().path("total").asInt()).isEqualTo(1);

        Answer one = call(HttpMethod.POST, "/api/v1/drift/detect", operator, Map.of("resource_id", webId));
        JsonNode second = awaitJob(one.data().path("job_id").asText(), viewer);
        assertThat(second.path("resources_checked").asInt()).isEqualTo(1);
        assertThat(second.path("unmanaged").asInt()).isZero();
        Answer webResults = get("/api/v1/drift/results?resource_id=" + webId, viewer);
        assertThat(webResults.data().path("total").asInt()).isEqualTo(2);

        // ---- deletion: admins only
        String resultId = webResult.path("id").asText();
        assertThat(call(HttpMethod.DELETE, "/api/v1/drift/results/" + resultId, operator, null).status()).isEqualTo(403);
        Answer deleted = call(HttpMethod.DELETE, "/api/v1/drift/results/" + resultId, admin, null);
        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
        assertThat(get("/api/v1/drift/results/" + resultId, viewer).status()).isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, "/api/v1/drift/results/" + resultId, admin, null).status()).isEqualTo(404);
        assertThat(get("/api/v1/drift/jobs/" + UUID.randomUUID(), viewer).status()).isEqualTo(404);
    }
    @Test
    void everyEndpointNeedsACredentialAndAnswersBadInputInTheEnvelope() {
        seedTheState();
        String viewer = user(Role.READONLY).token();
        String operator = user(Role.STANDARD).token();
        String some = UUID.randomUUID().toString();
        for (String path : List.of("/api/v1/resources", "/api/v1/resources/search?q=x", "/api/v1/resources/" + some,
                "/api/v1/resources/" + some + "/cost", "/api/v1/resources/" + some + "/compliance", "/api/v1/drift/results",
                "/api/v1/drift/results/" + some, "/api/v1/drift/history", "/api/v1/drift/summary", "/api/v1/drift/jobs/" + some)) {
            Answer anonymous = get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.body().path("success").asBoolean()).isFalse();
            assertThat(anonymous.body().path("error").path("code").asText()).isEqualTo("AUTHENTICATION_REQUIRED");
        }
        assertThat(call(HttpMethod.PUT, "/api/v1/resources/" + some + "/tags", null, Map.of("tags", Map.of())).status()).isEqualTo(401);
        assertThat(call(HttpMethod.DELETE, "/api/v1/drift/results/" + some, null, null).status()).isEqualTo(401);
        assertThat(call(HttpMethod.DELETE, "/api/v1/drift/results/" + some, viewer, null).status()).isEqualTo(403);

        // trailing slashes, and "search" is never an id
        assertThat(get("/api/v1/resources/", viewer).status()).isEqualTo(200);
        assertThat(get("/api/v1/drift/summary/", viewer).status()).isEqualTo(200);
        assertThat(get("/api/v1/drift/results/", viewer).status()).isEqualTo(200);
        assertThat(get("/api/v1/resources/search?q=web", viewer).data().has("query")).isTrue();

        // bad input is a 4xx in the envelope, never a 500
        String gone = ResourceMessages.resourceId(STATE, "aws_instance.gone");
        Answer reserved = call(HttpMethod.PUT, "/api/v1/resources/" + gone + "/tags", operator, Map.of("tags", Map.of("aws:x", "y")));
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.body().path("error").path("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(call(HttpMethod.PUT, "/api/v1/resources/" + gone + "/tags", operator, Map.of("tags", Map.of("k", List.of(1)))).status())
                .isEqualTo(400);
        assertThat(call(HttpMethod.PUT, "/api/v1/resources/" + some + "/tags", operator, Map.of("tags", Map.of("k", "v"))).status())
                .isEqualTo(404);
        // a resource AWS does not have: AWS's refusal is a 502 in the envelope
        Answer refused = call(HttpMethod.PUT, "/api/v1/resources/" + gone + "/tags", operator, Map.of("tags", Map.of("k", "v")));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(502);
        assertThat(refused.body().path("error").path("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(get("/api/v1/drift/results?limit=0", viewer).status()).isEqualTo(400);
        assertThat(get("/api/v1/drift/results?limit=1001", viewer).status()).isEqualTo(400);
        assertThat(get("/api/v1/drift/history?days=x", viewer).status()).isEqualTo(400);
        assertThat(get("/api/v1/drift/history?days=366", viewer).status()).isEqualTo(400);
        Answer wrongState = call(HttpMethod.POST, "/api/v1/drift/detect", operator,
                Map.of("state_id", StateMessages.stateId("other", "x.tfstate"), "resource_id", gone));
        assertThat(wrongState.status()).isEqualTo(404);
        assertThat(call(HttpMethod.POST, "/api/v1/drift/detect", operator, List.of(1, 2)).status()).isEqualTo(400);
    }
}
