package io.opsledger.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's Kubernetes API mock in CRUD mode (what is created through {@link #client()} can be
 * read back through any other client), over HTTPS on a loopback port, serving
 * {@value #GIT_VERSION} at {@code /version}.
 *
 * <p>{@link #kubeconfig()} is a kubeconfig text for it, as a user would paste one: one cluster
 * (TLS verification off: the mock's certificate is self-signed), one context, one token user.
 * The mock does not check tokens.
 *
 * <pre>{@code
 * try (KubernetesMock k8s = KubernetesMock.start()) {
 *     k8s.client().storage().v1().storageClasses().resource(...).create();
 *     gateway.storageClasses(k8s.kubeconfig());
 * }
 * }</pre>
 */
public final class KubernetesMock implements AutoCloseable {

    public static final String GIT_VERSION = "v1.31.4";
    public static final String TOKEN = "mock-token-5f0c2b";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final boolean https;

    private KubernetesMock(KubernetesMockServer server, boolean https) {
        this.server = server;
        this.https = https;
        this.client = server.createClient();
    }

    /** Starts an empty mock cluster. */
    public static KubernetesMock start() {
        return start(true);
    }

    /** Starts an empty mock cluster over plain HTTP (to stand behind another mock, e.g. {@link OpenShiftMock#servingKubernetesFrom}). */
    public static KubernetesMock startPlain() {
        return start(false);
    }

    private static KubernetesMock start(boolean https) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), expectations, new KubernetesMixedDispatcher(expectations), https);
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("31").withGitVersion(GIT_VERSION)
                .withPlatform("linux/amd64").build());
        server.init();
        return new KubernetesMock(server, https);
    }

    /** The API server's address, e.g. {@code https://localhost:40123}. */
    public String url() {
        return (https ? "https://" : "http://") + server.getHostName() + ":" + server.getPort();
    }

    /** A kubeconfig whose current context reaches this mock with a bearer token. */
    public String kubeconfig() {
        return kubeconfigFor(url());
    }

    /** The same kubeconfig shape for any API server address (e.g. one where nothing listens). */
    public static String kubeconfigFor(String serverUrl) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                contexts:
                - name: mock-admin
                  context:
                    cluster: mock
                    user: admin
                    namespace: default
                current-context: mock-admin
                users:
                - name: admin
                  user:
                    token: %s
                """.formatted(serverUrl, TOKEN);
    }

    /** A client of this mock, to create what a test expects to read back. */
    public KubernetesClient client() {
        return client;
    }

    /** Installs CloudNativePG's Cluster CRD (postgresql.cnpg.io/v1, with a status subresource), as its operator's manifest does. */
    public KubernetesMock installCloudNativePg() {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("clusters.postgresql.cnpg.io").endMetadata()
                .withNewSpec().withGroup("postgresql.cnpg.io").withScope("Namespaced")
                .withNewNames().withKind("Cluster").withListKind("ClusterList").withPlural("clusters")
                .withSingular("cluster").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion().endSpec().build()).create();
        return this;
    }

    /** CloudNativePG Clusters, as the operator sees them. */
    public NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            cnpgClusters(String namespace) {
        return client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("postgresql.cnpg.io")
                .withVersion("v1").withKind("Cluster").withPlural("clusters").withNamespaced(true).build())
                .inNamespace(namespace);
    }

    /** Plays the operator: reports {@code ready} of {@code instances} ready and the phase on the Cluster. */
    public void reportCnpgStatus(String namespace, String name, int instances, int ready, String phase) {
        GenericKubernetesResource cluster = cnpgClusters(namespace).withName(name).get();
        cluster.setAdditionalProperty("status", Map.of("instances", instances, "readyInstances", ready, "phase", phase));
        cnpgClusters(namespace).resource(cluster).updateStatus();
    }

    /** The mock server itself, to add expectations (e.g. a 401 or 403 on one path) before the CRUD store. */
    public KubernetesMockServer server() {
        return server;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
