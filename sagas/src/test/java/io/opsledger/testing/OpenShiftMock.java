package io.opsledger.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * An OpenShift 4 cluster's API and OAuth server as {@code oc login -u -p} meets them, for one
 * user, on a WireMock server on a loopback port.
 *
 * <ul>
 *   <li>{@code GET /.well-known/oauth-authorization-server}: the OAuth metadata, naming
 *       {@code /oauth/authorize} as authorization endpoint;</li>
 *   <li>{@code GET /oauth/authorize?response_type=token&client_id=openshift-challenging-client}
 *       with {@code X-CSRF-Token: 1} and Basic {@value #USERNAME}/{@link #PASSWORD}: 302 to
 *       {@code /oauth/token/implicit#access_token=}{@link #TOKEN}{@code &...}; other credentials:
 *       401 with a Basic challenge;</li>
 *   <li>{@code GET /version}: {@value #GIT_VERSION} for that token or no token (it is public), 401
 *       for any other token;</li>
 *   <li>{@code GET /apis/storage.k8s.io/v1/storageclasses}: {@link #STORAGE_CLASSES_JSON} for that
 *       token, 403 without one, 401 for any other;</li>
 *   <li>{@code DELETE /apis/oauth.openshift.io/v1/oauthaccesstokens/{name}}: 200, as {@code oc logout}
 *       gets.</li>
 * </ul>
 */
public final class OpenShiftMock implements AutoCloseable {

    public static final String USERNAME = "developer";
    public static final String PASSWORD = "Dev3loper-pa55word";
    public static final String TOKEN = "sha256~q3Fv0u8C2mYH9xWc4zKpN7rTbLd1eJgA6sVhQiX5oRk";
    public static final String GIT_VERSION = "v1.31.6";
    public static final String OAUTH_AUTHORIZE_PATH = "/oauth/authorize";
    public static final String TOKENS_PATH = "/apis/oauth.openshift.io/v1/oauthaccesstokens/";

    public static final String STORAGE_CLASSES_JSON = """
            {"kind": "StorageClassList", "apiVersion": "storage.k8s.io/v1",
             "metadata": {"resourceVersion": "48213"},
             "items": [
               {"metadata": {"name": "gp3-csi", "uid": "9a3e2b4c-0d1f-4e5a-8b7c-6d5e4f3a2b1c",
                             "resourceVersion": "10342", "creationTimestamp": "2025-03-02T09:14:11Z",
                             "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
                "provisioner": "ebs.csi.aws.com", "parameters": {"encrypted": "true", "type": "gp3"},
                "reclaimPolicy": "Delete", "allowVolumeExpansion": true, "volumeBindingMode": "WaitForFirstConsumer"},
               {"metadata": {"name": "gp2-csi", "uid": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
                             "resourceVersion": "10343", "creationTimestamp": "2025-03-02T09:14:11Z"},
                "provisioner": "ebs.csi.aws.com", "parameters": {"encrypted": "true", "type": "gp2"},
                "reclaimPolicy": "Delete", "allowVolumeExpansion": true, "volumeBindingMode": "WaitForFirstConsumer"}
             ]}
            """;

    private final WireMockServer server;

    private OpenShiftMock(WireMockServer server) {
        this.server = server;
    }

    /** Starts the mock on a free loopback port. */
    public static OpenShiftMock start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        OpenShiftMock mock = new OpenShiftMock(server);
        mock.stubOAuth();
        mock.stubApi();
        return mock;
    }

    /** The API server's address, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return server.baseUrl();
    }

    /**
     * Serves the rest of the Kubernetes API (core and API groups) from {@code kubernetesUrl} (e.g. a
     * {@link KubernetesMock#startPlain()}) to requests bearing the OAuth token, as the cluster's own
     * API would; other requests stay 401.
     */
    public OpenShiftMock servingKubernetesFrom(String kubernetesUrl) {
        server.stubFor(any(urlPathMatching("/(api|apis)/.*")).atPriority(3)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().proxiedFrom(kubernetesUrl)));
        server.stubFor(any(urlPathMatching("/(api|apis)/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"kind\": \"Status\", \"apiVersion\": \"v1\", \"status\": \"Failure\","
                                + " \"message\": \"Unauthorized\", \"reason\": \"Unauthorized\", \"code\": 401}")));
        return this;
    }

    /** The WireMock server, to delay answers or read the requests it received. */
    public WireMockServer server() {
        return server;
    }

    private void stubOAuth() {
        String base = server.baseUrl();
        server.stubFor(get(urlPathEqualTo("/.well-known/oauth-authorization-server")).willReturn(okJson("""
                {"issuer": "%1$s",
                 "authorization_endpoint": "%1$s/oauth/authorize",
                 "token_endpoint": "%1$s/oauth/token",
                 "scopes_supported": ["user:check-access", "user:full", "user:info", "user:list-projects",
                                      "user:list-scoped-projects"],
                 "response_types_supported": ["code", "token"],
                 "grant_types_supported": ["authorization_code", "implicit"],
                 "code_challenge_methods_supported": ["plain", "S256"]}
                """.formatted(base))));
        server.stubFor(get(urlPathEqualTo(OAUTH_AUTHORIZE_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"openshift\"")
                        .withHeader("Content-Type", "text/plain").withBody("Unauthorized")));
        server.stubFor(get(urlPathEqualTo(OAUTH_AUTHORIZE_PATH)).atPriority(1)
                .withQueryParam("response_type", equalTo("token"))
                .withQueryParam("client_id", equalTo("openshift-challenging-client"))
                .withHeader("X-CSRF-Token", equalTo("1"))
                .withBasicAuth(USERNAME, PASSWORD)
                .willReturn(aResponse().withStatus(302).withHeader("Location", base
                        + "/oauth/token/implicit#access_token=" + TOKEN
                        + "&expires_in=86400&scope=user%3Afull&token_type=Bearer")));
    }

    private void stubApi() {
        String bearer = "Bearer " + TOKEN;
        String unauthorized = """
                {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                 "message": "Unauthorized", "reason": "Unauthorized", "code": 401}
                """;
        server.stubFor(get(urlPathMatching("/(version|apis/.*)")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(unauthorized)));
        String version = """
                {"major": "1", "minor": "31", "gitVersion": "%s", "gitCommit": "3c62f738ce74a624d46b4f73f25d6c037b82e1a3",
                 "gitTreeState": "clean", "buildDate": "2025-02-05T19:37:36Z", "goVersion": "go1.22.9 (Red Hat 1.22.9-2.el9_5)",
                 "compiler": "gc", "platform": "linux/amd64"}
                """.formatted(GIT_VERSION);
        server.stubFor(get(urlPathEqualTo("/version")).atPriority(1)
                .withHeader("Authorization", equalTo(bearer)).willReturn(okJson(version)));
        server.stubFor(get(urlPathEqualTo("/version")).atPriority(2)
                .withHeader("Authorization", absent()).willReturn(okJson(version)));
        server.stubFor(get(urlPathEqualTo("/apis/storage.k8s.io/v1/storageclasses")).atPriority(1)
                .withHeader("Authorization", equalTo(bearer)).willReturn(okJson(STORAGE_CLASSES_JSON)));
        server.stubFor(get(urlPathEqualTo("/apis/storage.k8s.io/v1/storageclasses")).atPriority(2)
                .withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                        {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                         "message": "storageclasses.storage.k8s.io is forbidden: User \\"system:anonymous\\" cannot list resource \\"storageclasses\\" in API group \\"storage.k8s.io\\" at the cluster scope",
                         "reason": "Forbidden", "details": {"group": "storage.k8s.io", "kind": "storageclasses"}, "code": 403}
                        """)));
        server.stubFor(delete(urlPathMatching(TOKENS_PATH + ".+")).atPriority(1)
                .withHeader("Authorization", equalTo(bearer))
                .willReturn(okJson("{\"kind\": \"Status\", \"apiVersion\": \"v1\", \"metadata\": {},"
                        + " \"status\": \"Success\"}")));
    }

    @Override
    public void close() {
        server.stop();
    }
}
