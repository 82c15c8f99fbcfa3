package io.opsledger.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
                       {"id": "c3", "interface": "public", "region": "%s", "region_id": "%s", "url": "%s/compute-r2/v2.1"}]}
                  ]
                }}
                """.formatted(USERNAME, PROJECT_ID, PROJECT_NAME,
                REGION, REGION, base,
                REGION, REGION, base,
                REGION, REGION,
                OTHER_REGION, OTHER_REGION, base);
    }

    @Override
    public void close() {
        server.stop();
    }
}
