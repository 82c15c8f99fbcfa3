package io.opsledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Queue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * BitBlast clusters on Kubernetes: {@code --clusters} (50) clusters requested at once through
 * POST /api/v1/cluster/ on fabric8's Kubernetes API mock with CloudNativePG's CRD, the bench playing
 * an operator that reports every instance ready as soon as it sees a Cluster. Prints the time from
 * each request to its status {@code success} (p50/p99), then the same for teardown (from
 * delete-cluster to the cluster leaving the lists, its resources removed), beside GET /health
 * measured in the same run.
 */
public final class ClusterBench {

    private static final ResourceDefinitionContext CNPG = new ResourceDefinitionContext.Builder()
            .withGroup("postgresql.cnpg.io").withVersion("v1").withKind("Cluster").withPlural("clusters")
            .withNamespaced(true).build();

    private final BenchOptions opts;
    private final PrintStream out;
    private final BenchRunner runner;
    private final BenchHttp http;

    ClusterBench(BenchOptions opts, PrintStream out) {
        this.opts = opts;
        this.out = out;
        this.runner = new BenchRunner(out);
        this.http = new BenchHttp(opts.text("base-url", "http://127.0.0.1:8080"), Duration.ofSeconds(2), Duration.ofSeconds(120));
    }

    public static void main(String[] args) {
        BenchOptions opts;
        try {
            opts = BenchOptions.parse(args, List.of("clusters", "timeout", "admin-username", "admin-password"));
        } catch (IllegalArgumentException e) {
            System.err.println("cluster bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (opts == null) {
            System.out.println("usage: ClusterBench [BASE_URL] [--clusters N] [--timeout SECONDS]");
            return;
        }
        System.exit(new ClusterBench(opts, System.out).run());
    }

    int run() {
        int clusters = opts.integer("clusters", 50, 1);
        Duration timeout = Duration.ofSeconds(opts.integer("timeout", 300, 1));
        out.printf(Locale.ROOT, "# cluster bench  base=%s  clusters=%d%n", http.baseUrl(), clusters);
        if (!runner.preflight(http, "cluster")) {
            return 1;
        }
        String token = BenchRunner.adminToken(http, opts, "cluster");
        if (token == null) {
            return 1;
        }
        runner.phase("GET", "/health", 2000, 8, i -> {
            BenchHttp.Response r = http.get("/health", null);
            if (!r.is2xx()) {
                throw new BenchRunner.OpFailure("HTTP " + r.status());
            }
        });
        // CRUD mode: what the server creates, the operator reads back
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer k8s = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                expectations, new KubernetesMixedDispatcher(expectations), true);
        k8s.init();
        AtomicBoolean operating = new AtomicBoolean(true);
        try (KubernetesClient client = k8s.createClient()) {
            installCloudNativePg(client);
            Thread operator = new Thread(() -> operate(client, operating), "bench-operator");
            operator.setDaemon(true);
            operator.start();
            String kubeconfig = kubeconfig("https://" + k8s.getHostName() + ":" + k8s.getPort());
            BenchHttp.Response provider = http.postJson("/api/v1/providers/", Map.of("provider_name", "Kubernetes",
                    "kubeconfig_data", kubeconfig), token);
            if (!provider.is2xx() || !provider.json().path("is_connected").asBoolean()) {
                System.err.println("cluster bench: the Kubernetes provider was not saved connected: " + provider.body());
                return 1;
            }
            BenchHttp.Response project = http.postJson("/api/v1/project/", Map.of("project_name", "bench-" + UUID.randomUUID()), token);
            if (project.status() != 201) {
                System.err.println("cluster bench: creating a project failed: " + project.body());
                return 1;
            }
            long projectId = project.json().path("id").asLong();

            Map<Long, Long> requestedAt = new ConcurrentHashMap<>();
            LatencyRecorder posts = new LatencyRecorder(clusters);
            posts.start();
            all(clusters, i -> {
                long start = System.nanoTime();
                BenchHttp.Response r = http.postJson("/api/v1/cluster/", Map.of("db_user", "app", "db_password", "bench-" + i,
                        "project", projectId, "cluster_name", "bench-" + i, "cluster_type", i % 2 == 0 ? "Standalone" : "Multiple",
                        "postgres_version", "16", "provider", "Kubernetes"), token);
                if (r.status() != 201) {
                    posts.error("HTTP " + r.status());
                    return;
                }
                posts.record(System.nanoTime() - start);
                requestedAt.put(r.json().path("id").asLong(), start);
            });
            posts.stop();
            posts.print(out, "POST", "/api/v1/cluster/ (answers at once)", clusters);
            LatencyRecorder provisioned = waitFor(token, requestedAt, "success", timeout);
            provisioned.print(out, "request", "-> success (50 at once)", clusters);

            Map<Long, Long> deletedAt = new ConcurrentHashMap<>();
            all(clusters, i -> {
                long start = System.nanoTime();
                BenchHttp.Response r = http.postJson("/api/v1/delete-cluster/", Map.of("cluster_name", "bench-" + i,
                        "provider_name", "Kubernetes"), token);
                if (r.status() == 200) {
                    deletedAt.put((long) i, start);
                }
            });
            LatencyRecorder tornDown = waitGone(token, deletedAt, timeout);
            tornDown.print(out, "delete", "-> gone (50 at once)", clusters);
            int left = client.genericKubernetesResources(CNPG).inAnyNamespace().list().getItems().size();
            out.printf(Locale.ROOT, "# CloudNativePG clusters left on the mock: %d%n", left);
        } catch (Exception e) {
            System.err.println("cluster bench: " + e);
            return 1;
        } finally {
            operating.set(false);
            k8s.destroy();
        }
        long errors = runner.errors();
        out.println(errors == 0 ? "# result: OK" : "# result: FAILED, errors=" + errors);
        return errors == 0 ? 0 : 1;
    }

