package io.opsledger.web.bitblast;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.CloudStackMock;
import io.opsledger.testing.KubernetesMock;
import io.opsledger.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * add-server with cluster_name: a cluster provisioned through the dbaas context on CloudStack
 * (its API the WireMock mock written from CloudStack's reference) is registered in Barman by name
 * and backed up. The "virtual machine" is a real PostgreSQL 15 on loopback: the app's PostgreSQL
 * port for VM clusters ({@code opsledger.dbaas.vm.postgres-port}) is that server's port, the mock
 * reports the machine at 127.0.0.1, and the test runs the SQL of the machine's own cloud-init
 * (taken from the deployVirtualMachine request) on it, as cloud-init's psql would.
 */
class BitBlastBarmanClustersTest extends BitBlastTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static PostgresServer pg;

    @DynamicPropertySource
    static void virtualMachines(DynamicPropertyRegistry registry) {
        registry.add("opsledger.dbaas.vm.cloudstack-template", () -> "b3a1c2d4-0000-4e5f-8a9b-debian12cloud");
        registry.add("opsledger.dbaas.vm.postgres-port", () -> postgres().port());
    }

    private static synchronized PostgresServer postgres() {
        if (pg == null) {
            pg = PostgresServer.start();
        }
        return pg;
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClusterOnAVirtualMachineIsRegisteredByNameOnceReadyAndBackedUp() throws Exception {
        String password = "Orders-pa55:" + UUID.randomUUID().toString().substring(0, 8);
        try (CloudStackMock cloudStack = CloudStackMock.start()) {
            TestUser dba = user(Role.STANDARD);
            send("POST", "/api/v1/providers/", dba, Map.of("provider_name", "CloudStack", "provider_url", cloudStack.url(),
                    "access_token", CloudStackMock.API_KEY, "secret_key", CloudStackMock.SECRET_KEY)).expectStatus().isCreated();
            int project = project(dba);
            Map<String, Object> order = Map.of("db_user", "orders", "db_password", password, "project", project,
                    "cluster_name", "orders-db", "cluster_type", "Standalone", "postgres_version", "16",
                    "backup_method", "nfs", "provider", "CloudStack", "computeOffering", "Medium Instance",
                    "storageOffering", "Data 50 GB");
            send("POST", "/api/v1/cluster/", dba, with(order, "db_user", "barman")).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.db_user[0]").value(m -> assertThat((String) m).contains("streaming_barman"));
            int id = (Integer) send("POST", "/api/v1/cluster/", dba, order).expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("id");

            // not ready yet: the machine is still being deployed
            String addServer = "/api/v1/barman/add-server/";
            send("POST", addServer, dba, Map.of("cluster_name", "orders-db", "storage_method", "nfs"))
                    .expectStatus().isEqualTo(409).expectBody().jsonPath("$.status").isEqualTo("error")
                    .jsonPath("$.message").value(m -> assertThat((String) m).startsWith("Cluster orders-db is not ready (")
                            .endsWith("); add it once its provisioning has succeeded."));
            // an Admin naming the owner finds the same cluster
            send("POST", addServer, user(Role.ADMIN), Map.of("cluster_name", "orders-db", "storage_method", "nfs",
                    "username", dba.username())).expectStatus().isEqualTo(409);

            // the machine boots: its cloud-init's SQL runs on "its" PostgreSQL, and CloudStack reports it running
            Map<String, String> deploy = await(WAIT, () -> deployRequests(cloudStack), l -> !l.isEmpty()).get(0);
            String userData = new String(Base64.getDecoder().decode(deploy.get("userdata")), StandardCharsets.UTF_8);
            assertThat(userData).contains("host replication streaming_barman ").doesNotContain(password);
            String sql = userData.lines().dropWhile(l -> !l.contains("opsledger-init.sql")).filter(l -> l.contains("content:"))
                    .findFirst().map(l -> new String(Base64.getDecoder().decode(l.substring(l.indexOf(':') + 1).strip()),
                            StandardCharsets.UTF_8)).orElseThrow();
            assertThat(sql).contains("CREATE ROLE barman WITH SUPERUSER LOGIN").contains("CREATE ROLE streaming_barman WITH REPLICATION LOGIN");
            postgres().execute(sql.lines().filter(l -> !l.isBlank()).toArray(String[]::new));
            String machine = "pg-" + id + "-orders-db-1";
            cloudStack.existingVirtualMachine(CloudStackMock.VM_ID, machine, "Running", "127.0.0.1");
            Map<String, Object> ready = await(WAIT, () -> pipeline(dba, project), p -> "success".equals(p.get("status")));
            assertThat(ready.get("artifacts")).isEqualTo(Map.of("host", "127.0.0.1", "port", postgres().port(),
                    "database", "orders", "user", "orders"));

            send("POST", addServer, dba, Map.of("cluster_name", "orders-db", "storage_method", "nfs")).expectStatus().isOk()
                    .expectBody().json("{\"status\":\"success\",\"message\":\"Configuration file created for orders-db\"}", true);
            send("GET", "/api/v1/barman/list-servers/?storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().json("{\"servers\":[\"orders-db\"]}", true);
            send("POST", "/api/v1/barman/switch-wal/?server_name=orders-db&storage_method=nfs", dba, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.message").isEqualTo("WAL switch executed successfully.");
            Map<String, Object> backup = send("POST", "/api/v1/barman/backup/?server_name=orders-db&storage_method=nfs", dba, null)
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(backup).containsEntry("message", "Backup created successfully.");

            // the server's event names the cluster; the password is in no event and no answer about the cluster
            String serverId = "barman-server:" + dba.user().userId() + ":nfs:orders-db";
            Map<String, Object> history = (Map<String, Object>) http().get().uri("/api/v1/audit/aggregates/" + serverId + "/history")
                    .header("Authorization", "Token " + superadmin().token()).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("data");
            List<Map<String, Object>> events = (List<Map<String, Object>>) history.get("events");
            assertThat(events).extracting(e -> e.get("eventType")).startsWith("BackupServerConfigured");
            assertThat(events.get(0).toString()).contains("clusterId=dbaas-cluster-" + id);
            assertThat(history.toString()).doesNotContain(password);
            for (String read : List.of("/api/v1/cluster/", "/api/v1/cluster/user/", "/api/v1/result/content/orders-db/")) {
                String answer = send("GET", read, dba, null).expectStatus().isOk().expectBody(String.class).returnResult()
                        .getResponseBody();
                assertThat(answer).doesNotContain(password).doesNotContainIgnoringCase("password");
            }
            assertThat(pipeline(dba, project).toString()).doesNotContainIgnoringCase("password");

            // a second project with a cluster of that name: which one must be said
            int second = project(dba);
            send("POST", "/api/v1/cluster/", dba, with(order, "project", second)).expectStatus().isCreated();
            send("POST", addServer, dba, Map.of("cluster_name", "orders-db", "storage_method", "nfs", "server_name", "orders-2"))
                    .expectStatus().isBadRequest().expectBody()
                    .json("{\"status\":\"error\",\"message\":\"Several of your projects have a cluster named orders-db; give project_id.\"}", true);
            send("POST", addServer, dba, Map.of("cluster_name", "orders-db", "storage_method", "nfs", "server_name", "orders-2",
                    "project_id", String.valueOf(second))).expectStatus().isEqualTo(409);
            send("POST", addServer, dba, Map.of("cluster_name", "orders-db", "storage_method", "nfs", "server_name", "orders-2",
                    "project_id", "999999")).expectStatus().isNotFound()
                    .expectBody().json("{\"status\":\"error\",\"message\":\"Cluster not found.\"}", true);

            // nobody else finds it
            send("POST", addServer, user(Role.STANDARD), Map.of("cluster_name", "orders-db", "storage_method", "nfs"))
                    .expectStatus().isNotFound().expectBody().json("{\"status\":\"error\",\"message\":\"Cluster not found.\"}", true);
        }
    }

    @Test
    void clustersOnKubernetesAreCloudNativePgsAndBadOrUnknownNamesAreRefused() {
        TestUser dba = user(Role.STANDARD);
        String addServer = "/api/v1/barman/add-server/";
        send("POST", addServer, null, Map.of("cluster_name", "nope", "storage_method", "nfs")).expectStatus().isUnauthorized();
        send("POST", addServer, dba, Map.of("cluster_name", "nope", "storage_method", "nfs")).expectStatus().isNotFound()
                .expectBody().json("{\"status\":\"error\",\"message\":\"Cluster not found.\"}", true);
        send("POST", addServer, dba, Map.of("cluster_name", "nope")).expectStatus().isBadRequest()
                .expectBody().json("{\"status\":\"error\",\"message\":\"Storage method is required.\"}", true);
        send("POST", addServer, dba, Map.of("cluster_name", "nope", "storage_method", "tape")).expectStatus().isBadRequest()
                .expectBody().json("{\"status\":\"error\",\"message\":\"storage_method must be nfs or s3.\"}", true);
        send("POST", addServer, dba, Map.of("cluster_name", "nope", "storage_method", "nfs", "server_name", "a b"))
                .expectStatus().isBadRequest();
        send("POST", addServer, dba, Map.of("cluster_name", "nope", "storage_method", "nfs", "project_id", "first"))
                .expectStatus().isBadRequest();
        try (KubernetesMock k8s = KubernetesMock.start().installCloudNativePg()) {
            send("POST", "/api/v1/providers/", dba, Map.of("provider_name", "Kubernetes", "kubeconfig_data", k8s.kubeconfig()))
                    .expectStatus().is2xxSuccessful();
            send("POST", "/api/v1/cluster/", dba, Map.of("db_user", "app", "db_password", "pw", "project", project(dba),
                    "cluster_name", "kube-db", "cluster_type", "Standalone", "postgres_version", "16", "provider", "Kubernetes"))
                    .expectStatus().isCreated();
            send("POST", addServer, dba, Map.of("cluster_name", "kube-db", "storage_method", "s3")).expectStatus().isBadRequest()
                    .expectBody().json("{\"status\":\"error\",\"message\":\"Clusters on Kubernetes and OpenShift are backed up by "
                            + "CloudNativePG's own Barman (backup_method s3).\"}", true);
        }
    }

    private int project(TestUser user) {
        return (Integer) send("POST", "/api/v1/project/", user, Map.of("project_name", "p-" + UUID.randomUUID()))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> pipeline(TestUser user, int project) {
        return send("POST", "/api/v1/get_pipeline_status/", user, Map.of("project_id", project))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private static List<Map<String, String>> deployRequests(CloudStackMock cloudStack) {
        return cloudStack.server().findAll(anyRequestedFor(urlPathEqualTo("/client/api"))).stream()
                .map(CloudStackMock::parameters).filter(p -> "deployVirtualMachine".equals(p.get("command"))).toList();
    }
}
