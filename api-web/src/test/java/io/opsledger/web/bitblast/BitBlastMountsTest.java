package io.opsledger.web.bitblast;

import io.opsledger.backup.MountOperations;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.MotoServer;
import io.opsledger.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.BodyInserters;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BitBlast's mount endpoints over HTTP: S3 buckets of a real moto_server mounted with Debian's
 * s3fs and written by the Barman user; NFS through a {@code mount} that records its arguments
 * (this kernel has no NFS client).
 */
class BitBlastMountsTest extends BitBlastTest {

    static final MotoServer MOTO = MotoServer.start();
    static final String KEY_ID = "AKIAMOUNTTESTEXAMPLE";
    static final String SECRET = "mount/Secret+Key/EXAMPLEKEY0123456789";
    static final Path TOOLS;
    static final Path MOUNT_ARGS;

    static {
        try {
            TOOLS = Files.createTempDirectory("opsledger-mount-tools");
            MOUNT_ARGS = TOOLS.resolve("mount.args");
            Path mount = TOOLS.resolve("mount");
            Files.writeString(mount, "#!/bin/sh\nprintf '%s\\n' \"$@\" >> " + MOUNT_ARGS + "\n");
            Files.setPosixFilePermissions(mount, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void mounts(DynamicPropertyRegistry registry) {
        registry.add("opsledger.backup.mount-command", () -> TOOLS.resolve("mount").toString());
    }

    @Autowired
    MountOperations mountOperations;

    @AfterAll
    static void stopMoto() throws Exception {
        unmountLeftovers();
        MOTO.close();
    }

    private static S3Client s3() {
        return S3Client.builder().endpointOverride(MOTO.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET))).build();
    }

    private static String bucket() {
        String bucket = "barman-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = s3()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    private static List<String> keys(String bucket) {
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        }
    }