    /** Polls the caller's cluster list until every requested cluster has that status; the time from its request. */
    private LatencyRecorder waitFor(String token, Map<Long, Long> requestedAt, String status, Duration timeout) throws Exception {
        LatencyRecorder rec = new LatencyRecorder(requestedAt.size());
        rec.start();
        Map<Long, Long> pending = new ConcurrentHashMap<>(requestedAt);
        long until = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < until) {
            JsonNode list = http.get("/api/v1/cluster/user/", token).json();
            long now = System.nanoTime();
            for (JsonNode c : list) {
                Long started = pending.get(c.path("id").asLong());
                if (started != null && status.equals(c.path("status").asText())) {
                    rec.record(now - started);
                    pending.remove(c.path("id").asLong());
                } else if (started != null && "failed".equals(c.path("status").asText())) {
                    rec.error("failed: " + c.path("reason").asText());
                    pending.remove(c.path("id").asLong());
                }
            }
            Thread.sleep(50);
        }
        rec.error("timed out", pending.size());
        rec.stop();
        return rec;
    }

    /** Polls until every deleted cluster (by its number in the name) has left the list. */
    private LatencyRecorder waitGone(String token, Map<Long, Long> deletedAt, Duration timeout) throws Exception {
        LatencyRecorder rec = new LatencyRecorder(deletedAt.size());
        rec.start();
        Map<Long, Long> pending = new ConcurrentHashMap<>(deletedAt);
        long until = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < until) {
            JsonNode list = http.get("/api/v1/cluster/user/", token).json();
            long now = System.nanoTime();
            List<Long> present = new ArrayList<>();
            for (JsonNode c : list) {
                String name = c.path("cluster_name").asText();
                if (name.startsWith("bench-")) {
                    present.add(Long.parseLong(name.substring("bench-".length())));
                }
            }
            for (Long i : List.copyOf(pending.keySet())) {
                if (!present.contains(i)) {
                    rec.record(now - pending.remove(i));
                }
            }
            Thread.sleep(50);
        }
        rec.error("timed out", pending.size());
        rec.stop();
        return rec;
    }

    /** The operator, answering at once: every Cluster without a healthy status gets one with all its instances ready. */
    private static void operate(KubernetesClient client, AtomicBoolean operating) {
        while (operating.get()) {
            try {
                for (GenericKubernetesResource c : client.genericKubernetesResources(CNPG).inAnyNamespace().list().getItems()) {
                    Object status = c.getAdditionalProperties().get("status");
                    if (!(status instanceof Map<?, ?> s) || !"Cluster in healthy state".equals(s.get("phase"))) {
                        Object instances = ((Map<?, ?>) c.getAdditionalProperties().get("spec")).get("instances");
                        c.setAdditionalProperty("status", Map.of("instances", instances, "readyInstances", instances,
                                "phase", "Cluster in healthy state"));
                        client.genericKubernetesResources(CNPG).inNamespace(c.getMetadata().getNamespace()).resource(c).updateStatus();
                    }
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a Cluster deleted between list and update: the next round sees the new list
            }
        }
    }

    private static void installCloudNativePg(KubernetesClient client) {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("clusters.postgresql.cnpg.io").endMetadata()
                .withNewSpec().withGroup("postgresql.cnpg.io").withScope("Namespaced")
                .withNewNames().withKind("Cluster").withListKind("ClusterList").withPlural("clusters").withSingular("cluster").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build()).create();
    }

    private static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: bench
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                contexts:
                - name: bench
                  context: {cluster: bench, user: bench}
                current-context: bench
                users:
                - name: bench
                  user: {token: bench-token}
                """.formatted(server);
    }

    /** Runs {@code n} steps at once, each on its own thread. */
    private static void all(int n, BenchRunner.Op step) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            pool.execute(() -> {
                try {
                    step.run(index);
                } catch (Exception e) {
                    System.err.println("cluster bench: step " + index + ": " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
    }
}
