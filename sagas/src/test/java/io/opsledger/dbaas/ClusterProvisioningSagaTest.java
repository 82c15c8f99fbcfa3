package io.opsledger.dbaas;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.opsledger.common.SecretCipher;
import io.opsledger.dbaas.ClusterProvisioningSaga.ProvisioningTimedOut;
import io.opsledger.dbaas.ClusterProvisioningSaga.ReadinessCheckDue;
import io.opsledger.dbaas.api.ClusterMessages.*;
import io.opsledger.dbaas.api.DbaasQueries.ProviderView;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.kubernetes.CloudNativePgGateway;
import io.opsledger.gateway.kubernetes.Fabric8CloudNativePgGateway;
import io.opsledger.gateway.openshift.OAuthOpenShiftGateway;
import io.opsledger.testing.KubernetesMock;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioning saga, step by step, against fabric8's Kubernetes mock with CloudNativePG's CRD:
 * each step makes the resource for real in the mock, and the test plays the operator.
 */
class ClusterProvisioningSagaTest {

    private static final String ID = "dbaas-cluster-7";
    private static final Duration CHECK = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final SecretCipher CIPHER = new SecretCipher(new byte[32]);
    private static final String NS = "bitblast-p3";
    private static final String NAME = "pg-7-orders-db";
    private static final ClusterResource NAMESPACE = new ClusterResource("Namespace", NS, "");
    private static final ClusterResource SECRET = new ClusterResource("Secret", NAME + "-credentials", NS);
    private static final ClusterResource CLUSTER = new ClusterResource("postgresql.cnpg.io/Cluster", NAME, NS);

    private KubernetesMock k8s;
    private SagaTestFixture<ClusterProvisioningSaga> fixture;
    private ClusterRequested requested;

    @BeforeEach
    void setUp() {
        k8s = KubernetesMock.start();
        ProviderSettings settings = new ProviderSettings("Kubernetes", null, null, null, null,
                CIPHER.encrypt(k8s.kubeconfig()), null, null, null, null, null, null, null, null);
        ProviderView provider = new ProviderView("dbaas-provider-1", 1, "u1", settings, true, "", null, null, null);
        Duration callTimeout = Duration.ofSeconds(5);
        CloudNativePgClusters cnpg = new CloudNativePgClusters(new Fabric8CloudNativePgGateway(callTimeout),
                new OAuthOpenShiftGateway(callTimeout), new PlatformLogins(CIPHER), CIPHER,
                new CloudNativePgClusters.Settings("ghcr.io/cloudnative-pg/postgresql", ""));
        ClusterProvisioner provisioner = new ClusterProvisioner(Map.of(Platform.KUBERNETES, cnpg),
                id -> provider.id().equals(id) ? provider : null, new ClusterProvisioner.Timing(CHECK, TIMEOUT));
        fixture = new SagaTestFixture<>(ClusterProvisioningSaga.class);
        fixture.registerResource(provisioner);
        requested = new ClusterRequested(ID, 7, "u1", "dbaas-project-3", 3, "dbaas-provider-1", Platform.KUBERNETES,
                new ClusterSpec("Orders DB", ClusterType.MULTIPLE, "16", "nfs", "orders", CIPHER.encrypt("s3cret-pw"),
                        "fast-ssd", "medium", null, null, null, null));
    }

    @AfterEach
    void tearDown() { k8s.close(); }

