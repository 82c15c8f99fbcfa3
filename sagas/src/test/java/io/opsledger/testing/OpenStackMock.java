package io.opsledger.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * An OpenStack cloud as its clients see it, for one user: Keystone v3 at {@link #url()} and Nova
 * v2.1, with answers shaped after the Identity v3 and Compute API references, on a WireMock
 * server on a loopback port.
 *
 * <p>{@code POST /v3/auth/tokens} with the password method for {@value #USERNAME} /
 * {@link #PASSWORD} in domain "Default", scoped to project {@value #PROJECT_NAME} (domain
 * "Default"), answers 201 with {@code X-Subject-Token: }{@value #TOKEN} and a catalog naming
 * Nova's public endpoints in {@value #REGION} and {@value #OTHER_REGION}; any other login is
 * refused with 401 as Keystone does. Nova answers {@code GET /flavors/detail} (and
 * {@code /flavors}) for that token only; {@link #FLAVORS_JSON} in {@value #REGION},
 * {@link #OTHER_REGION_FLAVORS_JSON} in {@value #OTHER_REGION}.
 *
 * <p>In {@value #REGION} the catalog also names Neutron ({@code network}, at {@code /network};
 * openstack4j adds {@code /v2.0}) and Cinder v3 ({@code volumev3}, at
 * {@code /volume/v3/}{@value #PROJECT_ID}). For the same token, as an empty project: the lists of
 * security groups, volumes and servers are empty; creating a security group, a rule, a volume or a
 * server answers as the API references show ({@link #SECURITY_GROUP_ID}, {@link #VOLUME_ID},
 * {@link #SERVER_ID}); deletes answer 204 (Neutron, Nova) or 202 (Cinder); reading an unknown server
 * answers 404. {@link #givenSecurityGroup}, {@link #givenVolume}, {@link #givenServer} put one in
 * place, found by its name.
 */
public final class OpenStackMock implements AutoCloseable {

    public static final String USERNAME = "demo";
    public static final String PASSWORD = "Dem0-pass!word";
    public static final String PROJECT_NAME = "demo-project";
    public static final String PROJECT_ID = "8538a3f13f9541b28c2620eb19065e45";
    public static final String TOKEN = "gAAAAABmockedFernetTokenForTheDemoUser0123456789";
    public static final String REGION = "RegionOne";
    public static final String OTHER_REGION = "RegionTwo";

    /** Nova's "List Flavors With Details" answer (microversion 2.1: swap is "" when none). */
    public static final String FLAVORS_JSON = """
            {"flavors": [
              {"OS-FLV-DISABLED:disabled": false, "disk": 1, "OS-FLV-EXT-DATA:ephemeral": 0,
               "os-flavor-access:is_public": true, "id": "1", "name": "m1.tiny", "ram": 512, "swap": "",
               "vcpus": 1, "rxtx_factor": 1.0,
               "links": [{"href": "http://openstack.example.com/v2.1/flavors/1", "rel": "self"}]},
              {"OS-FLV-DISABLED:disabled": false, "disk": 40, "OS-FLV-EXT-DATA:ephemeral": 0,
               "os-flavor-access:is_public": true, "id": "3", "name": "m1.medium", "ram": 4096, "swap": "",
               "vcpus": 2, "rxtx_factor": 1.0,
               "links": [{"href": "http://openstack.example.com/v2.1/flavors/3", "rel": "self"}]},
              {"OS-FLV-DISABLED:disabled": false, "disk": 80, "OS-FLV-EXT-DATA:ephemeral": 0,
               "os-flavor-access:is_public": false, "id": "7d3c2a5e-db-large", "name": "db.large", "ram": 16384,
               "swap": 1024, "vcpus": 8, "rxtx_factor": 1.0,
               "links": [{"href": "http://openstack.example.com/v2.1/flavors/7d3c2a5e-db-large", "rel": "self"}]}
            ]}
            """;

    public static final String OTHER_REGION_FLAVORS_JSON = """
            {"flavors": [
              {"OS-FLV-DISABLED:disabled": false, "disk": 20, "OS-FLV-EXT-DATA:ephemeral": 0,
               "os-flavor-access:is_public": true, "id": "r2-small", "name": "r2.small", "ram": 2048, "swap": "",
               "vcpus": 1, "rxtx_factor": 1.0, "links": []}
            ]}
            """;

    public static final String SECURITY_GROUP_ID = "85cc3048-abc3-43cc-89b3-377341426ac5";
    public static final String RULE_ID = "3c0e45ff-adaf-4124-b083-bf390e5482ff";
    public static final String VOLUME_ID = "6edbc2f4-1507-44f8-ac0d-eed1d2608d38";
    public static final String SERVER_ID = "9168b536-cd40-4630-b43f-b259807c6e87";
    public static final String IMAGE_ID = "70a599e0-31e7-49b7-b260-868f441e862b";

    /** Where openstack4j asks Neutron (the catalog's URL plus the /v2.0 it adds). */
    public static final String NEUTRON = "/network/v2.0";
    /** Where openstack4j asks Cinder (the catalog's volumev3 URL, project included). */
    public static final String CINDER = "/volume/v3/" + PROJECT_ID;
    public static final String NOVA = "/compute/v2.1";

    private static final String UNAUTHORIZED = """
            {"error": {"code": 401, "title": "Unauthorized",
             "message": "The request you have made requires authentication."}}
            """;

    private final WireMockServer server;

    private OpenStackMock(WireMockServer server) {
        this.server = server;
    }

    /** Starts the mock on a free loopback port. */
    public static OpenStackMock start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        OpenStackMock mock = new OpenStackMock(server);
        mock.stubKeystone();
        mock.stubNova("/compute/v2.1", FLAVORS_JSON);
        mock.stubNova("/compute-r2/v2.1", OTHER_REGION_FLAVORS_JSON);
        mock.stubEmptyProject();
        return mock;
    }

    /** Keystone's v3 root, as users give it (OS_AUTH_URL), e.g. {@code http://127.0.0.1:40123/identity/v3}. */
    public String url() {
        return server.baseUrl() + "/identity/v3";
    }

    /** The WireMock server, to delay answers or inspect what it received. */
    public WireMockServer server() {
        return server;
    }

    private void stubKeystone() {
        server.stubFor(post(urlPathEqualTo("/identity/v3/auth/tokens")).atPriority(10)
                .willReturn(aResponse().withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("WWW-Authenticate", "Keystone uri=\"" + url() + "\"")
                        .withBody(UNAUTHORIZED)));
        server.stubFor(post(urlPathEqualTo("/identity/v3/auth/tokens")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.auth.identity.methods[0]", equalTo("password")))
                .withRequestBody(matchingJsonPath("$.auth.identity.password.user.name", equalTo(USERNAME)))
                .withRequestBody(matchingJsonPath("$.auth.identity.password.user.password", equalTo(PASSWORD)))
                .withRequestBody(matchingJsonPath("$.auth.identity.password.user.domain.name", equalTo("Default")))
                .withRequestBody(matchingJsonPath("$.auth.scope.project.name", equalTo(PROJECT_NAME)))
                .withRequestBody(matchingJsonPath("$.auth.scope.project.domain.name", equalTo("Default")))
                .willReturn(aResponse().withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Subject-Token", TOKEN)
                        .withBody(tokenJson())));
    }

    private void stubNova(String root, String flavorsJson) {
        server.stubFor(get(urlPathMatching(root + "/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": 401, \"title\": \"Unauthorized\","
                                + " \"message\": \"Authentication required\"}}")));
        for (String path : new String[] {"/flavors/detail", "/flavors"}) {
            server.stubFor(get(urlPathEqualTo(root + path)).atPriority(1)
                    .withHeader("X-Auth-Token", equalTo(TOKEN))
                    .willReturn(okJson(flavorsJson)));
        }
    }

    /** Neutron's security group {@code name}, with its default egress rules and, if asked, TCP port from cidr. */
    public static String securityGroupJson(String name, Integer port, String cidr) {
        String ingress = port == null ? "" : ",\n" + ruleJson(port, cidr);
        return """
                {"id": "%s", "name": "%s", "description": "", "project_id": "%s", "tenant_id": "%s",
                 "stateful": true, "shared": false, "revision_number": 3, "tags": [],
                 "created_at": "2025-06-01T10:00:00Z", "updated_at": "2025-06-01T10:00:00Z",
                 "security_group_rules": [
                   {"id": "93aa42e5-80db-4581-9391-3a608bd0e448", "direction": "egress", "ethertype": "IPv4",
                    "protocol": null, "port_range_min": null, "port_range_max": null, "remote_ip_prefix": null,
                    "remote_group_id": null, "security_group_id": "%s", "project_id": "%s", "tenant_id": "%s",
                    "description": null, "revision_number": 0,
                    "created_at": "2025-06-01T10:00:00Z", "updated_at": "2025-06-01T10:00:00Z"},
                   {"id": "c0b09f00-1d49-4e64-a0a7-8a186d928138", "direction": "egress", "ethertype": "IPv6",
                    "protocol": null, "port_range_min": null, "port_range_max": null, "remote_ip_prefix": null,
                    "remote_group_id": null, "security_group_id": "%s", "project_id": "%s", "tenant_id": "%s",
                    "description": null, "revision_number": 0,
                    "created_at": "2025-06-01T10:00:00Z", "updated_at": "2025-06-01T10:00:00Z"}%s
                 ]}
                """.formatted(SECURITY_GROUP_ID, name, PROJECT_ID, PROJECT_ID,
                SECURITY_GROUP_ID, PROJECT_ID, PROJECT_ID, SECURITY_GROUP_ID, PROJECT_ID, PROJECT_ID, ingress);
    }

    private static String ruleJson(int port, String cidr) {
        return """
                {"id": "%s", "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp",
                 "port_range_min": %d, "port_range_max": %d, "remote_ip_prefix": "%s", "remote_group_id": null,
                 "security_group_id": "%s", "project_id": "%s", "tenant_id": "%s", "description": "",
                 "revision_number": 0, "created_at": "2025-06-01T10:00:01Z", "updated_at": "2025-06-01T10:00:01Z"}
                """.formatted(RULE_ID, port, port, cidr, SECURITY_GROUP_ID, PROJECT_ID, PROJECT_ID);
    }

    /** Cinder v3's volume {@code name} of sizeGb in that status ("creating", "available", "in-use"...). */
    public static String volumeJson(String name, int sizeGb, String status) {
        return """
                {"id": "%s", "name": "%s", "size": %d, "status": "%s", "description": "OpsLedger",
                 "availability_zone": "nova", "bootable": "false", "encrypted": false, "multiattach": false,
                 "attachments": [], "metadata": {}, "volume_type": "lvmdriver-1", "snapshot_id": null,
                 "source_volid": null, "consistencygroup_id": null, "user_id": "ee4dfb6e5540447cb3741905149d9b6e",
                 "os-vol-tenant-attr:tenant_id": "%s", "replication_status": null,
                 "created_at": "2025-06-01T10:00:00.000000", "updated_at": null,
                 "links": [{"href": "http://openstack.example.com/v3/%s/volumes/%s", "rel": "self"}]}
                """.formatted(VOLUME_ID, name, sizeGb, status, PROJECT_ID, PROJECT_ID, VOLUME_ID);
    }

    /**
     * Nova's "Show Server Details" body of server {@code name}: its status, the addresses given as
     * {@code "net": [...]} JSON (e.g. {@code "private": [{"version": 4, "addr": "10.0.0.5"}]}) and, if
     * not null, its fault message.
     */
    public static String serverJson(String name, String status, String addressesJson, String faultMessage) {
        String fault = faultMessage == null ? "" : """
                , "fault": {"code": 500, "created": "2025-06-01T10:00:09Z", "message": "%s",
                  "details": "Traceback (most recent call last): ..."}
                """.formatted(faultMessage);
        return """
                {"id": "%s", "name": "%s", "status": "%s", "tenant_id": "%s",
                 "user_id": "ee4dfb6e5540447cb3741905149d9b6e", "metadata": {"opsledger-asset": "pg-orders"},
                 "hostId": "2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6", "key_name": null,
                 "image": {"id": "%s", "links": []}, "flavor": {"id": "3", "links": []},
                 "created": "2025-06-01T10:00:00Z", "updated": "2025-06-01T10:00:10Z",
                 "addresses": {%s}, "accessIPv4": "", "accessIPv6": "", "config_drive": "", "progress": 0,
                 "links": [{"href": "http://openstack.example.com/v2.1/servers/%s", "rel": "self"}],
                 "OS-DCF:diskConfig": "MANUAL", "OS-EXT-AZ:availability_zone": "nova",
                 "OS-EXT-STS:task_state": null, "OS-EXT-STS:vm_state": "%s", "OS-EXT-STS:power_state": 1,
                 "os-extended-volumes:volumes_attached": [{"id": "%s", "delete_on_termination": false}],
                 "security_groups": [{"name": "%s"}]%s}
                """.formatted(SERVER_ID, name, status, PROJECT_ID, IMAGE_ID, addressesJson, SERVER_ID,
                status.toLowerCase(java.util.Locale.ROOT), VOLUME_ID, name, fault);
    }

    /** The project has security group {@code name}; with the ingress rule TCP port from cidr when port is not null. */
    public void givenSecurityGroup(String name, Integer port, String cidr) {
        server.stubFor(get(urlPathEqualTo(NEUTRON + "/security-groups")).atPriority(1)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .withQueryParam("name", equalTo(name))
                .willReturn(okJson("{\"security_groups\": [" + securityGroupJson(name, port, cidr) + "]}")));
    }

    /** The project has volume {@code name}, available. */
    public void givenVolume(String name, int sizeGb) {
        server.stubFor(get(urlPathEqualTo(CINDER + "/volumes/detail")).atPriority(1)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .withQueryParam("name", equalTo(name))
                .willReturn(okJson("{\"volumes\": [" + volumeJson(name, sizeGb, "available") + "]}")));
    }

    /** The project has server {@code name} (ACTIVE), listed and readable as {@link #SERVER_ID}. */
    public void givenServer(String name) {
        givenServer(name, "ACTIVE", "10.0.0.5");
    }

    /** The project has server {@code name} in that status with that IPv4 address (null: none yet). */
    public void givenServer(String name, String status, String address) {
        String json = serverJson(name, status, address == null ? ""
                : "\"private\": [{\"version\": 4, \"addr\": \"" + address + "\"}]", null);
        server.stubFor(get(urlPathEqualTo(NOVA + "/servers/detail")).atPriority(1)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(okJson("{\"servers\": [" + json + "]}")));
        server.stubFor(get(urlPathEqualTo(NOVA + "/servers/" + SERVER_ID)).atPriority(1)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(okJson("{\"server\": " + json + "}")));
    }

    private void stubEmptyProject() {
        for (String root : new String[] {NEUTRON, "/volume/v3"}) {
            server.stubFor(any(urlPathMatching(root + "/.*")).atPriority(10)
                    .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                            .withBody(UNAUTHORIZED)));
        }
        server.stubFor(any(urlPathMatching(NOVA + "/servers.*")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": 401, \"title\": \"Unauthorized\","
                                + " \"message\": \"Authentication required\"}}")));
        // Neutron v2.0
        server.stubFor(get(urlPathEqualTo(NEUTRON + "/security-groups")).atPriority(5)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(okJson("{\"security_groups\": []}")));
        server.stubFor(post(urlPathEqualTo(NEUTRON + "/security-groups")).atPriority(5)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"security_group\": " + securityGroupJson("pg-orders", null, null) + "}")));
        server.stubFor(post(urlPathEqualTo(NEUTRON + "/security-group-rules")).atPriority(5)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"security_group_rule\": " + ruleJson(5432, "10.0.0.0/8") + "}")));
        server.stubFor(delete(urlPathMatching(NEUTRON + "/security-groups/[^/]+")).atPriority(5)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(204)));
        // Cinder v3
        server.stubFor(get(urlPathEqualTo(CINDER + "/volumes/detail")).atPriority(5)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(okJson("{\"volumes\": []}")));
        server.stubFor(post(urlPathEqualTo(CINDER + "/volumes")).atPriority(5)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"volume\": " + volumeJson("pg-orders-data", 20, "creating") + "}")));
        server.stubFor(delete(urlPathMatching(CINDER + "/volumes/[^/]+")).atPriority(5)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(202)));
        // Nova v2.1
        server.stubFor(get(urlPathEqualTo(NOVA + "/servers/detail")).atPriority(5)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(okJson("{\"servers\": []}")));
        server.stubFor(get(urlPathMatching(NOVA + "/servers/[^/]+")).atPriority(6)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"itemNotFound\": {\"code\": 404, \"message\": \"Instance could not be found.\"}}")));
        server.stubFor(post(urlPathEqualTo(NOVA + "/servers")).atPriority(5)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withHeader("Location", server.baseUrl() + NOVA + "/servers/" + SERVER_ID)
                        .withBody("""
                                {"server": {"id": "%s", "adminPass": "zPnp2GseTqG4",
                                 "OS-DCF:diskConfig": "AUTO", "security_groups": [{"name": "pg-orders"}],
                                 "links": [{"href": "http://openstack.example.com/v2.1/servers/%s", "rel": "self"}]}}
                                """.formatted(SERVER_ID, SERVER_ID))));
        server.stubFor(delete(urlPathMatching(NOVA + "/servers/[^/]+")).atPriority(5)
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(204)));
    }

    private String tokenJson() {
        String base = server.baseUrl();
        return """
                {"token": {
                  "methods": ["password"],
                  "user": {"domain": {"id": "default", "name": "Default"},
                           "id": "ee4dfb6e5540447cb3741905149d9b6e", "name": "%s", "password_expires_at": null},
                  "audit_ids": ["3T2dc1CGQxyJsHdDu1xkcw"],
                  "issued_at": "2025-06-01T10:00:00.000000Z",
                  "expires_at": "2099-06-01T10:00:00.000000Z",
                  "project": {"domain": {"id": "default", "name": "Default"}, "id": "%s", "name": "%s"},
                  "is_domain": false,
                  "roles": [{"id": "51cc68287d524c759f47c811e6463340", "name": "member"},
                            {"id": "9fe2ff9ee4384b1894a90878d3e92bab", "name": "reader"}],
                  "catalog": [
                    {"type": "identity", "name": "keystone", "id": "0bd1ba4ba2ee4cbd8e1d1e7f1a1b0aa1",
                     "endpoints": [
                       {"id": "1a2b", "interface": "public", "region": "%s", "region_id": "%s", "url": "%s/identity"}]},
                    {"type": "compute", "name": "nova", "id": "a226b3eeb5594f50bf8b6df94636ed28",
                     "endpoints": [
                       {"id": "c1", "interface": "public", "region": "%s", "region_id": "%s", "url": "%s/compute/v2.1"},
                       {"id": "c2", "interface": "internal", "region": "%s", "region_id": "%s",
                        "url": "http://192.0.2.10:8774/v2.1"},
                       {"id": "c3", "interface": "public", "region": "%s", "region_id": "%s", "url": "%s/compute-r2/v2.1"}]},
                    {"type": "network", "name": "neutron", "id": "b2c3d4e5f60718293a4b5c6d7e8f9012",
                     "endpoints": [
                       {"id": "n1", "interface": "public", "region": "%s", "region_id": "%s", "url": "%s/network"}]},
                    {"type": "volumev3", "name": "cinderv3", "id": "c3d4e5f60718293a4b5c6d7e8f901234",
                     "endpoints": [
                       {"id": "v1", "interface": "public", "region": "%s", "region_id": "%s",
                        "url": "%s/volume/v3/%s"}]}
                  ]
                }}
                """.formatted(USERNAME, PROJECT_ID, PROJECT_NAME,
                REGION, REGION, base,
                REGION, REGION, base,
                REGION, REGION,
                OTHER_REGION, OTHER_REGION, base,
                REGION, REGION, base,
                REGION, REGION, base, PROJECT_ID);
    }

    @Override
    public void close() {
        server.stop();
    }
}
