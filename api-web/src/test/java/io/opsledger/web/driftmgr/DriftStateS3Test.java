package io.opsledger.web.driftmgr;

import io.opsledger.drift.tfstate.TerraformState;
import io.opsledger.drift.tfstate.TerraformStates;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.MotoServer;
import io.opsledger.testing.TerraformCli;
import io.opsledger.web.driftmgr.DriftClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DriftMgr's backends and state endpoints on S3 backends, against a real moto_server (and, where
 * the machine has it, a real terraform CLI that must respect our lock).
 */
class DriftStateS3Test extends AppTest {

    static final MotoServer MOTO;
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    static {
        // the S3 adapter takes credentials from the default chain; moto accepts any keys
        System.setProperty("aws.accessKeyId", KEY_ID);
        System.setProperty("aws.secretAccessKey", SECRET);
        MOTO = MotoServer.start();
    }

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        registry.add("opsledger.aws-endpoint", () -> MOTO.endpoint().toString());
    }

    private static S3Client s3(String region) {
        // moto 5.1 stores aws-chunked bodies (the SDK's default checksums) as they came: checksums only when required
        return S3Client.builder().endpointOverride(MOTO.endpoint()).forcePathStyle(true).region(Region.of(region))
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET))).build();
    }

    private static String bucket(String region) {
        String name = "tf-state-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = s3(region)) {
            s3.createBucket(b -> {
                b.bucket(name);
                if (!"us-east-1".equals(region)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region)));
                }
            });
        }
        return name;
    }

    private static void put(String bucket, String region, String key, String body) {
        try (S3Client s3 = s3(region)) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
        }
    }

    private static String get(String bucket, String region, String key) {
        try (S3Client s3 = s3(region)) {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
        }
    }

    private DriftClient as(Role role) { return DriftClient.token(http(), user(role).token()); }

    private DriftClient admin() { return DriftClient.token(http(), superadmin().token()); }

    /** A bucket with envs/prod/terraform.tfstate registered as an s3 backend: [backendId, stateId, bucket]. */
    private String[] s3Backend(String state) {
        String bucket = bucket("eu-west-1");
        put(bucket, "eu-west-1", "envs/prod/terraform.tfstate", state);
        put(bucket, "eu-west-1", "other/terraform.tfstate", state);
        Response created = admin().post("/api/v1/backends", Map.of("name", bucket, "type", "s3",
                "config", Map.of("bucket", bucket, "region", "eu-west-1", "key_prefix", "envs/")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String backendId = created.text("/data/id");
        Response list = as(Role.READONLY).get("/api/v1/state/list?backend_id=" + backendId);
        assertThat(list.at("/data/total").asInt()).as(list.toString()).isEqualTo(1);
        assertThat(list.text("/data/state_files/0/path")).isEqualTo("envs/prod/terraform.tfstate");
        return new String[]{backendId, list.text("/data/state_files/0/id"), bucket};
    }

    @Test
    void anS3BackendIsRegisteredTestedAndItsStatesRead() {
        String[] b = s3Backend(DriftStateLocalTest.sampleState(3));
        Response backend = as(Role.READONLY).get("/api/v1/backends/" + b[0]);
        assertThat(backend.text("/data/type")).isEqualTo("s3");
        assertThat(backend.text("/data/config/bucket")).isEqualTo(b[2]);
        assertThat(backend.text("/data/config/region")).isEqualTo("eu-west-1");
        assertThat(backend.text("/data/config/key_prefix")).isEqualTo("envs/");
        Response test = as(Role.STANDARD).post("/api/v1/backends/" + b[0] + "/test", Map.of());
        assertThat(test.text("/data/status")).isEqualTo("success");
        assertThat(test.text("/data/message")).isEqualTo("Connection successful");
        Response details = as(Role.READONLY).get("/api/v1/state/details?state_id=" + b[1]);
        assertThat(details.at("/data/serial").asInt()).isEqualTo(3);
        assertThat(details.text("/data/resources/0/id")).isEqualTo("i-1234567890abcdef0");

        Response missing = admin().post("/api/v1/backends", Map.of("name", "nobucket", "type", "s3",
                "config", Map.of("bucket", "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 6), "region", "us-east-1")));
        assertThat(missing.status()).isEqualTo(201);
        Response failed = as(Role.STANDARD).post("/api/v1/backends/" + missing.text("/data/id") + "/test", Map.of());
        assertThat(failed.text("/data/status")).isEqualTo("failed");
        assertThat(failed.text("/data/response_time")).matches("\\d+ms");
        Response same = admin().post("/api/v1/backends", Map.of("name", "again", "type", "s3",
                "config", Map.of("bucket", b[2], "region", "eu-west-1", "key_prefix", "/envs/")));
        assertThat(same.status()).isEqualTo(409);
    }

    @Test
    void discoveryRegistersBucketsHoldingStateFiles() {
        String withState = bucket("eu-north-1");
        put(withState, "eu-north-1", "net/terraform.tfstate", DriftStateLocalTest.sampleState(1));
        String plain = bucket("eu-north-1");
        put(plain, "eu-north-1", "index.html", "<p>");
        Response discovered = admin().post("/api/v1/backends/discover", Map.of("providers", List.of("aws", "azure"),
                "regions", List.of("eu-north-1")));
        assertThat(discovered.status()).as(discovered.toString()).isEqualTo(200);
        assertThat(discovered.at("/data/discovered").asInt()).isEqualTo(1);
        assertThat(discovered.text("/data/backends/0/config/bucket")).isEqualTo(withState);
        assertThat(discovered.text("/data/backends/0/status")).isEqualTo("discovered");
        assertThat(discovered.text("/data/backends/0/type")).isEqualTo("s3");
        assertThat(discovered.at("/data/log").toString()).contains("azure is not supported");
        String id = discovered.text("/data/backends/0/id");
        assertThat(as(Role.READONLY).get("/api/v1/state/list?backend_id=" + id).at("/data/total").asInt()).isEqualTo(1);
        // discovering again finds the same backend, not a second one
        Response again = admin().post("/api/v1/backends/discover", Map.of("regions", List.of("eu-north-1")));
        assertThat(again.text("/data/backends/0/id")).isEqualTo(id);
        assertThat(admin().post("/api/v1/backends/discover", Map.of("regions", List.of("not a region"))).status()).isEqualTo(400);
    }

    @Test
    void lockWritesTerraformsTflockAndATerraformLockIsRespected() {
        String[] b = s3Backend(DriftStateLocalTest.sampleState(3));
        String key = "envs/prod/terraform.tfstate";
        Response lock = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "maintenance"));
        assertThat(lock.status()).as(lock.toString()).isEqualTo(200);
        assertThat(lock.text("/data/Path")).isEqualTo(b[2] + "/" + key);
        assertThat(get(b[2], "eu-west-1", key + ".tflock")).contains("\"ID\":\"" + lock.text("/data/ID") + "\"")
                .contains("\"Info\":\"maintenance\"");
        // any operator who knows the lock id may unlock (Terraform's force-unlock works the same way)
        Response unlock = as(Role.STANDARD).post("/api/v1/state/unlock", Map.of("state_id", b[1], "lock_id", lock.text("/data/ID")));
        assertThat(unlock.status()).as(unlock.toString()).isEqualTo(200);
        assertThatThrownBy(() -> get(b[2], "eu-west-1", key + ".tflock")).isInstanceOf(NoSuchKeyException.class);

        // Terraform's S3 native lock, as terraform writes it
        put(b[2], "eu-west-1", key + ".tflock", "{\"ID\":\"tf-lock-1\",\"Operation\":\"OperationTypeApply\",\"Info\":\"\","
                + "\"Who\":\"erin@build\",\"Version\":\"1.11.4\",\"Created\":\"2026-11-22T10:00:00Z\",\"Path\":\"" + b[2] + "/" + key + "\"}");
        Response refused = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "x"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("STATE_LOCKED");
        assertThat(refused.text("/error/details/ID")).isEqualTo("tf-lock-1");
        assertThat(refused.text("/error/details/Who")).isEqualTo("erin@build");
        assertThat(as(Role.READONLY).get("/api/v1/state/details?state_id=" + b[1]).text("/data/lock/Who")).isEqualTo("erin@build");
        Response edit = as(Role.STANDARD).post("/api/v1/state/import", Map.of("state_id", b[1], "resource_type", "aws_vpc",
                "resource_name", "x", "resource_id", "vpc-1"));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(get(b[2], "eu-west-1", key + ".tflock")).contains("tf-lock-1");
        Response forced = admin().post("/api/v1/state/unlock", Map.of("state_id", b[1], "force", true));
        assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
        assertThatThrownBy(() -> get(b[2], "eu-west-1", key + ".tflock")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void editsAreWrittenBackToTheBucket() {
        String[] b = s3Backend(DriftStateLocalTest.sampleState(3));
        String key = "envs/prod/terraform.tfstate";
        Response imported = as(Role.STANDARD).post("/api/v1/state/import", Map.of("state_id", b[1], "resource_type", "aws_vpc",
                "resource_name", "main", "resource_id", "vpc-0abc"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        TerraformState written = TerraformStates.parse(get(b[2], "eu-west-1", key).getBytes(StandardCharsets.UTF_8));
        assertThat(written.serial()).isEqualTo(4);
        assertThat(written.lineage()).isEqualTo(DriftStateLocalTest.LINEAGE);
        assertThat(written.find("aws_vpc.main")).isPresent();
        assertThatThrownBy(() -> get(b[2], "eu-west-1", key + ".tflock")).isInstanceOf(NoSuchKeyException.class);
        Response moved = as(Role.STANDARD).post("/api/v1/state/move", Map.of("state_id", b[1], "from_address", "aws_vpc.main",
                "to_address", "module.network.aws_vpc.main"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        written = TerraformStates.parse(get(b[2], "eu-west-1", key).getBytes(StandardCharsets.UTF_8));
        assertThat(written.serial()).isEqualTo(5);
        assertThat(written.find("module.network.aws_vpc.main")).isPresent();
        // the other state file (outside the prefix) is untouched
        assertThat(TerraformStates.parse(get(b[2], "eu-west-1", "other/terraform.tfstate").getBytes(StandardCharsets.UTF_8)).serial())
                .isEqualTo(3);
    }

    /** Terraform's s3 backend on moto with S3 native locking ({@code use_lockfile}); no provider download needed. */
    static String s3Backend(String bucket, String key) {
        return """
                terraform {
                  backend "s3" {
                    bucket                      = "%s"
                    key                         = "%s"
                    region                      = "eu-west-1"
                    endpoints                   = { s3 = "%s" }
                    use_path_style              = true
                    use_lockfile                = true
                    access_key                  = "%s"
                    secret_key                  = "%s"
                    skip_credentials_validation = true
                    skip_requesting_account_id  = true
                    skip_metadata_api_check     = true
                    skip_region_validation      = true
                  }
                }
                """.formatted(bucket, key, MOTO.endpoint(), KEY_ID, SECRET);
    }

    /** A real terraform (S3 backend with use_lockfile) cannot take the state while we hold its lock. */
    @Test
    void terraformItselfRespectsOurLock() throws Exception {
        TerraformCli terraform = TerraformCli.require();
        String[] b = s3Backend(new String(TerraformStates.write(TerraformState.empty("1.11.4", UUID.randomUUID().toString()))));
        Path dir = Files.createTempDirectory("tf");
        Files.writeString(dir.resolve("main.tf"), s3Backend(b[2], "envs/prod/terraform.tfstate") + """
                output "hello" { value = "world" }
                """);
        TerraformCli.Run init = terraform.run(dir, "init", "-input=false", "-no-color");
        assertThat(init.exit()).as(init.output()).isZero();
        Response lock = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "held by OpsLedger"));
        assertThat(lock.status()).isEqualTo(200);
        TerraformCli.Run blocked = terraform.run(dir, "apply", "-auto-approve", "-input=false", "-no-color", "-lock-timeout=0s");
        assertThat(blocked.exit()).as(blocked.output()).isNotZero();
        assertThat(blocked.output()).contains("Error acquiring the state lock").contains(lock.text("/data/ID"))
                .contains("held by OpsLedger");
        as(Role.STANDARD).post("/api/v1/state/unlock", Map.of("state_id", b[1], "force", false, "lock_id", lock.text("/data/ID")));
        TerraformCli.Run applied = terraform.run(dir, "apply", "-auto-approve", "-input=false", "-no-color", "-lock-timeout=0s");
        assertThat(applied.exit()).as(applied.output()).isZero();
        // terraform wrote serial + 1; we read it
        Response details = as(Role.READONLY).get("/api/v1/state/details?state_id=" + b[1]);
        assertThat(details.at("/data/serial").asInt()).isGreaterThan(1);
        assertThat(details.text("/data/outputs/hello")).isEqualTo("world");
    }

    /**
     * The other way round: while a real {@code terraform apply} holds S3 native locking's
     * {@code <key>.tflock} (its provisioner sleeping), our lock and edits are refused with
     * Terraform's LockInfo; once it has ended, our lock is granted.
     */
    @Test
    void aRunningTerraformApplyHoldsTheS3StateAgainstUs() throws Exception {
        TerraformCli terraform = TerraformCli.require();
        String bucket = bucket("eu-west-1");
        String key = "envs/app/terraform.tfstate";
        Path dir = Files.createTempDirectory("tf");
        Files.writeString(dir.resolve("main.tf"), s3Backend(bucket, key) + TerraformCli.sleepingResource(dir));
        TerraformCli.Run init = terraform.run(dir, "init", "-input=false", "-no-color");
        assertThat(init.exit()).as(init.output()).isZero();
        TerraformCli.Run first = terraform.apply(dir);
        assertThat(first.exit()).as(first.output()).isZero();
        Response created = admin().post("/api/v1/backends", Map.of("name", bucket, "type", "s3",
                "config", Map.of("bucket", bucket, "region", "eu-west-1", "key_prefix", "envs/")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Response listed = as(Role.READONLY).get("/api/v1/state/list?backend_id=" + created.text("/data/id"));
        assertThat(listed.at("/data/total").asInt()).as(listed.toString()).isEqualTo(1);
        String stateId = listed.text("/data/state_files/0/id");

        try (TerraformCli.SleepingApply apply = terraform.startSleepingApply(dir)) {
            apply.awaitSleeping(java.time.Duration.ofSeconds(90));
            String held = get(bucket, "eu-west-1", key + ".tflock");
            com.fasterxml.jackson.databind.JsonNode terraformsLock = new com.fasterxml.jackson.databind.ObjectMapper().readTree(held);

            Response lock = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", stateId, "reason", "while terraform applies"));
            DriftStateLocalTest.assertRefusedWithTerraformsLock(lock, terraformsLock);

            DriftStateLocalTest.assertEditsRefusedWithTerraformsLock(as(Role.STANDARD), stateId, terraformsLock);
            assertThat(get(bucket, "eu-west-1", key + ".tflock")).as("Terraform's lock is untouched").isEqualTo(held);

            TerraformCli.Run done = apply.finish();
            assertThat(done.exit()).as(done.output()).isZero();
        }
        assertThatThrownBy(() -> get(bucket, "eu-west-1", key + ".tflock")).isInstanceOf(NoSuchKeyException.class);
        TerraformState written = TerraformStates.parse(get(bucket, "eu-west-1", key).getBytes(StandardCharsets.UTF_8));
        assertThat(written.find("terraform_data.slow")).isPresent();
        assertThat(written.find("aws_vpc.main")).isEmpty();

        Response mine = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", stateId, "reason", "after terraform"));
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        TerraformCli.Run refused = terraform.apply(dir);
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("Error acquiring the state lock").contains(mine.text("/data/ID"));
        Response unlocked = as(Role.STANDARD).post("/api/v1/state/unlock", Map.of("state_id", stateId, "lock_id", mine.text("/data/ID")));
        assertThat(unlocked.status()).as(unlocked.toString()).isEqualTo(200);
    }
}
