package io.opsledger.gateway.tfstate;

import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 adapter against a real moto_server. */
class S3StateStorageTest {

    static MotoServer moto;
    static S3StateStorage storage;

    @BeforeAll
    static void start() {
        // the adapter takes credentials from the default chain; moto accepts any keys
        System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        moto = MotoServer.start();
        storage = new S3StateStorage(Optional.of(moto.endpoint()));
    }

    @AfterAll
    static void stop() {
        storage.close();
        moto.close();
    }

    private static String bucket(String region) {
        String name = "tf-" + UUID.randomUUID().toString().substring(0, 8);
        storage.s3(region).createBucket(b -> {
            b.bucket(name);
            if (!"us-east-1".equals(region)) {
                b.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region)));
            }
        });
        return name;
    }

    private static void put(String bucket, String region, String key, String body) {
        storage.s3(region).putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    static LockInfo lock(String id, String path) {
        return new LockInfo(id, path, "OperationTypeApply", "alice@host", "1.5.0", Instant.parse("2025-01-02T03:04:05.123456Z"), "apply");
    }

    @Test
    void listsReadsAndWritesStateFilesUnderThePrefix() {
        String bucket = bucket("eu-west-1");
        put(bucket, "eu-west-1", "envs/prod/terraform.tfstate", "{\"version\":4}");
        put(bucket, "eu-west-1", "envs/dev/terraform.tfstate", "{\"version\":4,\"serial\":2}");
        put(bucket, "eu-west-1", "envs/dev/notes.txt", "x");
        put(bucket, "eu-west-1", "other/terraform.tfstate", "{}");
        BackendConfig backend = BackendConfig.s3(bucket, "eu-west-1", "envs/");

        assertThat(storage.list(backend)).extracting(StateStorage.StoredState::path)
                .containsExactly("envs/dev/terraform.tfstate", "envs/prod/terraform.tfstate");
        assertThat(storage.list(BackendConfig.s3(bucket, "eu-west-1", ""))).hasSize(3);
        assertThat(new String(storage.read(backend, "envs/dev/terraform.tfstate").orElseThrow().bytes(), StandardCharsets.UTF_8))
                .contains("\"serial\":2");
        assertThat(storage.read(backend, "envs/none.tfstate")).isEmpty();
        storage.write(backend, "envs/dev/terraform.tfstate", "{\"version\":4,\"serial\":3}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(storage.read(backend, "envs/dev/terraform.tfstate").orElseThrow().bytes(), StandardCharsets.UTF_8))
                .contains("\"serial\":3");
        assertThat(storage.test(backend).reachable()).isTrue();
        StateStorage.Check missing = storage.test(BackendConfig.s3("no-such-bucket-" + UUID.randomUUID().toString().substring(0, 6), "eu-west-1", ""));
        assertThat(missing.reachable()).isFalse();
        assertThat(missing.message()).contains("Cannot reach");
    }

    @Test
    void theLockIsTerraformsTflockWrittenOnlyOnce() {
        String bucket = bucket("us-east-1");
        BackendConfig backend = BackendConfig.s3(bucket, "us-east-1", "");
        String key = "prod/terraform.tfstate";
        assertThat(storage.lockPath(backend, key)).isEqualTo(bucket + "/" + key);
        assertThat(storage.writeLock(backend, key, lock("L1", bucket + "/" + key))).isEmpty();
        // Terraform's own file name and format
        String raw = storage.s3("us-east-1").getObjectAsBytes(b -> b.bucket(bucket).key(key + ".tflock")).asUtf8String();
        assertThat(raw).contains("\"ID\":\"L1\"").contains("\"Operation\":\"OperationTypeApply\"").contains("\"Who\":\"alice@host\"")
                .contains("\"Path\":\"" + bucket + "/" + key + "\"");
        assertThat(storage.writeLock(backend, key, lock("L2", bucket + "/" + key))).hasValueSatisfying(holder -> {
            assertThat(holder.id()).isEqualTo("L1");
            assertThat(holder.created()).isEqualTo(Instant.parse("2025-01-02T03:04:05.123456Z"));
        });
        assertThat(storage.deleteLock(backend, key, "L2")).isFalse();
        assertThat(storage.readLock(backend, key)).isPresent();
        assertThat(storage.deleteLock(backend, key, "L1")).isTrue();
        assertThat(storage.readLock(backend, key)).isEmpty();
        assertThat(storage.writeLock(backend, key, lock("L3", bucket + "/" + key))).isEmpty();
        assertThat(storage.deleteLock(backend, key, null)).isTrue();
    }

    @Test
    void ofManySimultaneousLockWritesExactlyOneSucceeds() throws Exception {
        String bucket = bucket("us-east-1");
        BackendConfig backend = BackendConfig.s3(bucket, "us-east-1", "");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Optional<LockInfo>>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = "L" + i;
                answers.add(pool.submit(() -> storage.writeLock(backend, "a.tfstate", lock(id, bucket + "/a.tfstate"))));
            }
            int won = 0;
            for (Future<Optional<LockInfo>> answer : answers) {
                won += answer.get().isEmpty() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void discoveryFindsBucketsWithStateFilesInTheAskedRegions() {
        String withState = bucket("eu-central-1");
        put(withState, "eu-central-1", "a/terraform.tfstate", "{}");
        String without = bucket("eu-central-1");
        put(without, "eu-central-1", "readme.txt", "x");
        String elsewhere = bucket("ap-south-1");
        put(elsewhere, "ap-south-1", "terraform.tfstate", "{}");
        List<String> log = new ArrayList<>();
        List<S3StateStorage.FoundBucket> found = storage.discover(List.of("eu-central-1"), log);
        assertThat(found).extracting(S3StateStorage.FoundBucket::bucket).contains(withState).doesNotContain(without, elsewhere);
        assertThat(found).filteredOn(f -> f.bucket().equals(withState)).singleElement()
                .satisfies(f -> assertThat(f.region()).isEqualTo("eu-central-1"));
        assertThat(log).anyMatch(line -> line.contains(without));
    }

    @Test
    void anUnreachableEndpointIsAStorageFailure() {
        try (S3StateStorage nowhere = S3StateStorage.forEndpoint("http://127.0.0.1:1")) {
            assertThatThrownBy(() -> nowhere.list(BackendConfig.s3("b", "us-east-1", ""))).isInstanceOf(StateStorageException.class);
            assertThat(nowhere.test(BackendConfig.s3("b", "us-east-1", "")).reachable()).isFalse();
        }
    }
}