    @Test
    void aRequestRecordsTheFirstResourceBeforeMakingItAndBoundsTheWholeProvisioning() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RecordClusterResource(ID, NAMESPACE, "namespace " + NS, 10))
                .expectScheduledDeadline(TIMEOUT, new ProvisioningTimedOut(ID));
        assertThat(k8s.client().namespaces().withName(NS).get()).as("nothing is made before it is recorded").isNull();
    }

    @Test
    void eachRecordedResourceIsMadeAndTheNextOneRecorded() {
        k8s.installCloudNativePg();
        fixture.givenAPublished(requested)
                .whenPublishingA(new ClusterResourceRecorded(ID, NAMESPACE, "namespace " + NS, 10))
                .expectDispatchedCommands(new RecordClusterResource(ID, SECRET, "credentials secret " + SECRET.name(), 20));
        assertThat(k8s.client().namespaces().withName(NS).get()).isNotNull();

        fixture.givenAPublished(new ClusterResourceRecorded(ID, SECRET, "credentials secret", 20));
        var secret = k8s.client().secrets().inNamespace(NS).withName(SECRET.name()).get();
        assertThat(secret.getType()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(secret.getStringData() != null ? secret.getStringData() : decoded(secret.getData()))
                .containsEntry("username", "orders").containsEntry("password", "s3cret-pw");
    }

    @Test
    void theLastResourceIsTheCloudNativePgClusterAndThenTheSagaWaitsForTheOperator() {
        k8s.installCloudNativePg();
        fixture.givenAPublished(requested)
                .andThenAPublished(new ClusterResourceRecorded(ID, NAMESPACE, "ns", 10))
                .andThenAPublished(new ClusterResourceRecorded(ID, SECRET, "secret", 20))
                .whenPublishingA(new ClusterResourceRecorded(ID, CLUSTER, "cluster", 30))
                .expectDispatchedCommands(new RecordClusterProgress(ID, "waiting for the cluster to be ready", 40))
                .expectScheduledDeadline(CHECK, new ReadinessCheckDue(ID));
        GenericKubernetesResource cluster = k8s.cnpgClusters(NS).withName(NAME).get();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) cluster.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("instances", 3).containsEntry("imageName", "ghcr.io/cloudnative-pg/postgresql:16")
                .containsEntry("storage", Map.of("size", "20Gi", "storageClass", "fast-ssd"))
                .containsEntry("bootstrap", Map.of("initdb", Map.of("database", "orders", "owner", "orders",
                        "secret", Map.of("name", SECRET.name()))));
        assertThat(cluster.getMetadata().getLabels()).containsEntry("opsledger.io/cluster", ID);
    }

    @Test
    void theClusterIsReadyWhenTheOperatorReportsEveryInstanceReady() {
        k8s.installCloudNativePg();
        givenAllMade();
        k8s.reportCnpgStatus(NS, NAME, 3, 1, "Creating a new replica");
        fixture.whenTimeElapses(CHECK)
                .expectDispatchedCommands(new RecordClusterProgress(ID,
                        "waiting for the operator: 1 of 3 instances ready (Creating a new replica)", 59))
                .expectScheduledDeadline(CHECK, new ReadinessCheckDue(ID));

        k8s.reportCnpgStatus(NS, NAME, 3, 3, "Cluster in healthy state");
        fixture.whenTimeElapses(CHECK)
                .expectDispatchedCommands(new MarkClusterReady(ID, new Connection(NAME + "-rw." + NS + ".svc", 5432,
                        "orders", "orders")));
    }

    @Test
    void aStepRedeliveredAfterARestartMakesNothingTwice() {
        k8s.installCloudNativePg();
        fixture.givenAPublished(requested)
                .andThenAPublished(new ClusterResourceRecorded(ID, NAMESPACE, "namespace " + NS, 10))
                .whenPublishingA(new ClusterResourceRecorded(ID, NAMESPACE, "namespace " + NS, 10))
                .expectDispatchedCommands(new RecordClusterResource(ID, SECRET, "credentials secret " + SECRET.name(), 20));
        assertThat(k8s.client().namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsOnlyOnce(NS);
    }

    @Test
    void aPlatformThatCannotBeReachedAtTheFirstStepFailsTheProvisioningWithTheCause() {
        k8s.close();
        fixture.givenAPublished(requested)
                .whenPublishingA(new ClusterResourceRecorded(ID, NAMESPACE, "namespace " + NS, 10))
                .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.instanceOf(FailClusterProvisioning.class),
                                org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString(
                                        "Could not make namespace " + NS + ": Kubernetes API at")))),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
        k8s = KubernetesMock.start(); // for tearDown
    }

    @Test
    void withoutCloudNativePgTheProvisioningFailsWithThatReason() {
        fixture.givenAPublished(requested)
                .andThenAPublished(new ClusterResourceRecorded(ID, NAMESPACE, "ns", 10))
                .andThenAPublished(new ClusterResourceRecorded(ID, SECRET, "secret", 20))
                .whenPublishingA(new ClusterResourceRecorded(ID, CLUSTER, "CloudNativePG cluster", 30))
                .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString(
                                        "CloudNativePG is not installed in this Kubernetes cluster"))),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void aProvisioningThatDoesNotFinishInTimeFails() {
        k8s.installCloudNativePg();
        givenAllMade();
        fixture.whenTimeElapses(TIMEOUT)
                .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.listWithAnyOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.equalTo(new FailClusterProvisioning(ID,
                                        "Provisioning did not finish within 1800 s; the last step was: waiting for the operator: 0 of 3 instances ready")))));
    }

    @Test
    void aFailureRemovesWhatWasMadeNewestFirst() {
        k8s.installCloudNativePg();
        givenAllMade();
        fixture.whenPublishingA(new ClusterProvisioningFailed(ID, "boom", List.of(CLUSTER, SECRET, NAMESPACE)))
                .expectDispatchedCommands(new RecordClusterResourceRemoved(ID, CLUSTER))
                .expectNoScheduledDeadlines();
        assertThat(k8s.cnpgClusters(NS).withName(NAME).get()).isNull();
        assertThat(k8s.client().secrets().inNamespace(NS).withName(SECRET.name()).get()).isNotNull();

        fixture.whenPublishingA(new ClusterResourceRemoved(ID, CLUSTER))
                .expectDispatchedCommands(new RecordClusterResourceRemoved(ID, SECRET));
        fixture.whenPublishingA(new ClusterResourceRemoved(ID, SECRET))
                .expectDispatchedCommands(new RecordClusterResourceRemoved(ID, NAMESPACE));
        assertThat(k8s.client().namespaces().withName(NS).get()).as("the namespace goes with the project's last cluster").isNull();
        fixture.whenPublishingA(new ClusterResourceRemoved(ID, NAMESPACE))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void aTeardownDuringProvisioningCancelsItAndRemovesWhatWasMadeThenCompletes() {
        k8s.installCloudNativePg();
        fixture.givenAPublished(requested)
                .andThenAPublished(new ClusterResourceRecorded(ID, NAMESPACE, "ns", 10))
                .whenPublishingA(new ClusterTeardownRequested(ID, "dbaas-provider-1", Platform.KUBERNETES, List.of(NAMESPACE)))
                .expectDispatchedCommands(new RecordClusterResourceRemoved(ID, NAMESPACE))
                .expectNoScheduledDeadlines();
        assertThat(k8s.client().namespaces().withName(NS).get()).isNull();
        fixture.whenPublishingA(new ClusterResourceRemoved(ID, NAMESPACE))
                .expectDispatchedCommands(new CompleteClusterTeardown(ID));
        fixture.whenPublishingA(new ClusterTornDown(ID, "dbaas-project-3", "Orders DB")).expectActiveSagas(0);
    }

    @Test
    void aNamespaceStillHoldingAnotherClusterOfTheProjectStays() {
        k8s.installCloudNativePg();
        givenAllMade();
        // another cluster of the same project lives in the namespace
        k8s.cnpgClusters(NS).resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("postgresql.cnpg.io/v1").withKind("Cluster").withNewMetadata().withName("pg-8-other")
                .withNamespace(NS).endMetadata().build()).create();
        fixture.givenAPublished(new ClusterTeardownRequested(ID, "dbaas-provider-1", Platform.KUBERNETES,
                        List.of(CLUSTER, SECRET, NAMESPACE)))
                .andThenAPublished(new ClusterResourceRemoved(ID, CLUSTER))
                .andThenAPublished(new ClusterResourceRemoved(ID, SECRET));
        fixture.whenPublishingA(new ClusterResourceRemoved(ID, NAMESPACE)).expectDispatchedCommands(new CompleteClusterTeardown(ID));
        assertThat(k8s.cnpgClusters(NS).withName(NAME).get()).isNull();
        assertThat(k8s.client().namespaces().withName(NS).get()).isNotNull();
    }

    @Test
    void aPlatformThatCannotBeReachedDuringTeardownFailsTheTeardownWithTheReason() {
        k8s.installCloudNativePg();
        givenAllMade();
        k8s.close();
        fixture.whenPublishingA(new ClusterTeardownRequested(ID, "dbaas-provider-1", Platform.KUBERNETES, List.of(CLUSTER)))
                .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.instanceOf(FailClusterTeardown.class),
                                        org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString(
                                                "Could not remove postgresql.cnpg.io/Cluster " + NAME)))),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
        k8s = KubernetesMock.start(); // for tearDown
    }

    private void givenAllMade() {
        fixture.givenAPublished(requested)
                .andThenAPublished(new ClusterResourceRecorded(ID, NAMESPACE, "ns", 10))
                .andThenAPublished(new ClusterResourceRecorded(ID, SECRET, "secret", 20))
                .andThenAPublished(new ClusterResourceRecorded(ID, CLUSTER, "cluster", 30));
        assertThat(k8s.cnpgClusters(NS).withName(NAME).get()).isNotNull();
    }

    private static Map<String, String> decoded(Map<String, String> data) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        data.forEach((k, v) -> out.put(k, new String(java.util.Base64.getDecoder().decode(v))));
        return out;
    }
}
