package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.drift.tfstate.TerraformState;
import io.opsledger.drift.tfstate.TerraformStates;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.TerraformCli;
import io.opsledger.web.driftmgr.DriftClient.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** DriftMgr's backends and state endpoints on local backends: real directories and files. */
class DriftStateLocalTest extends AppTest {

    static final String LINEAGE = "8a1c2f3e-0000-4000-8000-000000000001";

    private DriftClient as(Role role) { return DriftClient.token(http(), user(role).token()); }

    private DriftClient admin() { return DriftClient.token(http(), superadmin().token()); }

    static String sampleState(long serial) {
        TerraformState state = TerraformState.empty("1.5.0", LINEAGE)
                .importResource("aws_instance", "web_server", "i-1234567890abcdef0")
                .importResource("aws_s3_bucket", "logs", "my-logs");
        state = new TerraformState(4, "1.5.0", serial, LINEAGE, Map.of("instance_ip",
                new io.opsledger.drift.tfstate.StateOutput("10.0.1.100", "string", false), "db_password",
                new io.opsledger.drift.tfstate.StateOutput("hunter2", "string", true)), state.resources(), Map.of());
        return new String(TerraformStates.write(state));
    }

    /** A fresh directory with prod/terraform.tfstate, registered as a local backend; answers [backendId, stateId, dir]. */
    private String[] localBackend() throws Exception {
        Path dir = Files.createTempDirectory("tfstate");
        Files.createDirectories(dir.resolve("prod"));
        Files.writeString(dir.resolve("prod/terraform.tfstate"), sampleState(5));
        Response created = admin().post("/api/v1/backends", Map.of("name", "local-" + UUID.randomUUID().toString().substring(0, 6),
                "type", "local", "config", Map.of("path", dir.toString())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String backendId = created.text("/data/id");
        Response list = as(Role.READONLY).get("/api/v1/state/list?backend_id=" + backendId);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.at("/data/total").asInt()).isEqualTo(1);
        return new String[]{backendId, list.text("/data/state_files/0/id"), dir.toString()};
    }

    @Test
    void registerListDetailsAndTestALocalBackend() throws Exception {
        Path dir = Files.createTempDirectory("tfstate");
        Files.writeString(dir.resolve("terraform.tfstate"), sampleState(1));
        Map<String, Object> body = Map.of("name", "laptop", "type", "local", "config", Map.of("path", dir.toString()));
        Response created = admin().post("/api/v1/backends", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.at("/success").asBoolean()).isTrue();
        assertThat(created.at("/error").isNull()).isTrue();
        assertThat(created.text("/data/type")).isEqualTo("local");
        assertThat(created.text("/data/config/path")).isEqualTo(dir.toString());
        assertThat(created.text("/data/status")).isEqualTo("active");
        String id = created.text("/data/id");

        Response again = admin().post("/api/v1/backends", Map.of("name", "other", "type", "local", "config", Map.of("path", dir + "/")));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("RESOURCE_ALREADY_EXISTS");

        Response list = as(Role.READONLY).get("/api/v1/backends/list");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.at("/data/backends").findValuesAsText("id")).contains(id);
        assertThat(list.at("/data/total").asInt()).isGreaterThanOrEqualTo(1);

        Response details = as(Role.READONLY).get("/api/v1/backends/" + id);
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.text("/data/name")).isEqualTo("laptop");
        assertThat(details.at("/data/last_checked").isNull()).isTrue();

