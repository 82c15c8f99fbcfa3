package io.opsledger.dbaas;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opsledger.common.SecretCipher;
import io.opsledger.dbaas.ClusterPlatform.Readiness;
import io.opsledger.dbaas.api.ClusterMessages.*;
import io.opsledger.dbaas.api.DbaasQueries.ProviderView;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.cloudstack.SignedCloudStackGateway;
import io.opsledger.testing.CloudStackMock;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL clusters on CloudStack, against a CloudStack API mock written from its API reference. */
class CloudStackClustersTest {

    private static final SecretCipher CIPHER = new SecretCipher(new byte[32]);
    private static final String TEMPLATE = "b3a1c2d4-0000-4e5f-8a9b-debian12cloud";
    private static final String PASSWORD = "it's-a-Pa55word";

    private CloudStackMock cloudStack;
    private ServerSocket postgres;
    private CloudStackClusters clusters;
    private ProviderSettings provider;

    @BeforeEach
    void setUp() throws Exception {
        cloudStack = CloudStackMock.start();
        postgres = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        clusters = new CloudStackClusters(new SignedCloudStackGateway(Duration.ofSeconds(5)), new PlatformLogins(CIPHER),
                CIPHER, TEMPLATE, "zone-fra", new PostgresNetwork("10.1.0.0/16", postgres.getLocalPort(), Duration.ofSeconds(1)));
        provider = new ProviderSettings("CloudStack", null, cloudStack.url(), CIPHER.encrypt(CloudStackMock.SECRET_KEY),
                CIPHER.encrypt(CloudStackMock.API_KEY), null, null, null, null, null, null, null, null, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        postgres.close();
        cloudStack.close();
    }

    private static ClusterRequested order(ClusterType type, String computeOffering) {
        return new ClusterRequested("dbaas-cluster-4", 4, "u1", "dbaas-project-2", 2, "dbaas-provider-9", Platform.CLOUDSTACK,
                new ClusterSpec("orders", type, "16", "nfs", "orders", CIPHER.encrypt(PASSWORD), null, null, null,
                        computeOffering, "Data 50 GB", null));
    }

    @Test
    void aClusterIsOneMachinePerInstanceAndNeedsAComputeOffering() {
        assertThat(clusters.plan(order(ClusterType.STANDALONE, "Medium Instance"))).extracting(p -> p.resource().name())
                .containsExactly("pg-4-orders-1");
        assertThat(clusters.plan(order(ClusterType.MULTIPLE, "Medium Instance"))).extracting(p -> p.resource().name())
                .containsExactly("pg-4-orders-1", "pg-4-orders-2", "pg-4-orders-3");
        assertThatThrownBy(() -> clusters.plan(order(ClusterType.STANDALONE, " ")))
                .isInstanceOf(PlatformCallFailed.class).hasMessage("computeOffering is required for CloudStack clusters");
    }

    @Test
    void theMachineIsDeployedWithTheOfferingsTemplateAndACloudInitThatInstallsPostgres() {
        ClusterRequested order = order(ClusterType.STANDALONE, "Medium Instance");
        clusters.create(provider, order, new ClusterResource(CloudStackClusters.VIRTUAL_MACHINE, "pg-4-orders-1", ""));

        Map<String, String> deploy = deployRequests().get(0);
        assertThat(deploy).containsEntry("name", "pg-4-orders-1")
                .containsEntry("templateid", TEMPLATE)
                .containsEntry("serviceofferingid", "7b9d1f3a-5c7e-4a2b-8d0f-2e4c6a8b0d1f")
                .containsEntry("diskofferingid", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d")
                .containsEntry("zoneid", "5e7f9a0b-1c2d-4e3f-8a9b-0c1d2e3f4a5b");
        String userData = new String(Base64.getDecoder().decode(deploy.get("userdata")), StandardCharsets.UTF_8);
        assertThat(userData).startsWith("#cloud-config").contains("apt-get install -y postgresql-16")
                .contains("host all all 10.1.0.0/16 scram-sha-256")
                .contains("host replication streaming_barman 10.1.0.0/16 scram-sha-256").doesNotContain(PASSWORD);
        String sql = userData.lines().dropWhile(l -> !l.contains("opsledger-init.sql")).filter(l -> l.contains("content:"))
                .findFirst().map(l -> new String(Base64.getDecoder().decode(l.substring(l.indexOf(':') + 1).strip()),
                        StandardCharsets.UTF_8)).orElseThrow();
        assertThat(sql).contains("CREATE ROLE orders WITH LOGIN PASSWORD 'it''s-a-Pa55word';")
                .contains("CREATE DATABASE orders OWNER orders;")
                // the roles Barman connects as when BitBlast's add-server registers the cluster by name
                .contains("CREATE ROLE barman WITH SUPERUSER LOGIN PASSWORD 'it''s-a-Pa55word';")
                .contains("CREATE ROLE streaming_barman WITH REPLICATION LOGIN PASSWORD 'it''s-a-Pa55word';");
        assertThat(Cluster.VM_ROLES).as("a db_user of these names is refused").containsExactlyInAnyOrder(
                PostgresCloudInit.REPLICATION_USER, PostgresCloudInit.BARMAN_USER, PostgresCloudInit.BARMAN_STREAMING_USER);
    }

    @Test
    void aReplicaWaitsForItsPrimarysAddress() {
        ClusterRequested order = order(ClusterType.MULTIPLE, "Medium Instance");
        cloudStack.existingVirtualMachine("11111111-2222-4333-8444-555555555555", "pg-4-orders-1", "Starting", null);
        assertThatThrownBy(() -> clusters.create(provider, order,
                new ClusterResource(CloudStackClusters.VIRTUAL_MACHINE, "pg-4-orders-2", "")))
                .isInstanceOf(StepNotReady.class).hasMessageContaining("pg-4-orders-1");
        assertThat(deployRequests()).isEmpty();

        cloudStack.existingVirtualMachine("11111111-2222-4333-8444-555555555555", "pg-4-orders-1", "Running", "10.1.1.23");
        clusters.create(provider, order, new ClusterResource(CloudStackClusters.VIRTUAL_MACHINE, "pg-4-orders-2", ""));
        String userData = new String(Base64.getDecoder().decode(deployRequests().get(0).get("userdata")), StandardCharsets.UTF_8);
        assertThat(userData).contains("pg_basebackup -h 10.1.1.23 -U replicator");
    }

    @Test
    void theClusterIsReadyWhenTheMachineRunsAndPostgresAnswers() throws Exception {
        ClusterRequested order = order(ClusterType.STANDALONE, "Medium Instance");
        cloudStack.existingVirtualMachine(CloudStackMock.VM_ID, "pg-4-orders-1", "Starting", null);
        assertThat(clusters.readiness(provider, order, Map.of())).isEqualTo(Readiness.waiting("waiting for PostgreSQL: 0 of 1 machines answer", 45));

        cloudStack.existingVirtualMachine(CloudStackMock.VM_ID, "pg-4-orders-1", "Running", "127.0.0.1");
        assertThat(clusters.readiness(provider, order, Map.of())).isEqualTo(Readiness.ready(
                new Connection("127.0.0.1", postgres.getLocalPort(), "orders", "orders")));

        postgres.close();
        assertThat(clusters.readiness(provider, order, Map.of()).isReady()).as("a port that does not answer is not ready").isFalse();

        cloudStack.existingVirtualMachine(CloudStackMock.VM_ID, "pg-4-orders-1", "Error", null);
        assertThat(clusters.readiness(provider, order, Map.of()).broken()).isTrue();
    }

    @Test
    void aDeploymentIsFollowedThroughItsAsyncJobAndAFailedOneFailsWithCloudStacksReason() {
        ClusterRequested order = order(ClusterType.STANDALONE, "Medium Instance");
        String job = clusters.create(provider, order, new ClusterResource(CloudStackClusters.VIRTUAL_MACHINE, "pg-4-orders-1", ""));
        assertThat(job).isEqualTo(CloudStackMock.DEPLOY_JOB_ID);

        Readiness failed = clusters.readiness(provider, order, Map.of("pg-4-orders-1", CloudStackMock.FAILED_JOB_ID));
        assertThat(failed.broken()).isTrue();
        assertThat(failed.step()).isEqualTo("CloudStack could not deploy pg-4-orders-1: " + CloudStackMock.FAILED_JOB_ERROR);
        assertThat(requests("queryAsyncJobResult")).extracting(r -> r.get("jobid")).containsExactly(CloudStackMock.FAILED_JOB_ID);
    }

    @Test
    void removingDestroysTheMachineOfThatNameAndAGoneOneIsFine() {
        cloudStack.existingVirtualMachine(CloudStackMock.VM_ID, "pg-4-orders-1", "Running", "10.1.1.23");
        clusters.remove(provider, new ClusterResource(CloudStackClusters.VIRTUAL_MACHINE, "pg-4-orders-1", ""));
        assertThat(requests("destroyVirtualMachine")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("id", CloudStackMock.VM_ID).containsEntry("expunge", "true"));

        clusters.remove(provider, new ClusterResource(CloudStackClusters.VIRTUAL_MACHINE, "pg-4-never-made-1", ""));
        assertThat(requests("destroyVirtualMachine")).hasSize(1);
    }

    @Test
    void theSagaTriesAReplicaAgainOnceItsPrimaryHasAnAddress() {
        Duration check = Duration.ofSeconds(10);
        SagaTestFixture<ClusterProvisioningSaga> fixture = new SagaTestFixture<>(ClusterProvisioningSaga.class);
        ProviderView view = new ProviderView("dbaas-provider-9", 9, "u1", provider, true, "", null, null, null);
        fixture.registerResource(new ClusterProvisioner(Map.of(Platform.CLOUDSTACK, clusters), id -> view,
                new ClusterProvisioner.Timing(check, Duration.ofMinutes(30))));
        ClusterRequested order = order(ClusterType.MULTIPLE, "Medium Instance");
        ClusterResource replica = new ClusterResource(CloudStackClusters.VIRTUAL_MACHINE, "pg-4-orders-2", "");
        cloudStack.existingVirtualMachine("11111111-2222-4333-8444-555555555555", "pg-4-orders-1", "Starting", null);
        fixture.givenAPublished(order)
                .andThenAPublished(new ClusterResourceRecorded(order.id(), new ClusterResource(CloudStackClusters.VIRTUAL_MACHINE,
                        "pg-4-orders-1", ""), "primary", 20))
                .whenPublishingA(new ClusterResourceRecorded(order.id(), replica, "replica virtual machine pg-4-orders-2", 30))
                .expectDispatchedCommands(new RecordClusterProgress(order.id(), "replica virtual machine pg-4-orders-2: the"
                        + " replicas wait for the primary pg-4-orders-1 to have an address", 30))
                .expectScheduledDeadline(check, new ClusterProvisioningSaga.StepRetryDue(order.id(), replica,
                        "replica virtual machine pg-4-orders-2"));

        cloudStack.existingVirtualMachine("11111111-2222-4333-8444-555555555555", "pg-4-orders-1", "Running", "10.1.1.23");
        fixture.whenTimeElapses(check)
                .expectDispatchedCommands(new RecordClusterResource(order.id(), new ClusterResource(
                        CloudStackClusters.VIRTUAL_MACHINE, "pg-4-orders-3", ""), "replica virtual machine pg-4-orders-3", 40));
        assertThat(deployRequests()).extracting(r -> r.get("name")).contains("pg-4-orders-2");
    }

    private List<Map<String, String>> deployRequests() { return requests("deployVirtualMachine"); }

    private List<Map<String, String>> requests(String command) {
        List<LoggedRequest> all = cloudStack.server().findAll(anyRequestedFor(urlPathEqualTo("/client/api")));
        return all.stream().map(CloudStackMock::parameters).filter(p -> command.equals(p.get("command"))).toList();
    }
}
