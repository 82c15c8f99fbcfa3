package io.opsledger.gateway.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static io.opsledger.testing.OpenStackMock.CINDER;
import static io.opsledger.testing.OpenStackMock.NEUTRON;
import static io.opsledger.testing.OpenStackMock.NOVA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.openstack.OpenStackGateway.OpenStackLogin;
import io.opsledger.gateway.openstack.OpenStackGateway.ServerSpec;
import io.opsledger.gateway.openstack.OpenStackGateway.ServerState;
import io.opsledger.testing.OpenStackMock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Provisioning a PostgreSQL server on OpenStack: security group, volume, server, their reads and deletes. */
class Openstack4jGatewayProvisioningTest {

    private static final String USER_DATA = "#cloud-config\npackages: [postgresql]\n# password: S3cret-db-pass\n";

    private final OpenStackGateway gateway = new Openstack4jGateway(Duration.ofSeconds(5));
    private OpenStackMock cloud;
    private OpenStackLogin login;

    @BeforeEach
    void startCloud() {
        cloud = OpenStackMock.start();
        login = new OpenStackLogin(cloud.url(), OpenStackMock.USERNAME, OpenStackMock.PASSWORD,
                OpenStackMock.PROJECT_NAME, null, null, OpenStackMock.REGION);
    }

    @AfterEach
    void stopCloud() {
        cloud.close();
    }

    private String keystone() {
        return cloud.url();
    }

    private ServerSpec spec() {
        return new ServerSpec("pg-orders", "3", OpenStackMock.IMAGE_ID, "pg-orders", OpenStackMock.VOLUME_ID,
                USER_DATA, Map.of("opsledger-asset", "pg-orders"));
    }

    // ---- security groups

    @Test
    void anAbsentSecurityGroupIsCreatedWithItsIngressRule() {
        assertThat(gateway.ensureSecurityGroup(login, "pg-orders", 5432, "10.0.0.0/8"))
                .isEqualTo(OpenStackMock.SECURITY_GROUP_ID);

        cloud.server().verify(getRequestedFor(urlPathEqualTo(NEUTRON + "/security-groups"))
                .withQueryParam("name", equalTo("pg-orders"))
                .withQueryParam("project_id", equalTo(OpenStackMock.PROJECT_ID)));
        cloud.server().verify(1, postRequestedFor(urlPathEqualTo(NEUTRON + "/security-groups"))
                .withRequestBody(matchingJsonPath("$.security_group.name", equalTo("pg-orders"))));
        cloud.server().verify(1, postRequestedFor(urlPathEqualTo(NEUTRON + "/security-group-rules"))
                .withRequestBody(equalToJson("""
                        {"security_group_rule": {"security_group_id": "%s", "direction": "ingress",
                         "ethertype": "IPv4", "protocol": "tcp", "port_range_min": 5432, "port_range_max": 5432,
                         "remote_ip_prefix": "10.0.0.0/8"}}
                        """.formatted(OpenStackMock.SECURITY_GROUP_ID), true, true)));
    }

    @Test
    void aPresentSecurityGroupWithItsRuleIsFoundAndNothingIsCreated() {
        cloud.givenSecurityGroup("pg-orders", 5432, "10.0.0.0/8");

        assertThat(gateway.ensureSecurityGroup(login, "pg-orders", 5432, "10.0.0.0/8"))
                .isEqualTo(OpenStackMock.SECURITY_GROUP_ID);

        cloud.server().verify(0, postRequestedFor(urlPathEqualTo(NEUTRON + "/security-groups")));
        cloud.server().verify(0, postRequestedFor(urlPathEqualTo(NEUTRON + "/security-group-rules")));
    }

    @Test
    void aPresentSecurityGroupWithoutTheRuleGetsOnlyTheRule() {
        cloud.givenSecurityGroup("pg-orders", null, null);

        assertThat(gateway.ensureSecurityGroup(login, "pg-orders", 5432, "10.0.0.0/8"))
                .isEqualTo(OpenStackMock.SECURITY_GROUP_ID);

        cloud.server().verify(0, postRequestedFor(urlPathEqualTo(NEUTRON + "/security-groups")));
        cloud.server().verify(1, postRequestedFor(urlPathEqualTo(NEUTRON + "/security-group-rules")));
    }

