package io.opsledger.dbaas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.common.SecretCipher;
import io.opsledger.dbaas.ClusterPlatform.Readiness;
import io.opsledger.dbaas.api.ClusterMessages.*;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.openstack.Openstack4jGateway;
import io.opsledger.testing.OpenStackMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL clusters on OpenStack, against Keystone, Nova, Cinder and Neutron mocks written from their API references. */
class OpenStackClustersTest {

    private static final SecretCipher CIPHER = new SecretCipher(new byte[32]);
    private static final String PASSWORD = "Open-Pa55word";

    private OpenStackMock openStack;
    private ServerSocket postgres;
    private OpenStackClusters clusters;
    private ProviderSettings provider;

    @BeforeEach
    void setUp() throws Exception {
        openStack = OpenStackMock.start();
        postgres = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        clusters = new OpenStackClusters(new Openstack4jGateway(Duration.ofSeconds(5)), new PlatformLogins(CIPHER), CIPHER,
                OpenStackMock.IMAGE_ID, new PostgresNetwork("10.0.0.0/24", postgres.getLocalPort(), Duration.ofSeconds(1)));
        provider = new ProviderSettings("OpenStack", null, null, null, null, null, OpenStackMock.USERNAME,
                OpenStackMock.PROJECT_NAME, CIPHER.encrypt(OpenStackMock.PASSWORD), openStack.url(), OpenStackMock.REGION,
                null, null, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        postgres.close();
        openStack.close();
    }

    private static ClusterRequested order(ClusterType type, String flavor) {
        return new ClusterRequested("dbaas-cluster-5", 5, "u1", "dbaas-project-2", 2, "dbaas-provider-3", Platform.OPENSTACK,
                new ClusterSpec("Billing", type, "15", null, "postgres", CIPHER.encrypt(PASSWORD), null, "50Gi", flavor,
                        null, null, null));
    }

    @Test
    void aClusterIsASecurityGroupAndAVolumeAndServerPerInstance() {
        assertThat(clusters.plan(order(ClusterType.MULTIPLE, "3"))).extracting(p -> p.resource().kind() + " " + p.resource().name())
                .containsExactly("openstack/security-group pg-5-billing-sg",
                        "openstack/volume pg-5-billing-data-1", "openstack/server pg-5-billing-1",
                        "openstack/volume pg-5-billing-data-2", "openstack/server pg-5-billing-2",
                        "openstack/volume pg-5-billing-data-3", "openstack/server pg-5-billing-3");
        assertThatThrownBy(() -> clusters.plan(order(ClusterType.STANDALONE, null)))
                .isInstanceOf(PlatformCallFailed.class).hasMessage("flavor_id is required for OpenStack clusters");
    }

    @Test
    void eachResourceIsMadeThroughItsService() throws Exception {
        ClusterRequested order = order(ClusterType.STANDALONE, "3");
        clusters.create(provider, order, new ClusterResource(OpenStackClusters.SECURITY_GROUP, "pg-5-billing-sg", ""));
        openStack.server().verify(postRequestedFor(urlPathEqualTo(OpenStackMock.NEUTRON + "/security-group-rules")));
        JsonNode rule = json(openStack.server().findAll(postRequestedFor(urlPathEqualTo(OpenStackMock.NEUTRON
                + "/security-group-rules"))).get(0).getBodyAsString()).path("security_group_rule");
        assertThat(rule.path("port_range_min").asInt()).isEqualTo(postgres.getLocalPort());
        assertThat(rule.path("remote_ip_prefix").asText()).isEqualTo("10.0.0.0/24");

        clusters.create(provider, order, new ClusterResource(OpenStackClusters.VOLUME, "pg-5-billing-data-1", ""));
        JsonNode volume = json(openStack.server().findAll(postRequestedFor(urlPathEqualTo(OpenStackMock.CINDER + "/volumes")))
                .get(0).getBodyAsString()).path("volume");
        assertThat(volume.path("size").asInt()).isEqualTo(50);

        openStack.givenVolume("pg-5-billing-data-1", 50);
        clusters.create(provider, order, new ClusterResource(OpenStackClusters.SERVER, "pg-5-billing-1", ""));
        JsonNode server = json(openStack.server().findAll(postRequestedFor(urlPathEqualTo(OpenStackMock.NOVA + "/servers")))
                .get(0).getBodyAsString()).path("server");
        assertThat(server.path("flavorRef").asText()).isEqualTo("3");
        assertThat(server.path("security_groups").toString()).contains("pg-5-billing-sg");
        String userData = new String(Base64.getDecoder().decode(server.path("user_data").asText()), StandardCharsets.UTF_8);
        assertThat(userData).contains("postgresql-15").doesNotContain(PASSWORD)
                .contains("host replication streaming_barman 10.0.0.0/24 scram-sha-256");
    }

    @Test
    void theClusterIsReadyWhenTheServerIsActiveAndPostgresAnswers() {
        ClusterRequested order = order(ClusterType.STANDALONE, "3");
        openStack.givenServer("pg-5-billing-1", "BUILD", null);
        assertThat(clusters.readiness(provider, order, Map.of())).isEqualTo(Readiness.waiting("waiting for PostgreSQL: 0 of 1 servers answer", 45));
        openStack.givenServer("pg-5-billing-1", "ACTIVE", "127.0.0.1");
        assertThat(clusters.readiness(provider, order, Map.of())).isEqualTo(Readiness.ready(
                new Connection("127.0.0.1", postgres.getLocalPort(), "postgres", "postgres")));
        openStack.givenServer("pg-5-billing-1", "ERROR", null);
        assertThat(clusters.readiness(provider, order, Map.of()).broken()).isTrue();
    }

    @Test
    void removingFindsTheResourceByNameAndDeletesIt() {
        openStack.givenServer("pg-5-billing-1");
        clusters.remove(provider, new ClusterResource(OpenStackClusters.SERVER, "pg-5-billing-1", ""));
        openStack.server().verify(deleteRequestedFor(urlPathEqualTo(OpenStackMock.NOVA + "/servers/" + OpenStackMock.SERVER_ID)));
        clusters.remove(provider, new ClusterResource(OpenStackClusters.VOLUME, "pg-5-billing-data-9", ""));
        openStack.server().verify(0, deleteRequestedFor(urlPathEqualTo(OpenStackMock.CINDER + "/volumes/" + OpenStackMock.VOLUME_ID)));
    }

    private static JsonNode json(String body) throws Exception { return new ObjectMapper().readTree(body); }
}
