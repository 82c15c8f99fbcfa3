package io.opsledger.web.bitblast;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.CloudStackMock;
import io.opsledger.testing.KubernetesMock;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BitBlast's clusters over HTTP against the running app, provisioned for real on fabric8's
 * Kubernetes mock with CloudNativePG's CRD; the test plays the operator.
 */
class BitBlastClustersTest extends BitBlastTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    @SuppressWarnings("unchecked")
    void aKubernetesClusterIsProvisionedStepByStepConnectedToAndTornDownWithNothingLeftBehind() throws Exception {
        try (KubernetesMock k8s = KubernetesMock.start().installCloudNativePg()) {
            TestUser user = user(Role.STANDARD);
            registerKubernetes(user, k8s);
            int project = project(user);
            String password = "Pw-" + UUID.randomUUID();

            Map<String, Object> created = send("POST", "/api/v1/cluster/", user, Map.of("db_user", "orders",
                    "db_password", password, "project", String.valueOf(project), "cluster_name", "orders-db",
                    "cluster_type", "Standalone", "postgres_version", "16", "backup_method", "nfs",
                    "provider", "Kubernetes", "size", "small"))
                    .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(created).containsEntry("project", project).containsEntry("cluster_name", "orders-db")
                    .containsEntry("cluster_type", "Standalone").containsEntry("postgres_version", "16")
                    .containsEntry("backup_method", "nfs").containsEntry("provider", "Kubernetes")
                    .containsEntry("user", (int) user.user().userNumber()).containsKeys("created_at", "updated_at");
            assertThat(created.toString()).doesNotContain(password);
            int id = (Integer) created.get("id");
            String namespace = "bitblast-p" + project;
            String name = "pg-" + id + "-orders-db";

            CompletableFuture<List<Map<String, Object>>> stream = http().get().uri("/api/v1/cluster/" + id + "/events")
                    .header("Authorization", "Token " + user.token()).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                    .expectStatus().isOk()
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                    .getResponseBody().map(ServerSentEvent::data).take(WAIT).collectList().toFuture();

            await(WAIT, () -> k8s.cnpgClusters(namespace).withName(name).get(), c -> c != null);
            assertThat(k8s.client().secrets().inNamespace(namespace).withName(name + "-credentials").get()).isNotNull();
            await(WAIT, () -> pipeline(user, project), p -> "running".equals(p.get("status"))
                    && ((Integer) p.get("percent")) >= 40);

            k8s.reportCnpgStatus(namespace, name, 1, 1, "Cluster in healthy state");
            Map<String, Object> done = await(WAIT, () -> pipeline(user, project), p -> "success".equals(p.get("status")));
            assertThat(done.get("artifacts")).isEqualTo(Map.of("host", name + "-rw." + namespace + ".svc",
                    "port", 5432, "database", "orders", "user", "orders"));

            List<Map<String, Object>> steps = stream.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(steps).extracting(s -> s.get("status")).contains("running").last().isEqualTo("success");
            assertThat(steps).extracting(s -> s.get("step")).contains("CloudNativePG cluster " + name + " with 1 instance(s)",
                    "waiting for the cluster to be ready");

            String content = send("GET", "/api/v1/result/content/orders-db/", user, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.length()").isEqualTo(1)
                    .jsonPath("$[0].id").isEqualTo(id)
                    .jsonPath("$[0].project_id").isEqualTo(project)
                    .jsonPath("$[0].database_version").isEqualTo("16")
                    .jsonPath("$[0].provider_name").isEqualTo("Kubernetes")
                    .jsonPath("$[0].artifacts.port").isEqualTo(5432)
                    .returnResult().toString();
            assertThat(content).doesNotContain(password);
            send("GET", "/api/v1/get_backup_method/orders-db/", user, null).expectStatus().isOk()
                    .expectBody().json("{\"backup_method\":\"nfs\"}", true);
            send("GET", "/api/v1/cluster/user/", user, null).expectStatus().isOk().expectBody()
                    .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].status").isEqualTo("success");
            send("GET", "/api/v1/cluster/project/" + project + "/", user, null).expectStatus().isOk().expectBody()
                    .jsonPath("$[0].cluster_name").isEqualTo("orders-db");
            send("POST", "/api/v1/cluster/", user, Map.of("db_user", "orders", "db_password", "x", "project", project,
                    "cluster_name", "orders-db", "cluster_type", "Multiple", "postgres_version", "16", "provider", "Kubernetes"))
                    .expectStatus().isEqualTo(409);

            // nobody else sees or deletes it
            TestUser other = user(Role.STANDARD);
            send("GET", "/api/v1/cluster/project/" + project + "/", other, null).expectStatus().isNotFound()
                    .expectBody().json("{\"error\":\"Not found\"}", true);
            send("POST", "/api/v1/delete-cluster/", other, Map.of("cluster_name", "orders-db", "provider_name", "Kubernetes"))
                    .expectStatus().isNotFound().expectBody().json("{\"error\":\"Cluster not found.\"}", true);
            send("POST", "/api/v1/delete-cluster/", user, Map.of("cluster_name", "orders-db", "provider_name", "OpenStack"))
                    .expectStatus().isNotFound().expectBody().json("{\"error\":\"Provider not found.\"}", true);

            send("POST", "/api/v1/delete-cluster/", user, Map.of("cluster_name", "orders-db", "provider_name", "Kubernetes"))
                    .expectStatus().isOk().expectBody().json("{\"message\":\"Destroy pipeline triggered successfully.\"}", true);
            await(WAIT, () -> send("GET", "/api/v1/cluster/user/", user, null).expectStatus().isOk().expectBody(List.class)
                    .returnResult().getResponseBody(), List::isEmpty);
            assertThat(k8s.cnpgClusters(namespace).withName(name).get()).isNull();
            assertThat(k8s.client().secrets().inNamespace(namespace).withName(name + "-credentials").get()).isNull();
            assertThat(k8s.client().namespaces().withName(namespace).get()).isNull();

            // every step is in the audit trail, the password in none
            TestUser admin = superadmin();
            Map<String, Object> history = (Map<String, Object>) http().get()
                    .uri("/api/v1/audit/aggregates/dbaas-cluster-" + id + "/history")
                    .header("Authorization", "Token " + admin.token()).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("data");
            List<Map<String, Object>> events = (List<Map<String, Object>>) history.get("events");
            assertThat(events).extracting(e -> e.get("eventType")).startsWith("ClusterRequested", "ClusterResourceRecorded")
                    .contains("ClusterReady", "ClusterTeardownRequested", "ClusterResourceRemoved").last().isEqualTo("ClusterTornDown");
            assertThat(history.toString()).doesNotContain(password);
        }
    }

    @Test
    void withoutCloudNativePgTheClusterFailsWithTheReasonAndWhatWasMadeIsRemoved() {
        try (KubernetesMock k8s = KubernetesMock.start()) {
            TestUser user = user(Role.STANDARD);
            registerKubernetes(user, k8s);
            int project = project(user);
            send("POST", "/api/v1/cluster/", user, Map.of("db_user", "postgres", "db_password", "pw", "project", project,
                    "cluster_name", "ledger", "cluster_type", "Multiple", "postgres_version", "15", "provider", "kubernetes"))
                    .expectStatus().isCreated();
            Map<String, Object> failed = await(WAIT, () -> pipeline(user, project), p -> "failed".equals(p.get("status")));
            assertThat((String) failed.get("reason")).contains("CloudNativePG is not installed");
            assertThat(failed).doesNotContainKey("artifacts");
            await(WAIT, () -> k8s.client().namespaces().withName("bitblast-p" + project).get(), ns -> ns == null);
            send("POST", "/api/v1/get_dele_pipeline_status/", user, null).expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("failed");
        }
    }

    @Test
    void badRequestsGetTheContractsErrors() {
        TestUser user = user(Role.STANDARD);
        send("POST", "/api/v1/cluster/", null, Map.of()).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isNotEmpty();
        send("GET", "/api/v1/cluster/user/", null, null).expectStatus().isUnauthorized();
        TestUser readOnly = user(Role.READONLY);
        send("POST", "/api/v1/cluster/", readOnly, Map.of("cluster_name", "c")).expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isNotEmpty();
        send("POST", "/api/v1/delete-cluster/", readOnly, Map.of("cluster_name", "c", "provider_name", "Kubernetes"))
                .expectStatus().isForbidden();
        send("POST", "/api/v1/cluster/", user, Map.of("project", 1)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.cluster_name[0]").isEqualTo("This field is required.")
                .jsonPath("$.db_password[0]").isEqualTo("This field is required.");
        Map<String, Object> valid = Map.of("db_user", "app", "db_password", "pw", "project", 999_999, "cluster_name", "c1",
                "cluster_type", "Standalone", "postgres_version", "16", "provider", "Kubernetes");
        send("POST", "/api/v1/cluster/", user, with(valid, "cluster_type", "Triple")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.cluster_type[0]").isEqualTo("cluster_type must be Standalone or Multiple.");
        send("POST", "/api/v1/cluster/", user, valid).expectStatus().isNotFound()
                .expectBody().json("{\"error\":\"No Project! has been selected..\"}", true);
        int project = project(user);
        send("POST", "/api/v1/cluster/", user, with(valid, "project", project)).expectStatus().isNotFound()
                .expectBody().json("{\"error\":\"Provider not found.\"}", true);
        send("POST", "/api/v1/providers/", user, Map.of("provider_name", "VMware", "provider_url", "https://vc.example"))
                .expectStatus().isCreated();
        send("POST", "/api/v1/cluster/", user, with(with(valid, "project", project), "provider", "VMware"))
                .expectStatus().isBadRequest().expectBody().json("{\"error\":\"OpsLedger cannot provision clusters on VMware yet.\"}", true);
        try (KubernetesMock k8s = KubernetesMock.start()) {
            registerKubernetes(user, k8s);
            send("POST", "/api/v1/cluster/", user, with(with(valid, "project", project), "postgres_version", "sixteen"))
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.postgres_version[0]").isNotEmpty();
            send("POST", "/api/v1/cluster/", user, with(with(valid, "project", project), "db_user", "app; drop"))
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.db_user[0]").isNotEmpty();
            send("POST", "/api/v1/cluster/", user, with(with(valid, "project", project), "size", "huge"))
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.size[0]").isNotEmpty();
        }
        try (CloudStackMock cloudStack = CloudStackMock.start()) {
            send("POST", "/api/v1/providers/", user, Map.of("provider_name", "CloudStack", "provider_url", cloudStack.url(),
                    "access_token", CloudStackMock.API_KEY, "secret_key", CloudStackMock.SECRET_KEY)).expectStatus().isCreated();
            Map<String, Object> onCloudStack = with(with(valid, "project", project), "provider", "CloudStack");
            send("POST", "/api/v1/cluster/", user, onCloudStack).expectStatus().isBadRequest()
                    .expectBody().json("{\"error\":\"computeOffering is required for CloudStack clusters.\"}", true);
            send("POST", "/api/v1/cluster/", user, with(onCloudStack, "computeOffering", "Medium Instance"))
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.error")
                    .value(e -> assertThat((String) e).contains("OPSLEDGER_DBAAS_CLOUDSTACK_TEMPLATE"));
        }
        send("GET", "/api/v1/get_backup_method/nothing-here/", user, null).expectStatus().isNotFound()
                .expectBody().json("{\"error\":\"Cluster not found\"}", true);
        send("GET", "/api/v1/result/content/nothing-here/", user, null).expectStatus().isNotFound()
                .expectBody().json("{\"error\":\"Not found\"}", true);
        send("POST", "/api/v1/get_pipeline_status/", user(Role.STANDARD), Map.of()).expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isNotEmpty();
        send("GET", "/api/v1/cluster/abc/events", user, null).expectStatus().isNotFound()
                .expectBody().json("{\"error\":\"Cluster not found.\"}", true);
        send("GET", "/api/v1/cluster/1/events", null, null).expectStatus().isUnauthorized();
        send("POST", "/api/v1/delete-cluster/", user, Map.of()).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.cluster_name[0]").isEqualTo("This field is required.");
    }

    private void registerKubernetes(TestUser user, KubernetesMock k8s) {
        send("POST", "/api/v1/providers/", user, Map.of("provider_name", "Kubernetes", "kubeconfig_data", k8s.kubeconfig()))
                .expectStatus().is2xxSuccessful().expectBody().jsonPath("$.is_connected").isEqualTo(true);
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
}