    @Test
    void aSecurityGroupQuotaIsNamedWithNeutronsWords() {
        cloud.server().stubFor(post(urlPathEqualTo(NEUTRON + "/security-groups")).atPriority(1)
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"NeutronError": {"type": "OverQuota",
                                 "message": "Quota exceeded for resources: ['security_group'].", "detail": ""}}
                                """)));

        assertThatThrownBy(() -> gateway.ensureSecurityGroup(login, "pg-orders", 5432, "10.0.0.0/8"))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("OpenStack Neutron (network) of " + keystone() + " refused to create security group"
                        + " pg-orders: Quota exceeded for resources: ['security_group']. (409)");
    }

    // ---- volumes

    @Test
    void anAbsentVolumeIsCreated() {
        assertThat(gateway.ensureVolume(login, "pg-orders-data", 20)).isEqualTo(OpenStackMock.VOLUME_ID);

        cloud.server().verify(getRequestedFor(urlPathEqualTo(CINDER + "/volumes/detail"))
                .withQueryParam("name", equalTo("pg-orders-data")));
        cloud.server().verify(1, postRequestedFor(urlPathEqualTo(CINDER + "/volumes"))
                .withRequestBody(matchingJsonPath("$.volume.name", equalTo("pg-orders-data")))
                .withRequestBody(matchingJsonPath("$.volume.size", equalTo("20"))));
    }

    @Test
    void aPresentVolumeIsFoundAndNothingIsCreated() {
        cloud.givenVolume("pg-orders-data", 20);

        assertThat(gateway.ensureVolume(login, "pg-orders-data", 20)).isEqualTo(OpenStackMock.VOLUME_ID);

        cloud.server().verify(0, postRequestedFor(urlPathEqualTo(CINDER + "/volumes")));
    }

    @Test
    void aVolumeQuotaIsNamedWithCindersWords() {
        cloud.server().stubFor(post(urlPathEqualTo(CINDER + "/volumes")).atPriority(1)
                .willReturn(aResponse().withStatus(413).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"overLimit": {"code": 413, "message": "VolumeSizeExceedsAvailableQuota: Requested\
                                 volume or snapshot exceeds allowed gigabytes quota. Requested 20G, quota is 10G\
                                 and 0G has been consumed.", "retryAfter": "0"}}
                                """)));

        assertThatThrownBy(() -> gateway.ensureVolume(login, "pg-orders-data", 20))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageStartingWith("OpenStack Cinder (block storage) of " + keystone()
                        + " refused to create volume pg-orders-data (20 GB): VolumeSizeExceedsAvailableQuota")
                .hasMessageEndingWith("(413)");
    }

    // ---- servers

    @Test
    void anAbsentServerIsBootedWithEverythingItNeeds() {
        assertThat(gateway.ensureServer(login, spec())).isEqualTo(OpenStackMock.SERVER_ID);

        cloud.server().verify(getRequestedFor(urlPathEqualTo(NOVA + "/servers/detail"))
                .withQueryParam("name", equalTo("^pg\\-orders$")));
        String base64 = Base64.getEncoder().encodeToString(USER_DATA.getBytes(StandardCharsets.UTF_8));
        cloud.server().verify(1, postRequestedFor(urlPathEqualTo(NOVA + "/servers"))
                .withRequestBody(matchingJsonPath("$.server.name", equalTo("pg-orders")))
                .withRequestBody(matchingJsonPath("$.server.flavorRef", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.server.imageRef", equalTo(OpenStackMock.IMAGE_ID)))
                .withRequestBody(matchingJsonPath("$.server.security_groups[0].name", equalTo("pg-orders")))
                .withRequestBody(matchingJsonPath("$.server.user_data", equalTo(base64)))
                .withRequestBody(matchingJsonPath("$.server.metadata.opsledger-asset", equalTo("pg-orders")))
                .withRequestBody(matchingJsonPath("$.server.block_device_mapping_v2[?(@.source_type == 'image'"
                        + " && @.uuid == '" + OpenStackMock.IMAGE_ID + "' && @.boot_index == 0)]"))
                .withRequestBody(matchingJsonPath("$.server.block_device_mapping_v2[?(@.source_type == 'volume'"
                        + " && @.destination_type == 'volume' && @.uuid == '" + OpenStackMock.VOLUME_ID + "'"
                        + " && @.delete_on_termination == false)]")));
    }

    @Test
    void aPresentServerIsFoundAndNotBootedAgain() {
        cloud.givenServer("pg-orders");

        assertThat(gateway.ensureServer(login, spec())).isEqualTo(OpenStackMock.SERVER_ID);

        cloud.server().verify(0, postRequestedFor(urlPathEqualTo(NOVA + "/servers")));
    }

    @Test
    void aServerOfAnotherNameMatchingTheFilterIsNotTakenForIt() {
        cloud.givenServer("pg-orders-old");

        assertThat(gateway.ensureServer(login, spec())).isEqualTo(OpenStackMock.SERVER_ID);

        cloud.server().verify(1, postRequestedFor(urlPathEqualTo(NOVA + "/servers")));
    }

    @Test
    void aServerQuotaIsNamedWithNovasWordsAndNoSecret() {
        cloud.server().stubFor(post(urlPathEqualTo(NOVA + "/servers")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"forbidden": {"code": 403, "message": "Quota exceeded for instances:\
                                 Requested 1, but already used 10 of 10 instances"}}
                                """)));

        assertThatThrownBy(() -> gateway.ensureServer(login, spec()))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("OpenStack Nova (compute) of " + keystone() + " refused to boot server pg-orders:"
                        + " Quota exceeded for instances: Requested 1, but already used 10 of 10 instances (403)")
                .hasMessageNotContaining(OpenStackMock.PASSWORD)
                .hasMessageNotContaining(OpenStackMock.TOKEN)
                .hasMessageNotContaining("S3cret-db-pass");
    }

    @Test
    void aNovaServerErrorIsNamed() {
        cloud.server().stubFor(post(urlPathEqualTo(NOVA + "/servers")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"computeFault\": {\"code\": 500, \"message\": \"Unexpected API Error.\"}}")));

        assertThatThrownBy(() -> gateway.ensureServer(login, spec()))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageStartingWith("OpenStack Nova (compute) of " + keystone()
                        + " answered 500 when asked to boot server pg-orders");
    }

    @Test
    void aServerSpecNeverPrintsItsUserData() {
        assertThat(spec().toString()).doesNotContain("S3cret-db-pass").contains("pg-orders");
    }

    // ---- server state

    @Test
    void anActiveServerAnswersItsFirstIpv4Address() {
        serverAnswers(OpenStackMock.serverJson("pg-orders", "ACTIVE", """
                "private": [
                  {"version": 6, "addr": "fd00:0:0:0:f816:3eff:fe4c:93e1", "OS-EXT-IPS:type": "fixed",
                   "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:4c:93:e1"},
                  {"version": 4, "addr": "10.0.0.5", "OS-EXT-IPS:type": "fixed",
                   "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:4c:93:e1"}]
                """, null));

        assertThat(gateway.server(login, OpenStackMock.SERVER_ID))
                .contains(new ServerState(OpenStackMock.SERVER_ID, "ACTIVE", "10.0.0.5", null));
    }

    @Test
    void aFailedServerAnswersErrorAndItsFault() {
        serverAnswers(OpenStackMock.serverJson("pg-orders", "ERROR", "",
                "No valid host was found. There are not enough hosts available."));

        assertThat(gateway.server(login, OpenStackMock.SERVER_ID)).contains(new ServerState(OpenStackMock.SERVER_ID,
                "ERROR", null, "No valid host was found. There are not enough hosts available."));
    }

    @Test
    void aBuildingServerHasNoAddressYet() {
        serverAnswers(OpenStackMock.serverJson("pg-orders", "BUILD", "", null));

        assertThat(gateway.server(login, OpenStackMock.SERVER_ID))
                .contains(new ServerState(OpenStackMock.SERVER_ID, "BUILD", null, null));
    }

    @Test
    void anUnknownServerIsEmpty() {
        assertThat(gateway.server(login, "0f1e2d3c-0000-4000-8000-000000000000")).isEmpty();
        cloud.server().verify(getRequestedFor(urlPathEqualTo(NOVA + "/servers/0f1e2d3c-0000-4000-8000-000000000000")));
    }

    @Test
    void aSlowNovaHitsTheTimeout() {
        cloud.server().stubFor(get(urlPathEqualTo(NOVA + "/servers/" + OpenStackMock.SERVER_ID)).atPriority(0)
                .willReturn(okJson("{\"server\": " + OpenStackMock.serverJson("pg-orders", "ACTIVE", "", null) + "}")
                        .withFixedDelay(4000)));
        OpenStackGateway impatient = new Openstack4jGateway(Duration.ofMillis(500));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.server(login, OpenStackMock.SERVER_ID))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("OpenStack Nova (compute) of " + keystone() + " did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aSlowCinderHitsTheTimeoutToo() {
        cloud.server().stubFor(post(urlPathEqualTo(CINDER + "/volumes")).atPriority(0)
                .willReturn(aResponse().withStatus(202).withFixedDelay(4000)));
        OpenStackGateway impatient = new Openstack4jGateway(Duration.ofMillis(500));

        assertThatThrownBy(() -> impatient.ensureVolume(login, "pg-orders-data", 20))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("OpenStack Cinder (block storage) of " + keystone() + " did not answer within 500 ms");
    }

    private void serverAnswers(String serverJson) {
        cloud.server().stubFor(get(urlPathEqualTo(NOVA + "/servers/" + OpenStackMock.SERVER_ID)).atPriority(1)
                .withHeader("X-Auth-Token", equalTo(OpenStackMock.TOKEN))
                .willReturn(okJson("{\"server\": " + serverJson + "}")));
    }

    // ---- deletes

    @Test
    void deletesAskEachService() {
        gateway.deleteServer(login, OpenStackMock.SERVER_ID);
        gateway.deleteVolume(login, OpenStackMock.VOLUME_ID);
        gateway.deleteSecurityGroup(login, OpenStackMock.SECURITY_GROUP_ID);

        cloud.server().verify(1, deleteRequestedFor(urlPathEqualTo(NOVA + "/servers/" + OpenStackMock.SERVER_ID))
                .withHeader("X-Auth-Token", equalTo(OpenStackMock.TOKEN)));
        cloud.server().verify(1, deleteRequestedFor(urlPathEqualTo(CINDER + "/volumes/" + OpenStackMock.VOLUME_ID)));
        cloud.server().verify(1, deleteRequestedFor(
                urlPathEqualTo(NEUTRON + "/security-groups/" + OpenStackMock.SECURITY_GROUP_ID)));
    }

    @Test
    void deletingWhatIsAlreadyGoneSucceeds() {
        notFoundOnDelete(NOVA + "/servers/" + OpenStackMock.SERVER_ID,
                "{\"itemNotFound\": {\"code\": 404, \"message\": \"Instance could not be found.\"}}");
        notFoundOnDelete(CINDER + "/volumes/" + OpenStackMock.VOLUME_ID,
                "{\"itemNotFound\": {\"code\": 404, \"message\": \"Volume could not be found.\"}}");
        notFoundOnDelete(NEUTRON + "/security-groups/" + OpenStackMock.SECURITY_GROUP_ID,
                "{\"NeutronError\": {\"type\": \"SecurityGroupNotFound\", \"message\": \"Security group "
                        + OpenStackMock.SECURITY_GROUP_ID + " does not exist\", \"detail\": \"\"}}");

        gateway.deleteServer(login, OpenStackMock.SERVER_ID);
        gateway.deleteVolume(login, OpenStackMock.VOLUME_ID);
        gateway.deleteSecurityGroup(login, OpenStackMock.SECURITY_GROUP_ID);

        cloud.server().verify(1, deleteRequestedFor(urlPathEqualTo(NOVA + "/servers/" + OpenStackMock.SERVER_ID)));
        cloud.server().verify(1, deleteRequestedFor(urlPathEqualTo(CINDER + "/volumes/" + OpenStackMock.VOLUME_ID)));
        cloud.server().verify(1, deleteRequestedFor(
                urlPathEqualTo(NEUTRON + "/security-groups/" + OpenStackMock.SECURITY_GROUP_ID)));
    }

    @Test
    void aSecurityGroupStillInUseIsNotDeletedAndSaysWhy() {
        cloud.server().stubFor(delete(urlPathEqualTo(NEUTRON + "/security-groups/" + OpenStackMock.SECURITY_GROUP_ID))
                .atPriority(1).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"NeutronError\": {\"type\": \"SecurityGroupInUse\", \"message\": \"Security Group "
                                + OpenStackMock.SECURITY_GROUP_ID + " in use.\", \"detail\": \"\"}}")));

        assertThatThrownBy(() -> gateway.deleteSecurityGroup(login, OpenStackMock.SECURITY_GROUP_ID))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("OpenStack Neutron (network) of " + keystone() + " refused to delete security group "
                        + OpenStackMock.SECURITY_GROUP_ID + ": Security Group " + OpenStackMock.SECURITY_GROUP_ID
                        + " in use. (409)");
    }

    @Test
    void anAttachedVolumeIsNotDeletedAndSaysWhy() {
        cloud.server().stubFor(delete(urlPathEqualTo(CINDER + "/volumes/" + OpenStackMock.VOLUME_ID)).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"badRequest\": {\"code\": 400, \"message\": \"Invalid volume: Volume status must"
                                + " be available or error or error_restoring or error_extending or error_managing"
                                + " and must not be migrating, attached, belong to a group, have snapshots or be"
                                + " disassociated from snapshots after volume transfer.\"}}")));

        assertThatThrownBy(() -> gateway.deleteVolume(login, OpenStackMock.VOLUME_ID))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageStartingWith("OpenStack Cinder (block storage) of " + keystone() + " refused to delete"
                        + " volume " + OpenStackMock.VOLUME_ID + ": Invalid volume: Volume status must be available")
                .hasMessageEndingWith("(400)");
    }

    @Test
    void aServerDeleteMeetingAnUnavailableNovaFails() {
        cloud.server().stubFor(delete(urlPathEqualTo(NOVA + "/servers/" + OpenStackMock.SERVER_ID)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>503 Service Unavailable</h1></body></html>")));

        assertThatThrownBy(() -> gateway.deleteServer(login, OpenStackMock.SERVER_ID))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageStartingWith("OpenStack Nova (compute) of " + keystone() + " answered 503 when asked to"
                        + " delete server " + OpenStackMock.SERVER_ID);
    }

    private void notFoundOnDelete(String path, String body) {
        cloud.server().stubFor(delete(urlPathEqualTo(path)).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(body)));
    }
}
