package io.opsledger.web.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.MotoServer;
import io.opsledger.web.inventory.InventoryClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery over HTTP against a real moto_server (this class's own application context points
 * opsledger.aws-endpoint at it), seeded through the AWS SDK.
 */
class InventoryDiscoveryTest extends AppTest {

    static final MotoServer MOTO = MotoServer.start();
    static final List<String> JOB_FIELDS = List.of("id", "aws_account", "aws_account_name", "status", "started_at",
            "completed_at", "resources_discovered", "resources_updated", "resources_new", "resources_decommissioned",
            "error_message", "triggered_by_username", "log_output", "duration_seconds");

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        registry.add("opsledger.aws-endpoint", () -> MOTO.endpoint().toString());
    }

    @AfterAll
    static void stopMoto() { MOTO.close(); }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C aws(B builder) {
        return builder.endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String instance(Ec2Client ec2, String name) {
        return ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType("t3.micro").minCount(1).maxCount(1)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value(name).build()).build())).instances().get(0).instanceId();
    }

    private JsonNode awaitEnd(InventoryClient client, String jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Response r = client.get("/api/discovery/jobs/" + jobId + "/");
            assertThat(r.status()).isEqualTo(200);
            String status = r.json().get("status").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return r.json();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("discovery job " + jobId + " did not end");
    }

    private Map<String, JsonNode> assetsByName(InventoryClient client, String accountId) {
        Response r = client.get("/api/assets/?aws_account=" + accountId + "&status=ACTIVE&status=DECOMMISSIONED&page_size=1000");
        assertThat(r.status()).isEqualTo(200);
        Map<String, JsonNode> out = new HashMap<>();
        r.json().get("results").forEach(a -> out.put(a.get("name").asText(), a));
        return out;
    }

    @Test
    void discoveryFillsAndUpdatesTheInventoryFromAws() throws Exception {
        String web;
        String api;
        try (Ec2Client ec2 = aws(Ec2Client.builder())) {
            web = instance(ec2, "disc-web-1");
            api = instance(ec2, "disc-api-1");
        }
        try (S3Client s3 = aws(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(b -> b.bucket("disc-logs"));
        }
        try (RdsClient rds = aws(RdsClient.builder())) {
            rds.createDBInstance(b -> b.dbInstanceIdentifier("disc-orders").dbInstanceClass("db.t3.micro")
                    .engine("postgres").masterUsername("admin").masterUserPassword("Passw0rd!x").allocatedStorage(20));
        }
        InventoryClient admin = InventoryClient.withToken(http(), superadmin().token());
        InventoryClient readonly = InventoryClient.withToken(http(), user(Role.READONLY).token());

        Map<String, Object> account = new LinkedHashMap<>();
        account.put("account_id", MotoServer.ACCOUNT);
        account.put("account_name", "Moto");
        account.put("account_type", "MANAGEMENT");
        account.put("environment", "PRODUCTION");
        account.put("aws_access_key_id", "test");
        account.put("aws_secret_access_key", "test");
        account.put("discovery_regions", List.of("us-east-1"));
        Response created = admin.post("/api/accounts/", account);
        assertThat(created.status()).isEqualTo(201);
        String accountId = created.json().get("id").asText();

        // only admins trigger
        Response denied = readonly.post("/api/discovery/trigger/", Map.of("account_id", accountId));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(readonly.get("/api/discovery/jobs/").status()).isEqualTo(200);

        // first run: everything is new
        Response first = admin.post("/api/discovery/trigger/", Map.of("account_id", accountId));
        assertThat(first.status()).isEqualTo(200);
        assertThat(iterable(first.json().fieldNames())).containsExactlyElementsOf(JOB_FIELDS);
        assertThat(first.json().get("status").asText()).isIn("PENDING", "RUNNING");
        assertThat(first.json().get("aws_account").asText()).isEqualTo(accountId);
        assertThat(first.json().get("aws_account_name").asText()).isEqualTo("Moto");
        String firstId = first.json().get("id").asText();
        // a second trigger while it runs
        Response busy = admin.post("/api/discovery/trigger/", Map.of());
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().get("detail").asText()).isEqualTo("A discovery job is already in progress.");

        JsonNode done = awaitEnd(admin, firstId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.get("triggered_by_username").asText()).isEqualTo(superadmin().username());
        int discovered = done.get("resources_discovered").asInt();
        assertThat(discovered).isGreaterThanOrEqualTo(4);
        assertThat(done.get("resources_new").asInt()).isEqualTo(discovered);
        assertThat(done.get("resources_updated").asInt()).isZero();
        assertThat(done.get("resources_decommissioned").asInt()).isZero();
        assertThat(done.get("log_output").asText()).contains("Discovering account Moto");
        assertThat(done.get("completed_at").isNull()).isFalse();
        assertThat(done.get("duration_seconds").isNumber()).isTrue();

        Map<String, JsonNode> assets = assetsByName(admin, accountId);
        assertThat(assets).containsKeys("disc-web-1", "disc-api-1", "disc-logs", "disc-orders");
        JsonNode webAsset = detail(admin, assets.get("disc-web-1"));
        assertThat(webAsset.get("aws_resource_id").asText()).isEqualTo(web);
        assertThat(webAsset.get("aws_resource_arn").asText()).endsWith("instance/" + web);
        assertThat(webAsset.get("aws_region").asText()).isEqualTo("us-east-1");
        assertThat(webAsset.get("aws_service_type").asText()).isEqualTo("EC2");
        assertThat(webAsset.get("is_manually_added").asBoolean()).isFalse();
        assertThat(webAsset.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(assets.get("disc-orders").get("aws_service_type").asText()).isEqualTo("RDS");
        assertThat(detail(admin, assets.get("disc-logs")).get("aws_resource_arn").asText()).isEqualTo("arn:aws:s3:::disc-logs");
        Response acc = admin.get("/api/accounts/" + accountId + "/");
        assertThat(acc.json().get("last_discovery_at").isNull()).isFalse();
        // the dashboard shows the job
        JsonNode dashboard = readonly.get("/api/dashboard/").json();
        assertThat(dashboard.get("last_discovery").asText()).isEqualTo(done.get("completed_at").asText());
        JsonNode recent = dashboard.at("/recent_jobs/0");
        assertThat(iterable(recent.fieldNames())).containsExactly("id", "status", "aws_account_name", "resources_discovered",
                "resources_new", "started_at", "completed_at", "triggered_by_username", "duration_seconds");
        assertThat(recent.get("id").asText()).isEqualTo(firstId);
        assertThat(recent.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(recent.get("aws_account_name").asText()).isEqualTo("Moto");
        assertThat(recent.get("resources_discovered").asInt()).isEqualTo(discovered);
        assertThat(recent.get("triggered_by_username").asText()).isEqualTo(superadmin().username());
        assertThat(recent.get("duration_seconds").isNumber()).isTrue();

        // a person curates one asset; AWS loses an instance
        Response curated = admin.patch("/api/assets/" + webAsset.get("id").asText() + "/",
                Map.of("owner", "Team Web", "criticality", "CRITICAL", "notes", "keep"));
        assertThat(curated.status()).isEqualTo(200);
        try (Ec2Client ec2 = aws(Ec2Client.builder())) {
            ec2.terminateInstances(b -> b.instanceIds(api));
        }

        // second run: the same assets, curated fields kept, the terminated one decommissioned
        Response second = admin.post("/api/discovery/trigger/", Map.of("account_id", accountId));
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        JsonNode again = awaitEnd(admin, second.json().get("id").asText());
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("COMPLETED");
        assertThat(again.get("resources_discovered").asInt()).isEqualTo(discovered - 1);
        assertThat(again.get("resources_new").asInt()).isZero();
        assertThat(again.get("resources_updated").asInt()).isEqualTo(discovered - 1);
        assertThat(again.get("resources_decommissioned").asInt()).isEqualTo(1);

        Map<String, JsonNode> after = assetsByName(admin, accountId);
        assertThat(after).hasSameSizeAs(assets);
        JsonNode webAfter = detail(admin, after.get("disc-web-1"));
        assertThat(webAfter.get("id").asText()).isEqualTo(webAsset.get("id").asText());
        assertThat(webAfter.get("owner").asText()).isEqualTo("Team Web");
        assertThat(webAfter.get("criticality").asText()).isEqualTo("CRITICAL");
        assertThat(webAfter.get("notes").asText()).isEqualTo("keep");
        assertThat(webAfter.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(after.get("disc-api-1").get("status").asText()).isEqualTo("DECOMMISSIONED");

        // the job list: newest first, filters
        Response jobs = admin.get("/api/discovery/jobs/");
        assertThat(jobs.json().get("count").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(jobs.json().at("/results/0/id").asText()).isEqualTo(again.get("id").asText());
        assertThat(admin.get("/api/discovery/jobs/?status=COMPLETED&aws_account=" + accountId).json().get("count").asInt())
                .isEqualTo(2);
        assertThat(admin.get("/api/discovery/jobs/?status=FAILED").json().get("count").asInt()).isZero();
        assertThat(admin.get("/api/discovery/jobs/?status=NOPE").status()).isEqualTo(400);
        assertThat(admin.get("/api/discovery/jobs/" + java.util.UUID.randomUUID() + "/").status()).isEqualTo(404);

        // the live stream of an ended job: the job once, then the stream ends
        List<String> events = http().get().uri("/api/discovery/jobs/" + firstId + "/stream")
                .header("Authorization", "Token " + superadmin().token()).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseBody()
                .collectList().block(Duration.ofSeconds(30));
        assertThat(events).singleElement().satisfies(e -> assertThat(e).contains("\"status\":\"COMPLETED\"").contains(firstId));
    }

    @Test
    void concurrentTriggersStartExactlyOneJobAndTheStreamFollowsIt() throws Exception {
        InventoryClient admin = InventoryClient.withToken(http(), superadmin().token());
        awaitNoActiveJob(admin);
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<Response> call = () -> {
                go.await();
                return admin.post("/api/discovery/trigger/", Map.of());
            };
            answers.add(pool.submit(call));
        }
        go.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> f : answers) {
            responses.add(f.get());
        }
        pool.shutdown();
        assertThat(responses.stream().filter(r -> r.status() == 200)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() == 409)).hasSize(n - 1);
        String jobId = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().json().get("id").asText();

        // the stream follows the job to its end
        List<String> events = http().mutate().responseTimeout(Duration.ofMinutes(3)).build()
                .get().uri("/api/discovery/jobs/" + jobId + "/stream")
                .header("Authorization", "Token " + superadmin().token()).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseBody()
                .collectList().block(Duration.ofMinutes(3));
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1)).containsAnyOf("\"status\":\"COMPLETED\"", "\"status\":\"FAILED\"");
        assertThat(awaitEnd(admin, jobId).get("status").asText()).isIn("COMPLETED", "FAILED");
    }

    private void awaitNoActiveJob(InventoryClient client) throws InterruptedException {
        for (JsonNode job : client.get("/api/discovery/jobs/?page_size=1000").json().get("results")) {
            awaitEnd(client, job.get("id").asText());
        }
    }

    private static JsonNode detail(InventoryClient client, JsonNode listed) {
        Response r = client.get("/api/assets/" + listed.get("id").asText() + "/");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