    private static boolean mounted(String mountPoint) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> l.split(" ")[4]).anyMatch(mountPoint::equals);
    }

    /** Runs a shell line as the Barman user (as Barman itself would write), or as this user when not root. */
    private static void asBarman(String line) throws Exception {
        List<String> command = "root".equals(System.getProperty("user.name"))
                ? List.of("runuser", "-u", "barman", "--", "sh", "-c", line) : List.of("sh", "-c", line);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBucketIsMountedOnTheUsersS3BarmanHomeWhereBarmansFilesBecomeObjects() throws Exception {
        String bucket = bucket();
        TestUser dba = user(Role.STANDARD);
        http().post().uri("/api/v1/barman/mount-s3/").header("Authorization", "Token " + dba.token())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("bucket_name", bucket).with("access_key", KEY_ID).with("secret_key", SECRET)
                        .with("url", MOTO.endpoint().toString()))
                .exchange().expectStatus().isOk()
                .expectBody().json("{\"message\":\"S3 bucket " + bucket + " mounted successfully\",\"status\":\"success\"}", true);

        Map<String, Object> listed = send("GET", "/api/v1/barman/list-mount-points/", dba, null).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(listed).containsEntry("status", "success").containsEntry("nfs_mount_points", List.of());
        List<Map<String, Object>> s3Mounts = (List<Map<String, Object>>) listed.get("s3_mount_points");
        assertThat(s3Mounts).hasSize(1);
        assertThat(s3Mounts.get(0)).containsEntry("access_key", KEY_ID).containsEntry("secret_key", "********")
                .containsEntry("bucket_name", bucket);
        assertThat(listed.toString()).doesNotContain(SECRET);
        String mountPoint = (String) s3Mounts.get(0).get("mount_point");
        assertThat(mountPoint).endsWith("/s3/home").contains(dba.user().userId().replaceAll("[^A-Za-z0-9_-]", "_"));
        assertThat(mounted(mountPoint)).isTrue();

        // Barman's user writes there, and the files are the bucket's objects
        asBarman("mkdir -p " + mountPoint + "/orders/base && echo backup > " + mountPoint + "/orders/base/backup.info");
        assertThat(keys(bucket)).contains("orders/base/backup.info");
        try (S3Client s3 = s3()) {
            assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("orders/base/backup.info")).asUtf8String()).isEqualTo("backup\n");
        }

        // a second mount of the same storage waits for the unmount
        send("POST", "/api/v1/barman/mount-s3/", dba, Map.of("bucket_name", bucket, "access_key", KEY_ID, "secret_key", SECRET,
                "url", MOTO.endpoint().toString())).expectStatus().isEqualTo(409).expectBody().jsonPath("$.status").isEqualTo("error");

        // the events carry neither key in plaintext
        Map<String, Object> history = (Map<String, Object>) http().get()
                .uri("/api/v1/audit/aggregates/storage-mount:" + dba.user().userId() + ":s3/history")
                .header("Authorization", "Token " + superadmin().token()).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("data");
        assertThat((List<Map<String, Object>>) history.get("events")).extracting(e -> e.get("eventType"))
                .containsExactly("StorageMounted");
        assertThat(history.toString()).doesNotContain(SECRET).doesNotContain(KEY_ID);

        // nobody else sees it; a Standard user naming its owner still sees only their own
        TestUser other = user(Role.STANDARD);
        send("GET", "/api/v1/barman/list-mount-points?username=" + dba.username(), other, null).expectStatus().isOk()
                .expectBody().json("{\"status\":\"success\",\"nfs_mount_points\":[],\"s3_mount_points\":[]}", true);
        send("POST", "/api/v1/barman/unmount/", other, Map.of("storage_method", "s3", "username", dba.username()))
                .expectStatus().isNotFound().expectBody().json("{\"status\":\"error\",\"message\":\"Mount point not found.\"}", true);
        assertThat(mounted(mountPoint)).isTrue();

        // unmounted by bucket_name (s3 inferred); a second unmount finds nothing
        send("POST", "/api/v1/barman/unmount?bucket_name=" + bucket, dba, null).expectStatus().isOk()
                .expectBody().json("{\"status\":\"success\",\"message\":\"" + mountPoint + " unmounted successfully.\"}", true);
        assertThat(mounted(mountPoint)).isFalse();
        send("POST", "/api/v1/barman/unmount/", dba, Map.of("storage_method", "s3")).expectStatus().isNotFound()
                .expectBody().json("{\"status\":\"error\",\"message\":\"Mount point not found.\"}", true);
        send("GET", "/api/v1/barman/list-mount-points", dba, null).expectStatus().isOk()
                .expectBody().jsonPath("$.s3_mount_points").isEmpty();
        assertThat(keys(bucket)).contains("orders/base/backup.info");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServerAddedWithTheS3StorageAfterTheMountIsBackedUpIntoTheBucket() throws Exception {
        String bucket = bucket();
        try (PostgresServer pg = PostgresServer.start()) {
            pg.execute("CREATE ROLE barman WITH SUPERUSER LOGIN PASSWORD 'Barman-pa55'",
                    "CREATE ROLE streaming_barman WITH REPLICATION LOGIN PASSWORD 'Barman-pa55'",
                    "CREATE TABLE orders (id int)", "INSERT INTO orders VALUES (1), (2)");
            TestUser dba = user(Role.STANDARD);
            send("POST", "/api/v1/barman/mount-s3/", dba, Map.of("bucket_name", bucket, "access_key", KEY_ID,
                    "secret_key", SECRET, "url", MOTO.endpoint().toString())).expectStatus().isOk();
            send("POST", "/api/v1/barman/add-server/", dba, Map.of("server_name", "orders", "ssh_host", "127.0.0.1:" + pg.port(),
                    "db_name", "postgres", "db_pass", "Barman-pa55", "ssh_key", "ssh-ed25519 AAAAC3Nza test",
                    "storage_method", "s3")).expectStatus().isOk();
            // Barman's first backup wants a WAL segment archived (into the bucket too)
            send("POST", "/api/v1/barman/switch-wal/?server_name=orders&storage_method=s3", dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.message").isEqualTo("WAL switch executed successfully.");
            // every file pg_basebackup writes is an upload to the bucket: slower than a disk
            Map<String, Object> backup = http().mutate().responseTimeout(Duration.ofMinutes(5)).build().post()
                    .uri("/api/v1/barman/backup/?server_name=orders&storage_method=s3").header("Authorization", "Token " + dba.token())
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            String backupId = (String) ((Map<String, Object>) backup.get("backup")).get("name");

            List<String> keys = keys(bucket);
            assertThat(keys).contains("orders/base/" + backupId + "/backup.info");
            assertThat(keys).anyMatch(k -> k.startsWith("orders/base/" + backupId + "/data/"));
            assertThat(keys).anyMatch(k -> k.startsWith("orders/wals/"));

            // the WAL receiver goes before its storage does
            send("POST", "/api/v1/barman/unmount/", dba, Map.of("storage_method", "s3")).expectStatus().isOk();
        } finally {
            unmountLeftovers();
        }
    }

    /** A failed test must not leave a mount behind (its moto goes with the JVM, and the mount would hang). */
    private static void unmountLeftovers() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (line.contains("fuse.s3fs") && f[4].startsWith(System.getProperty("java.io.tmpdir").replaceAll("/$", "") + "/opsledger-test-barman")) {
                new ProcessBuilder("fusermount", "-u", "-z", f[4]).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aMountRecordedInEventsIsMountedAgainAtStart() throws Exception {
        String bucket = bucket();
        TestUser dba = user(Role.STANDARD);
        send("POST", "/api/v1/barman/mount-s3", dba, Map.of("bucket_name", bucket, "access_key", KEY_ID, "secret_key", SECRET,
                "url", MOTO.endpoint().toString())).expectStatus().isOk();
        String mountPoint = send("GET", "/api/v1/barman/list-mount-points", dba, null).expectBody(Map.class).returnResult()
                .getResponseBody().get("s3_mount_points").toString().replaceAll(".*mount_point=([^,}]*).*", "$1");
        asBarman("echo before > " + mountPoint + "/before.txt");

        // the host loses the mount behind our back (as a restart would)
        Process p = new ProcessBuilder("fusermount", "-u", mountPoint).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mounted(mountPoint)).isFalse();

        mountOperations.remountAtStart();

        assertThat(mounted(mountPoint)).isTrue();
        assertThat(Files.readString(Path.of(mountPoint, "before.txt"))).isEqualTo("before\n");
        send("POST", "/api/v1/barman/unmount", dba, Map.of("storage_method", "s3")).expectStatus().isOk();
    }

    @Test
    void anNfsExportIsMountedOnTheUsersNfsBarmanHomeWithMountTNfs() throws Exception {
        TestUser dba = user(Role.STANDARD);
        String mountPoint;
        send("POST", "/api/v1/barman/mount-nfs/?remote_host=nfs.example.com&remote_path=/exports/barman", dba, null)
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("success")
                .jsonPath("$.message").value(m -> assertThat((String) m).matches("NFS mount point /.*/nfs/home added successfully"));
        List<String> args = Files.readAllLines(MOUNT_ARGS);
        mountPoint = args.get(args.size() - 1);
        assertThat(args.subList(args.size() - 4, args.size()))
                .containsExactly("-t", "nfs", "nfs.example.com:/exports/barman", mountPoint);
        assertThat(mountPoint).endsWith("/nfs/home");

        send("GET", "/api/v1/barman/list-mount-points/", dba, null).expectStatus().isOk()
                .expectBody().json("{\"status\":\"success\",\"s3_mount_points\":[],\"nfs_mount_points\":[{\"host_path\":"
                        + "\"nfs.example.com:/exports/barman\",\"mount_point\":\"" + mountPoint + "\"}]}", true);

        // an Admin sees and manages it by naming its owner
        TestUser admin = user(Role.ADMIN);
        send("GET", "/api/v1/barman/list-mount-points/?username=" + dba.username(), admin, null).expectStatus().isOk()
                .expectBody().jsonPath("$.nfs_mount_points[0].mount_point").isEqualTo(mountPoint);
        send("GET", "/api/v1/barman/list-mount-points/?username=nobody-" + UUID.randomUUID(), admin, null)
                .expectStatus().isNotFound();
        send("POST", "/api/v1/barman/unmount/", admin, Map.of("remote_host", "nfs.example.com", "username", dba.username()))
                .expectStatus().isOk().expectBody().jsonPath("$.message").isEqualTo(mountPoint + " unmounted successfully.");
        send("POST", "/api/v1/barman/unmount/", dba, Map.of("storage_method", "nfs")).expectStatus().isNotFound();
    }

    @Test
    void missingParametersLoginAndRefusals() {
        TestUser dba = user(Role.STANDARD);
        for (String[] call : new String[][] {{"POST", "/api/v1/barman/mount-nfs/"}, {"POST", "/api/v1/barman/mount-s3/"},
                {"GET", "/api/v1/barman/list-mount-points/"}, {"POST", "/api/v1/barman/unmount/"}}) {
            send(call[0], call[1], null, null).expectStatus().isUnauthorized();
        }
        send("POST", "/api/v1/barman/mount-nfs/?remote_host=h", dba, null).expectStatus().isBadRequest()
                .expectBody().json("{\"status\":\"error\",\"message\":\"All parameters are required.\"}", true);
        send("POST", "/api/v1/barman/mount-s3/", dba, Map.of("bucket_name", "b", "access_key", "a", "url", "http://h"))
                .expectStatus().isBadRequest()
                .expectBody().json("{\"status\":\"error\",\"message\":\"All parameters are required.\"}", true);
        send("POST", "/api/v1/barman/mount-nfs/", dba, Map.of("remote_host", "-o remount", "remote_path", "/x"))
                .expectStatus().isBadRequest();
        send("POST", "/api/v1/barman/mount-nfs/", dba, Map.of("remote_host", "h", "remote_path", "/x/../../etc"))
                .expectStatus().isBadRequest();
        send("POST", "/api/v1/barman/mount-s3/", dba, Map.of("bucket_name", "b", "access_key", "a", "secret_key", "s",
                "url", "http://h,allow_root")).expectStatus().isBadRequest();
        send("POST", "/api/v1/barman/unmount/", dba, null).expectStatus().isBadRequest()
                .expectBody().json("{\"status\":\"error\",\"message\":\"Invalid parameters.\"}", true);
        send("POST", "/api/v1/barman/unmount/", dba, Map.of("storage_method", "tape")).expectStatus().isBadRequest();
        send("POST", "/api/v1/barman/unmount/", dba, Map.of("storage_method", "nfs")).expectStatus().isNotFound()
                .expectBody().json("{\"status\":\"error\",\"message\":\"Mount point not found.\"}", true);
    }

    @Test
    void aBucketS3fsCannotReachIsA502WithS3sReasonAndNothingIsRecorded() {
        TestUser dba = user(Role.STANDARD);
        send("POST", "/api/v1/barman/mount-s3/", dba, Map.of("bucket_name", "no-such-bucket-" + UUID.randomUUID().toString()
                        .substring(0, 8), "access_key", KEY_ID, "secret_key", SECRET, "url", MOTO.endpoint().toString()))
                .expectStatus().isEqualTo(502).expectBody().jsonPath("$.status").isEqualTo("error")
                .jsonPath("$.message").value(m -> assertThat((String) m).startsWith("s3fs could not mount bucket no-such-bucket-")
                        .contains("NoSuchBucket").doesNotContain(SECRET));
        send("GET", "/api/v1/barman/list-mount-points/", dba, null).expectStatus().isOk()
                .expectBody().jsonPath("$.s3_mount_points").isEmpty();
    }
}