        Response test = as(Role.STANDARD).post("/api/v1/backends/" + id + "/test", Map.of());
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.text("/data/status")).isEqualTo("success");
        assertThat(test.text("/data/response_time")).matches("\\d+ms");
        assertThat(as(Role.READONLY).get("/api/v1/backends/" + id).at("/data/last_checked").isNull()).isFalse();

        // the state file was read when the backend was registered
        Response states = as(Role.READONLY).get("/api/v1/state/list?backend_id=" + id);
        assertThat(states.at("/data/total").asInt()).isEqualTo(1);
        assertThat(states.text("/data/state_files/0/path")).isEqualTo("terraform.tfstate");
        assertThat(states.at("/data/state_files/0/locked").asBoolean()).isFalse();
        assertThat(states.at("/data/limit").asInt()).isEqualTo(50);
        assertThat(states.at("/data/offset").asInt()).isZero();

        // a file added later shows up on the next list
        Files.createDirectories(dir.resolve("env/dev"));
        Files.writeString(dir.resolve("env/dev/terraform.tfstate"), sampleState(1));
        Files.writeString(dir.resolve("broken.tfstate"), "{\"version\": 3}");
        Response more = as(Role.READONLY).get("/api/v1/state/list?backend_id=" + id + "&limit=2&offset=1");
        assertThat(more.at("/data/total").asInt()).isEqualTo(3);
        assertThat(more.at("/data/state_files").size()).isEqualTo(2);
        String brokenId = as(Role.READONLY).get("/api/v1/state/list?backend_id=" + id).at("/data/state_files").findValuesAsText("id")
                .get(0);
        Response broken = as(Role.READONLY).get("/api/v1/state/details?state_id=" + brokenId);
        assertThat(broken.status()).isEqualTo(200);
        assertThat(broken.text("/data/error")).contains("version 3");

        // a file that goes away is no longer listed, and comes back when it does
        Files.move(dir.resolve("broken.tfstate"), dir.resolve("broken.json"));
        Response fewer = as(Role.READONLY).get("/api/v1/state/list?backend_id=" + id);
        assertThat(fewer.at("/data/total").asInt()).isEqualTo(2);
        assertThat(as(Role.READONLY).get("/api/v1/state/details?state_id=" + brokenId).status()).isEqualTo(404);
        Files.move(dir.resolve("broken.json"), dir.resolve("broken.tfstate"));
        assertThat(as(Role.READONLY).get("/api/v1/state/list?backend_id=" + id).at("/data/total").asInt()).isEqualTo(3);
        assertThat(as(Role.READONLY).get("/api/v1/state/details?state_id=" + brokenId).status()).isEqualTo(200);

        // a directory that goes away: test says so (200, status failed)
        Path gone = Files.createTempDirectory("gone");
        Response goneBackend = admin().post("/api/v1/backends", Map.of("name", "gone", "type", "local", "config", Map.of("path", gone.toString())));
        Files.delete(gone);
        Response failed = as(Role.STANDARD).post("/api/v1/backends/" + goneBackend.text("/data/id") + "/test", Map.of());
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.text("/data/status")).isEqualTo("failed");
        assertThat(as(Role.READONLY).get("/api/v1/backends/" + goneBackend.text("/data/id")).text("/data/status")).isEqualTo("unreachable");
    }

    @Test
    void backendEndpointsCheckRolesAndInput() {
        DriftClient anonymous = DriftClient.token(http(), null);
        Response noAuth = anonymous.get("/api/v1/backends/list");
        assertThat(noAuth.status()).isEqualTo(401);
        assertThat(noAuth.code()).isEqualTo("AUTHENTICATION_REQUIRED");
        assertThat(noAuth.at("/success").asBoolean()).isFalse();
        assertThat(anonymous.post("/api/v1/backends", Map.of()).status()).isEqualTo(401);

        Map<String, Object> body = Map.of("name", "x", "type", "local", "config", Map.of("path", "/tmp"));
        Response operator = as(Role.STANDARD).post("/api/v1/backends", body);
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.code()).isEqualTo("INSUFFICIENT_PERMISSIONS");
        assertThat(as(Role.STANDARD).post("/api/v1/backends/discover", Map.of("providers", List.of("aws"))).status()).isEqualTo(403);
        assertThat(as(Role.READONLY).post("/api/v1/backends/" + UUID.randomUUID() + "/test", Map.of()).status()).isEqualTo(403);

        Response missing = admin().post("/api/v1/backends", Map.of("type", "ftp"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(missing.at("/error/details/name").isArray()).isTrue();
        assertThat(missing.at("/error/details/type/0").asText()).contains("not a valid choice");
        assertThat(missing.at("/error/details/config").isArray()).isTrue();

        Response relative = admin().post("/api/v1/backends", Map.of("name", "r", "type", "local", "config", Map.of("path", "relative/dir")));
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.at("/error/details/config.path").isArray()).isTrue();
        Response badBucket = admin().post("/api/v1/backends", Map.of("name", "b", "type", "s3",
                "config", Map.of("bucket", "Bad_Bucket", "region", "us-east-1")));
        assertThat(badBucket.status()).isEqualTo(400);
        Response badRegion = admin().post("/api/v1/backends", Map.of("name", "b", "type", "s3",
                "config", Map.of("bucket", "good-bucket", "region", "moon")));
        assertThat(badRegion.status()).isEqualTo(400);
        Response notJson = DriftClient.token(http(), superadmin().token()).call(org.springframework.http.HttpMethod.POST,
                "/api/v1/backends", "{not json");
        assertThat(notJson.status()).isEqualTo(400);

        assertThat(as(Role.READONLY).get("/api/v1/backends/list/").status()).isEqualTo(200);
        Response wrongMethod = as(Role.READONLY).get("/api/v1/state/lock");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.at("/success").asBoolean()).isFalse();
        Response form = DriftClient.token(http(), superadmin().token()).call(org.springframework.http.HttpMethod.POST,
                "/api/v1/backends", List.of(1, 2));
        assertThat(form.status()).isEqualTo(400);

        Response unknown = as(Role.READONLY).get("/api/v1/backends/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(as(Role.READONLY).get("/api/v1/backends/not-a-uuid").status()).isEqualTo(404);
        assertThat(as(Role.STANDARD).post("/api/v1/backends/" + UUID.randomUUID() + "/test", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void stateDetailsShowTheParsedState() throws Exception {
        String[] b = localBackend();
        Response details = as(Role.READONLY).get("/api/v1/state/details?state_id=" + b[1]);
        assertThat(details.status()).as(details.toString()).isEqualTo(200);
        assertThat(details.text("/data/path")).isEqualTo("prod/terraform.tfstate");
        assertThat(details.text("/data/backend_id")).isEqualTo(b[0]);
        assertThat(details.at("/data/version").asInt()).isEqualTo(4);
        assertThat(details.at("/data/serial").asInt()).isEqualTo(5);
        assertThat(details.text("/data/lineage")).isEqualTo(LINEAGE);
        assertThat(details.text("/data/terraform_version")).isEqualTo("1.5.0");
        assertThat(details.text("/data/resources/0/type")).isEqualTo("aws_instance");
        assertThat(details.text("/data/resources/0/name")).isEqualTo("web_server");
        assertThat(details.text("/data/resources/0/address")).isEqualTo("aws_instance.web_server");
        assertThat(details.text("/data/resources/0/id")).isEqualTo("i-1234567890abcdef0");
        assertThat(details.text("/data/resources/0/attributes/id")).isEqualTo("i-1234567890abcdef0");
        assertThat(details.text("/data/resources/0/instances/0/id")).isEqualTo("i-1234567890abcdef0");
        assertThat(details.text("/data/outputs/instance_ip")).isEqualTo("10.0.1.100");
        assertThat(details.text("/data/outputs/db_password")).isEqualTo("********");
        assertThat(details.toString()).doesNotContain("hunter2");
        assertThat(details.at("/data/locked").asBoolean()).isFalse();

        // a change made by terraform shows on the next read
        Files.writeString(Path.of(b[2], "prod/terraform.tfstate"), sampleState(6));
        assertThat(as(Role.READONLY).get("/api/v1/state/details?state_id=" + b[1]).at("/data/serial").asInt()).isEqualTo(6);

        Response noId = as(Role.READONLY).get("/api/v1/state/details");
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(as(Role.READONLY).get("/api/v1/state/details?state_id=" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(DriftClient.token(http(), null).get("/api/v1/state/details?state_id=" + b[1]).status()).isEqualTo(401);
        assertThat(as(Role.READONLY).get("/api/v1/state/list?limit=0").status()).isEqualTo(400);
        assertThat(as(Role.READONLY).get("/api/v1/state/list?offset=-1").status()).isEqualTo(400);
        assertThat(as(Role.READONLY).get("/api/v1/state/list?limit=abc").status()).isEqualTo(400);
        assertThat(as(Role.READONLY).get("/api/v1/state/list?backend_id=" + UUID.randomUUID()).status()).isEqualTo(404);
        Response all = as(Role.READONLY).get("/api/v1/state/list");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.at("/data/state_files").findValuesAsText("id")).contains(b[1]);
    }

    @Test
    void lockAndUnlockFollowTerraformsLockInfoAndWriteItsLockFile() throws Exception {
        String[] b = localBackend();
        DriftClient alice = as(Role.STANDARD);
        DriftClient bob = as(Role.STANDARD);
        Response lock = alice.post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "Running terraform apply"));
        assertThat(lock.status()).as(lock.toString()).isEqualTo(200);
        String lockId = lock.text("/data/ID");
        assertThat(lock.text("/data/Info")).isEqualTo("Running terraform apply");
        assertThat(lock.text("/data/Who")).endsWith("@opsledger");
        assertThat(lock.text("/data/Path")).isEqualTo(Path.of(b[2], "prod/terraform.tfstate").toString());
        assertThat(lock.at("/data/Created").isTextual()).isTrue();
        assertThat(lock.at("/data/Operation").isTextual()).isTrue();
        assertThat(lock.at("/data/Version").isTextual()).isTrue();
        Path lockFile = Path.of(b[2], "prod/.terraform.tfstate.lock.info");
        assertThat(Files.readString(lockFile)).contains("\"ID\":\"" + lockId + "\"");

        Response second = bob.post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "me too"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("STATE_LOCKED");
        assertThat(second.text("/error/details/ID")).isEqualTo(lockId);
        assertThat(second.text("/error/details/Info")).isEqualTo("Running terraform apply");

        assertThat(as(Role.READONLY).get("/api/v1/state/list?backend_id=" + b[0]).at("/data/state_files/0/locked").asBoolean()).isTrue();
        assertThat(as(Role.READONLY).get("/api/v1/state/details?state_id=" + b[1]).text("/data/lock/ID")).isEqualTo(lockId);

        Response wrongId = bob.post("/api/v1/state/unlock", Map.of("state_id", b[1], "lock_id", UUID.randomUUID().toString()));
        assertThat(wrongId.status()).isEqualTo(409);
        assertThat(wrongId.code()).isEqualTo("STATE_LOCKED");
        Response noLockId = bob.post("/api/v1/state/unlock", Map.of("state_id", b[1], "force", false));
        assertThat(noLockId.status()).isEqualTo(400);
        assertThat(noLockId.at("/error/details/lock_id").isArray()).isTrue();
        Response operatorForce = bob.post("/api/v1/state/unlock", Map.of("state_id", b[1], "force", true));
        assertThat(operatorForce.status()).isEqualTo(403);
        assertThat(operatorForce.code()).isEqualTo("INSUFFICIENT_PERMISSIONS");
        assertThat(as(Role.READONLY).post("/api/v1/state/lock", Map.of("state_id", b[1])).status()).isEqualTo(403);
        assertThat(as(Role.READONLY).post("/api/v1/state/unlock", Map.of("state_id", b[1], "lock_id", lockId)).status()).isEqualTo(403);

        Response unlock = alice.post("/api/v1/state/unlock", Map.of("state_id", b[1], "lock_id", lockId, "force", false));
        assertThat(unlock.status()).as(unlock.toString()).isEqualTo(200);
        assertThat(unlock.at("/data/locked").asBoolean()).isFalse();
        assertThat(lockFile).doesNotExist();
        Response notLocked = alice.post("/api/v1/state/unlock", Map.of("state_id", b[1], "lock_id", lockId));
        assertThat(notLocked.status()).isEqualTo(409);
        assertThat(notLocked.code()).isEqualTo("VALIDATION_ERROR");

        // an admin force-unlocks someone else's lock
        String bobs = bob.post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "x")).text("/data/ID");
        Response forced = admin().post("/api/v1/state/unlock", Map.of("state_id", b[1], "force", true));
        assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
        assertThat(forced.text("/data/lock/ID")).isEqualTo(bobs);
        assertThat(lockFile).doesNotExist();

        Response missing = alice.post("/api/v1/state/lock", Map.of("reason", "x"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.at("/error/details/state_id").isArray()).isTrue();
        assertThat(alice.post("/api/v1/state/lock", Map.of("state_id", UUID.randomUUID().toString())).status()).isEqualTo(404);
        assertThat(DriftClient.token(http(), null).post("/api/v1/state/lock", Map.of("state_id", b[1])).status()).isEqualTo(401);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier(io.opsledger.common.AggregateCache.NAME)
    org.axonframework.common.caching.Cache aggregateCache;

    /**
     * Terraform locks and unlocks a state on every run: after 100 events the state is snapshotted,
     * and a lock read back from the snapshot (nothing in memory) still holds, refuses others and
     * unlocks with its id.
     */
    @Test
    void aStateLockedAndUnlockedOftenIsLoadedFromItsSnapshot() throws Exception {
        String[] b = localBackend();
        DriftClient alice = as(Role.STANDARD);
        for (int i = 0; i < 51; i++) {
            String id = alice.post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "run " + i)).text("/data/ID");
            assertThat(alice.post("/api/v1/state/unlock", Map.of("state_id", b[1], "lock_id", id)).status()).isEqualTo(200);
        }
        org.axonframework.eventsourcing.eventstore.DomainEventStream stored = eventStore.readEvents(b[1]);
        assertThat(stored.peek().getPayloadType()).as("the first of what a load reads").isEqualTo(io.opsledger.drift.StateFile.class);
        assertThat(stored.asStream().count()).as("the snapshot and what came after it").isLessThan(20);

        String lockId = alice.post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "after the snapshot")).text("/data/ID");
        aggregateCache.remove(b[1]);
        Response other = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "me too"));
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        assertThat(other.text("/error/details/ID")).isEqualTo(lockId);
        aggregateCache.remove(b[1]);
        Response edit = alice.post("/api/v1/state/import", Map.of("state_id", b[1], "lock_id", lockId,
                "resource_type", "aws_instance", "resource_name", "later", "resource_id", "i-0later"));
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        assertThat(edit.at("/data/serial").asLong()).as("the snapshot kept the state").isEqualTo(6);
        TerraformState written = TerraformStates.parse(Files.readAllBytes(Path.of(b[2], "prod/terraform.tfstate")));
        assertThat(written.find("aws_instance.web_server")).isPresent();
        assertThat(written.find("aws_instance.later")).isPresent();
        aggregateCache.remove(b[1]);
        assertThat(alice.post("/api/v1/state/unlock", Map.of("state_id", b[1], "lock_id", lockId)).status()).isEqualTo(200);
    }

    @Test
    void ofTwentySimultaneousLockRequestsExactlyOneWins() throws Exception {
        String[] b = localBackend();
        List<DriftClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(as(Role.STANDARD));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (DriftClient client : clients) {
                Callable<Response> call = () -> {
                    start.await();
                    return client.post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "race"));
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            Map<Integer, Integer> byStatus = new HashMap<>();
            String winner = null;
            List<String> holdersSeen = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                byStatus.merge(r.status(), 1, Integer::sum);
                if (r.status() == 200) {
                    winner = r.text("/data/ID");
                } else {
                    assertThat(r.code()).as(r.toString()).isEqualTo("STATE_LOCKED");
                    holdersSeen.add(r.text("/error/details/ID"));
                }
            }
            assertThat(byStatus).isEqualTo(Map.of(200, 1, 409, 19));
            assertThat(holdersSeen).containsOnly(winner);
            assertThat(Files.readString(Path.of(b[2], "prod/.terraform.tfstate.lock.info"))).contains(winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockTerraformHoldsShowsAndRefusesOurLocksAndEdits() throws Exception {
        String[] b = localBackend();
        Path state = Path.of(b[2], "prod/terraform.tfstate");
        Path lockFile = Path.of(b[2], "prod/.terraform.tfstate.lock.info");
        // what Terraform's local backend does while it holds the lock: an fcntl lock on the state, its LockInfo beside it
        Process terraform = new ProcessBuilder("/usr/bin/python3", "-c",
                "import fcntl,sys,time\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f, fcntl.LOCK_EX)\nopen(sys.argv[2],'w').write(sys.argv[3])\n"
                        + "print('locked', flush=True)\ntime.sleep(300)",
                state.toString(), lockFile.toString(), "{\"ID\":\"0f1e2d3c-aaaa-bbbb-cccc-000000000001\",\"Operation\":\"OperationTypeApply\","
                + "\"Info\":\"\",\"Who\":\"carol@laptop\",\"Version\":\"1.11.4\",\"Created\":\"2026-11-22T10:00:00.123456789Z\","
                + "\"Path\":\"" + state + "\"}").redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(terraform.getInputStream())).readLine()).isEqualTo("locked");
            Response details = as(Role.READONLY).get("/api/v1/state/details?state_id=" + b[1]);
            assertThat(details.at("/data/locked").asBoolean()).isTrue();
            assertThat(details.text("/data/lock/Who")).isEqualTo("carol@laptop");
            assertThat(as(Role.READONLY).get("/api/v1/state/list?backend_id=" + b[0]).at("/data/state_files/0/locked").asBoolean()).isTrue();

            Response lock = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "x"));
            assertThat(lock.status()).isEqualTo(409);
            assertThat(lock.code()).isEqualTo("STATE_LOCKED");
            assertThat(lock.text("/error/details/ID")).isEqualTo("0f1e2d3c-aaaa-bbbb-cccc-000000000001");
            assertThat(lock.text("/error/details/Who")).isEqualTo("carol@laptop");
            Response edit = as(Role.STANDARD).post("/api/v1/state/move", Map.of("state_id", b[1],
                    "from_address", "aws_instance.web_server", "to_address", "aws_instance.frontend"));
            assertThat(edit.status()).isEqualTo(409);
            assertThat(edit.text("/error/details/Who")).isEqualTo("carol@laptop");
            assertThat(Files.readString(lockFile)).contains("carol@laptop"); // untouched
        } finally {
            terraform.destroyForcibly().waitFor();
        }

        // Terraform is gone (its lock with it; the info file it left is stale): unlocked here too, and we can lock
        assertThat(as(Role.READONLY).get("/api/v1/state/details?state_id=" + b[1]).at("/data/locked").asBoolean()).isFalse();
        Response mine = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "now me"));
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(as(Role.READONLY).get("/api/v1/state/details?state_id=" + b[1]).text("/data/lock/ID")).isEqualTo(mine.text("/data/ID"));
        assertThat(Files.readString(lockFile)).contains(mine.text("/data/ID"));
        Response forced = admin().post("/api/v1/state/unlock", Map.of("state_id", b[1], "force", true));
        assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
        assertThat(lockFile).doesNotExist();
    }

    /** A real terraform on the local backend cannot take the state while we hold its lock. */
    @Test
    void terraformItselfRespectsOurLocalLock() throws Exception {
        TerraformCli terraform = TerraformCli.require();
        Path dir = Files.createTempDirectory("tfstate");
        Files.writeString(dir.resolve("terraform.tfstate"),
                new String(TerraformStates.write(TerraformState.empty("1.11.4", UUID.randomUUID().toString()))));
        Response created = admin().post("/api/v1/backends", Map.of("name", "tf-local", "type", "local", "config", Map.of("path", dir.toString())));
        String stateId = as(Role.READONLY).get("/api/v1/state/list?backend_id=" + created.text("/data/id")).text("/data/state_files/0/id");
        Path work = Files.createTempDirectory("tfwork");
        Files.writeString(work.resolve("main.tf"), """
                terraform {
                  backend "local" { path = "%s" }
                }
                output "hello" { value = "world" }
                """.formatted(dir.resolve("terraform.tfstate")));
        TerraformCli.Run init = terraform.run(work, "init", "-input=false", "-no-color");
        assertThat(init.exit()).as(init.output()).isZero();
        Response lock = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", stateId, "reason", "held by OpsLedger"));
        assertThat(lock.status()).isEqualTo(200);
        TerraformCli.Run blocked = terraform.run(work, "apply", "-auto-approve", "-input=false", "-no-color", "-lock-timeout=0s");
        assertThat(blocked.exit()).as(blocked.output()).isNotZero();
        assertThat(blocked.output()).contains("Error acquiring the state lock").contains(lock.text("/data/ID"));
        as(Role.STANDARD).post("/api/v1/state/unlock", Map.of("state_id", stateId, "lock_id", lock.text("/data/ID")));
        TerraformCli.Run applied = terraform.run(work, "apply", "-auto-approve", "-input=false", "-no-color", "-lock-timeout=0s");
        assertThat(applied.exit()).as(applied.output()).isZero();
        Response details = as(Role.READONLY).get("/api/v1/state/details?state_id=" + stateId);
        assertThat(details.at("/data/serial").asInt()).isGreaterThan(1);
        assertThat(details.text("/data/outputs/hello")).isEqualTo("world");
    }

    /**
     * The other way round, with the real CLI: while {@code terraform apply} holds the local state's
     * lock (its provisioner sleeping), our lock and our edits are refused with Terraform's LockInfo;
     * once the apply has ended, our lock is granted.
     */
    /** A terraform working directory on the local backend, applied once and registered as a backend. */
    record Workspace(Path dir, String stateId) {}

    private Workspace appliedLocalWorkspace(TerraformCli terraform) throws Exception {
        Path dir = Files.createTempDirectory("tfwork");
        Files.writeString(dir.resolve("main.tf"), """
                terraform {
                  backend "local" {}
                }
                %s
                """.formatted(TerraformCli.sleepingResource(dir)));
        TerraformCli.Run init = terraform.run(dir, "init", "-input=false", "-no-color");
        assertThat(init.exit()).as(init.output()).isZero();
        TerraformCli.Run first = terraform.apply(dir);
        assertThat(first.exit()).as(first.output()).isZero();
        Response created = admin().post("/api/v1/backends", Map.of("name", "tf-" + UUID.randomUUID().toString().substring(0, 8),
                "type", "local", "config", Map.of("path", dir.toString())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Response listed = as(Role.READONLY).get("/api/v1/state/list?backend_id=" + created.text("/data/id"));
        assertThat(listed.at("/data/total").asInt()).as(listed.toString()).isEqualTo(1);
        return new Workspace(dir, listed.text("/data/state_files/0/id"));
    }

    /** A 409 STATE_LOCKED whose details are Terraform's LockInfo as it wrote it. */
    static void assertRefusedWithTerraformsLock(Response refused, JsonNode terraformsLock) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("STATE_LOCKED");
        assertThat(refused.text("/error/details/ID")).isEqualTo(terraformsLock.path("ID").asText()).isNotBlank();
        assertThat(refused.text("/error/details/Operation")).isEqualTo("OperationTypeApply");
        assertThat(refused.text("/error/details/Who")).isEqualTo(terraformsLock.path("Who").asText()).isNotBlank();
        assertThat(refused.text("/error/details/Version")).isEqualTo(terraformsLock.path("Version").asText()).isNotBlank();
        assertThat(java.time.Instant.parse(refused.text("/error/details/Created")))
                .isEqualTo(java.time.Instant.parse(terraformsLock.path("Created").asText()));
    }

    /** Import, move and remove (of the workspace's terraform_data.slow) each refused with Terraform's lock. */
    static void assertEditsRefusedWithTerraformsLock(DriftClient operator, String stateId, JsonNode terraformsLock) {
        assertRefusedWithTerraformsLock(operator.post("/api/v1/state/import", Map.of("state_id", stateId, "resource_type", "aws_vpc",
                "resource_name", "main", "resource_id", "vpc-1")), terraformsLock);
        assertRefusedWithTerraformsLock(operator.post("/api/v1/state/move", Map.of("state_id", stateId,
                "from_address", "terraform_data.slow", "to_address", "terraform_data.quick")), terraformsLock);
        assertRefusedWithTerraformsLock(operator.delete("/api/v1/state/resources/terraform_data.slow?state_id=" + stateId), terraformsLock);
    }

    @Test
    void aRunningTerraformApplyHoldsTheLocalStateAgainstUs() throws Exception {
        TerraformCli terraform = TerraformCli.require();
        Workspace workspace = appliedLocalWorkspace(terraform);
        Path dir = workspace.dir();
        String stateId = workspace.stateId();
        Path lockInfo = dir.resolve(".terraform.tfstate.lock.info");

        try (TerraformCli.SleepingApply apply = terraform.startSleepingApply(dir)) {
            apply.awaitSleeping(java.time.Duration.ofSeconds(90));
            JsonNode terraformsLock = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(lockInfo));

            Response lock = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", stateId, "reason", "while terraform applies"));
            assertRefusedWithTerraformsLock(lock, terraformsLock);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(lockInfo)))
                    .as("Terraform's lock file is untouched").isEqualTo(terraformsLock);

            assertEditsRefusedWithTerraformsLock(as(Role.STANDARD), stateId, terraformsLock);
            assertThat(as(Role.READONLY).get("/api/v1/state/details?state_id=" + stateId).text("/data/lock/ID"))
                    .isEqualTo(terraformsLock.path("ID").asText());

            TerraformCli.Run done = apply.finish();
            assertThat(done.exit()).as(done.output()).isZero();
        }
        assertThat(lockInfo).doesNotExist();
        TerraformState written = TerraformStates.parse(Files.readAllBytes(dir.resolve("terraform.tfstate")));
        assertThat(written.find("terraform_data.slow")).as("terraform's state, not one of our edits").isPresent();
        assertThat(written.find("aws_vpc.main")).isEmpty();

        Response mine = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", stateId, "reason", "after terraform"));
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(Files.readString(lockInfo)).contains(mine.text("/data/ID"));
        TerraformCli.Run refused = terraform.apply(dir);
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("Error acquiring the state lock").contains(mine.text("/data/ID"));
        Response unlocked = as(Role.STANDARD).post("/api/v1/state/unlock", Map.of("state_id", stateId, "lock_id", mine.text("/data/ID")));
        assertThat(unlocked.status()).as(unlocked.toString()).isEqualTo(200);
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.opsledger.common.Commands commands;

    /**
     * A lock OpsLedger granted before a restart is still ours in the event log, but no process
     * holds it on the file any more, so a terraform apply can take the state. Edits under that old
     * lock id must then refuse with Terraform's lock, not write beside (or under) Terraform.
     */
    @Test
    void editsUnderALockThisProcessNoLongerHoldsRefuseWhileTerraformApplies() throws Exception {
        TerraformCli terraform = TerraformCli.require();
        Workspace workspace = appliedLocalWorkspace(terraform);
        Path dir = workspace.dir();
        String stateId = workspace.stateId();
        // what a restart leaves behind: our lock in the events and our lock file, but no fcntl lock held
        io.opsledger.drift.api.LockInfo before = new io.opsledger.drift.api.LockInfo(UUID.randomUUID().toString(),
                dir.resolve("terraform.tfstate").toString(), "OperationTypeInvalid", "ops@opsledger", "1.11.4",
                java.time.Instant.now(), "before the restart");
        commands.send(new io.opsledger.drift.api.StateMessages.LockState(stateId, before), io.opsledger.web.RequestContext.system("test"));
        Files.write(dir.resolve(".terraform.tfstate.lock.info"), io.opsledger.gateway.tfstate.LockFiles.write(before));

        try (TerraformCli.SleepingApply apply = terraform.startSleepingApply(dir)) {
            apply.awaitSleeping(java.time.Duration.ofSeconds(90));
            JsonNode terraformsLock = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(Files.readString(dir.resolve(".terraform.tfstate.lock.info")));
            assertThat(terraformsLock.path("ID").asText()).isNotEqualTo(before.id());
            Response imported = as(Role.STANDARD).post("/api/v1/state/import", Map.of("state_id", stateId, "lock_id", before.id(),
                    "resource_type", "aws_vpc", "resource_name", "main", "resource_id", "vpc-1"));
            assertRefusedWithTerraformsLock(imported, terraformsLock);
            Response removed = as(Role.STANDARD).delete("/api/v1/state/resources/terraform_data.slow?state_id=" + stateId
                    + "&lock_id=" + before.id());
            assertThat(removed.status()).as(removed.toString()).isEqualTo(409);
            TerraformCli.Run done = apply.finish();
            assertThat(done.exit()).as(done.output()).isZero();
        }
        // Terraform's write is in the file, and none of ours
        TerraformState written = TerraformStates.parse(Files.readAllBytes(dir.resolve("terraform.tfstate")));
        assertThat(written.find("terraform_data.slow")).isPresent();
        assertThat(written.find("aws_vpc.main")).isEmpty();
        assertThat(as(Role.STANDARD).post("/api/v1/state/unlock", Map.of("state_id", stateId, "lock_id", before.id())).status())
                .isEqualTo(200);
        Response mine = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", stateId, "reason", "after terraform"));
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        as(Role.STANDARD).post("/api/v1/state/unlock", Map.of("state_id", stateId, "lock_id", mine.text("/data/ID")));
    }

    @Test
    void importMoveAndRemoveWriteTheStateBackWithTheNextSerial() throws Exception {
        String[] b = localBackend();
        Path file = Path.of(b[2], "prod/terraform.tfstate");
        DriftClient operator = as(Role.STANDARD);

        Response imported = operator.post("/api/v1/state/import", Map.of("state_id", b[1], "resource_type", "aws_vpc",
                "resource_name", "main", "resource_id", "vpc-0abc"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.at("/data/serial").asInt()).isEqualTo(6);
        TerraformState onDisk = TerraformStates.parse(Files.readAllBytes(file));
        assertThat(onDisk.serial()).isEqualTo(6);
        assertThat(onDisk.lineage()).isEqualTo(LINEAGE);
        assertThat(onDisk.find("aws_vpc.main").orElseThrow().instances().get(0).resourceId()).isEqualTo("vpc-0abc");
        assertThat(Path.of(b[2], "prod/.terraform.tfstate.lock.info")).doesNotExist(); // the edit's own lock is released

        Response moved = operator.post("/api/v1/state/move", Map.of("state_id", b[1], "from_address", "aws_instance.web_server",
                "to_address", "aws_instance.frontend"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.at("/data/serial").asInt()).isEqualTo(7);
        onDisk = TerraformStates.parse(Files.readAllBytes(file));
        assertThat(onDisk.find("aws_instance.frontend")).isPresent();
        assertThat(onDisk.find("aws_instance.web_server")).isEmpty();

        // by address
        Response removed = operator.delete("/api/v1/state/resources/aws_s3_bucket.logs?state_id=" + b[1]);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.at("/data/serial").asInt()).isEqualTo(8);
        // by cloud id, without state_id (unique)
        Response byId = operator.delete("/api/v1/state/resources/vpc-0abc");
        assertThat(byId.status()).as(byId.toString()).isEqualTo(200);
        onDisk = TerraformStates.parse(Files.readAllBytes(file));
        assertThat(onDisk.serial()).isEqualTo(9);
        assertThat(onDisk.resources()).extracting(r -> r.address()).containsExactly("aws_instance.frontend");
        JsonNode details = as(Role.READONLY).get("/api/v1/state/details?state_id=" + b[1]).body();
        assertThat(details.at("/data/serial").asInt()).isEqualTo(9);
        assertThat(details.at("/data/resources").size()).isEqualTo(1);

        // edits under a lock the caller holds
        String lockId = operator.post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "batch")).text("/data/ID");
        Response underLock = operator.post("/api/v1/state/import", Map.of("state_id", b[1], "resource_type", "aws_eip",
                "resource_name", "ip", "resource_id", "eipalloc-1", "lock_id", lockId));
        assertThat(underLock.status()).as(underLock.toString()).isEqualTo(200);
        Response withoutLock = as(Role.STANDARD).post("/api/v1/state/import", Map.of("state_id", b[1], "resource_type", "aws_eip",
                "resource_name", "ip2", "resource_id", "eipalloc-2"));
        assertThat(withoutLock.status()).isEqualTo(409);
        assertThat(withoutLock.code()).isEqualTo("STATE_LOCKED");
        assertThat(withoutLock.text("/error/details/ID")).isEqualTo(lockId);
        operator.post("/api/v1/state/unlock", Map.of("state_id", b[1], "lock_id", lockId));

        // by the id /resources gives out (NOTES.md)
        String listedId = null;
        for (JsonNode r : as(Role.READONLY).get("/api/v1/resources?type=aws_eip&limit=100").body().at("/data/resources")) {
            if (b[1].equals(r.path("state_id").asText()) && "ip".equals(r.path("name").asText())) {
                listedId = r.path("id").asText();
            }
        }
        assertThat(listedId).as("aws_eip.ip is listed at /resources").isNotNull();
        Response byListedId = operator.delete("/api/v1/state/resources/" + listedId);
        assertThat(byListedId.status()).as(byListedId.toString()).isEqualTo(200);
        assertThat(TerraformStates.parse(Files.readAllBytes(file)).find("aws_eip.ip")).isEmpty();

        // refusals
        Response duplicate = operator.post("/api/v1/state/import", Map.of("state_id", b[1], "resource_type", "aws_instance",
                "resource_name", "frontend", "resource_id", "i-9"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        Response missingFrom = operator.post("/api/v1/state/move", Map.of("state_id", b[1], "from_address", "aws_instance.nope",
                "to_address", "aws_instance.x"));
        assertThat(missingFrom.status()).isEqualTo(404);
        assertThat(missingFrom.code()).isEqualTo("RESOURCE_NOT_FOUND");
        Response badAddress = operator.post("/api/v1/state/move", Map.of("state_id", b[1], "from_address", "aws_instance.frontend",
                "to_address", "not an address"));
        assertThat(badAddress.status()).isEqualTo(400);
        assertThat(badAddress.code()).isEqualTo("VALIDATION_ERROR");
        Response typeChange = operator.post("/api/v1/state/move", Map.of("state_id", b[1], "from_address", "aws_instance.frontend",
                "to_address", "aws_vpc.frontend"));
        assertThat(typeChange.status()).isEqualTo(400);
        Response incomplete = operator.post("/api/v1/state/import", Map.of("state_id", b[1]));
        assertThat(incomplete.status()).isEqualTo(400);
        Response numberForId = operator.post("/api/v1/state/lock", Map.of("state_id", 123, "reason", "typed"));
        assertThat(numberForId.status()).as(numberForId.toString()).isEqualTo(400);
        assertThat(numberForId.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(incomplete.at("/error/details/resource_type").isArray()).isTrue();
        assertThat(operator.delete("/api/v1/state/resources/aws_instance.nothing").status()).isEqualTo(404);
        assertThat(as(Role.READONLY).post("/api/v1/state/import", Map.of("state_id", b[1], "resource_type", "aws_eip",
                "resource_name", "x", "resource_id", "e")).status()).isEqualTo(403);
        assertThat(as(Role.READONLY).delete("/api/v1/state/resources/aws_instance.frontend").status()).isEqualTo(403);
        assertThat(DriftClient.token(http(), null).post("/api/v1/state/move", Map.of()).status()).isEqualTo(401);
        assertThat(Path.of(b[2], "prod/.terraform.tfstate.lock.info")).doesNotExist();
        assertThat(TerraformStates.parse(Files.readAllBytes(file)).serial()).isEqualTo(11);
    }

    @Test
    void anAddressInSeveralStatesNeedsTheStateId() throws Exception {
        String[] one = localBackend();
        String[] two = localBackend();
        Response ambiguous = as(Role.STANDARD).delete("/api/v1/state/resources/aws_s3_bucket.logs");
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.at("/error/details/state_id").isArray()).isTrue();
        assertThat(as(Role.STANDARD).delete("/api/v1/state/resources/aws_s3_bucket.logs?state_id=" + two[1]).status()).isEqualTo(200);
        assertThat(TerraformStates.parse(Files.readAllBytes(Path.of(one[2], "prod/terraform.tfstate"))).find("aws_s3_bucket.logs")).isPresent();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** Every stored event of the aggregate, as the event table holds its payload. */
    private List<String> storedPayloads(String aggregateId) {
        org.axonframework.eventsourcing.eventstore.jdbc.EventSchema schema = new org.axonframework.eventsourcing.eventstore.jdbc.EventSchema();
        return jdbc.query("SELECT " + schema.payloadColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                        + schema.aggregateIdentifierColumn() + " = ?",
                (rs, n) -> new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8), aggregateId);
    }

    /**
     * Sensitive outputs and attributes (Terraform's marks) are secrets: encrypted in the events,
     * masked in every response and in the audit trail, and written back to the backend for real.
     */
    @Test
    void sensitiveValuesAreEncryptedInEventsMaskedInEveryAnswerAndWrittenBackForReal() throws Exception {
        Path dir = Files.createTempDirectory("tfstate");
        Path file = dir.resolve("terraform.tfstate");
        Files.writeString(file, """
                {"version": 4, "terraform_version": "1.11.4", "serial": 2, "lineage": "l-sensitive",
                 "outputs": {"db_password": {"value": "hunter3-output", "type": "string", "sensitive": true},
                             "endpoint": {"value": "db.internal:5432", "type": "string"}},
                 "resources": [
                  {"mode": "managed", "type": "aws_db_instance", "name": "db",
                   "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                   "instances": [{"schema_version": 2,
                     "attributes": {"id": "db-1", "identifier": "db-1", "username": "admin", "password": "hunter3-attribute"},
                     "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]]}]},
                  {"mode": "managed", "type": "terraform_data", "name": "cfg",
                   "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
                   "instances": [{"schema_version": 0,
                     "attributes": {"id": "cfg-1", "input": {"value": {"user": "app", "tokens": ["public", "hunter3-token"]},
                       "type": ["object", {"user": "string", "tokens": ["tuple", ["string", "string"]]}]}},
                     "sensitive_attributes": [[{"type": "get_attr", "value": "input"}, {"type": "get_attr", "value": "tokens"},
                       {"type": "index", "value": {"value": 1, "type": "number"}}]]}]}]}
                """);
        Response created = admin().post("/api/v1/backends", Map.of("name", "db-" + UUID.randomUUID().toString().substring(0, 6),
                "type", "local", "config", Map.of("path", dir.toString())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String stateId = as(Role.READONLY).get("/api/v1/state/list?backend_id=" + created.text("/data/id")).text("/data/state_files/0/id");

        List<String> events = storedPayloads(stateId);
        assertThat(events).isNotEmpty();
        assertThat(String.join("\n", events)).as("the event table").doesNotContain("hunter3");
        Response audit = admin().get("/api/v1/audit/events?aggregate_id=" + stateId + "&page_size=1000");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        assertThat(audit.at("/data/results").size()).isPositive();
        assertThat(audit.toString()).as("the audit trail").doesNotContain("hunter3");
        Response details = as(Role.READONLY).get("/api/v1/state/details?state_id=" + stateId);
        assertThat(details.status()).as(details.toString()).isEqualTo(200);
        assertThat(details.toString()).doesNotContain("hunter3");
        assertThat(details.text("/data/outputs/endpoint")).isEqualTo("db.internal:5432");
        assertThat(details.text("/data/outputs/db_password")).isEqualTo("********");
        assertThat(details.text("/data/resources/0/attributes/username")).isEqualTo("admin");
        assertThat(details.text("/data/resources/0/attributes/password")).isEqualTo("********");
        assertThat(details.text("/data/resources/0/instances/0/attributes/password")).isEqualTo("********");
        assertThat(details.text("/data/resources/1/attributes/input/value/tokens/0")).isEqualTo("public");
        assertThat(details.text("/data/resources/1/attributes/input/value/tokens/1")).isEqualTo("********");
        Response resources = as(Role.READONLY).get("/api/v1/resources?limit=1000");
        assertThat(resources.status()).as(resources.toString()).isEqualTo(200);
        assertThat(resources.toString()).doesNotContain("hunter3");

        Response imported = as(Role.STANDARD).post("/api/v1/state/import", Map.of("state_id", stateId, "resource_type", "aws_vpc",
                "resource_name", "main", "resource_id", "vpc-0abc"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        TerraformState written = TerraformStates.parse(Files.readAllBytes(file));
        assertThat(written.serial()).isEqualTo(3);
        assertThat(written.find("aws_vpc.main")).isPresent();
        assertThat(written.outputs().get("db_password").value()).isEqualTo("hunter3-output");
        assertThat(written.outputs().get("db_password").sensitive()).isTrue();
        assertThat(written.find("aws_db_instance.db").orElseThrow().instances().get(0).attributes())
                .containsEntry("password", "hunter3-attribute").containsEntry("username", "admin");
        assertThat(written.find("terraform_data.cfg").orElseThrow().instances().get(0).attributes().get("input").toString())
                .contains("hunter3-token");
        assertThat(written.find("aws_db_instance.db").orElseThrow().instances().get(0).sensitiveAttributes())
                .isEqualTo(List.of(List.of(Map.of("type", "get_attr", "value", "password"))));

        Response after = as(Role.READONLY).get("/api/v1/state/details?state_id=" + stateId);
        assertThat(after.at("/data/serial").asInt()).isEqualTo(3);
        assertThat(after.text("/data/outputs/db_password")).isEqualTo("********");
        Response auditAfter = admin().get("/api/v1/audit/events?aggregate_id=" + stateId + "&page_size=1000");
        assertThat(auditAfter.at("/data/results").findValuesAsText("eventType")).contains("StateResourceImported");
        for (String shown : List.of(after.toString(), imported.toString(), auditAfter.toString(), String.join("\n", storedPayloads(stateId)))) {
            assertThat(shown).doesNotContain("hunter3");
        }

        // a second edit still writes the real values (they come from the events, not from the backend)
        Response moved = as(Role.STANDARD).post("/api/v1/state/move", Map.of("state_id", stateId,
                "from_address", "aws_db_instance.db", "to_address", "aws_db_instance.main"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        written = TerraformStates.parse(Files.readAllBytes(file));
        assertThat(written.find("aws_db_instance.main").orElseThrow().instances().get(0).attributes()).containsEntry("password", "hunter3-attribute");
        assertThat(written.outputs().get("db_password").value()).isEqualTo("hunter3-output");
    }

    @Test
    void theRegistrationRouteIsInTheOpenApiDocument() {
        http().get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/v1/backends'].post.requestBody.content['application/json'].schema").exists()
                .jsonPath("$.paths['/api/v1/backends'].post.responses['201']").exists()
                .jsonPath("$.paths['/api/v1/backends/list'].get").exists()
                .jsonPath("$.paths['/api/v1/state/lock'].post").exists()
                .jsonPath("$.paths['/api/v1/state/resources/{id}'].delete").exists();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.queryhandling.QueryGateway queryGateway;

    /** What a live view (WebSocket) builds on: a subscription to one state file gets its lock changes. */
    @Test
    void subscribersToAStateFileSeeItsLockChange() throws Exception {
        String[] b = localBackend();
        var subscription = queryGateway.subscriptionQuery(new io.opsledger.drift.api.DriftQueries.FindStateFile(b[1]),
                io.opsledger.drift.api.DriftQueries.StateFileView.class, io.opsledger.drift.api.DriftQueries.StateFileView.class);
        try {
            assertThat(subscription.initialResult().block(java.time.Duration.ofSeconds(10)).locked()).isFalse();
            var next = subscription.updates().filter(v -> v.lock() != null).next().toFuture();
            String lockId = as(Role.STANDARD).post("/api/v1/state/lock", Map.of("state_id", b[1], "reason", "live")).text("/data/ID");
            assertThat(next.get(10, java.util.concurrent.TimeUnit.SECONDS).lock().id()).isEqualTo(lockId);
        } finally {
            subscription.close();
        }
    }
}
