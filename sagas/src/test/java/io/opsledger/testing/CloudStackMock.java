package io.opsledger.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A CloudStack management server's API ({@code /client/api}) for one user, on a WireMock server
 * on a loopback port, with answers shaped after CloudStack's API reference.
 *
 * <p>Requests are checked the way CloudStack's API server checks them: the {@code apiKey} must be
 * {@link #API_KEY} and the {@code signature} the HMAC-SHA1 (with {@link #SECRET_KEY}) of the other
 * parameters, sorted by name, values URL-encoded, lower-cased. Signed {@code listZones} and
 * {@code listServiceOfferings} answer {@link #ZONES_JSON} and {@link #OFFERINGS_JSON}; anything
 * else signed wrongly is refused with 401 and CloudStack's errortext.
 */
public final class CloudStackMock implements AutoCloseable {

    public static final String API_KEY =
            "plgWJfZK4gyS3mOMTVmjUVg-X-jlWlnfaUJ9GAbBbf9EdM-kAYMmAiLqzzq1ElZLYq_u38zCm0bewzGUdP66mg";
    public static final String SECRET_KEY =
            "mock-secret-KhX9TnQ2vB7wR4pL0sZ8cY3uJ6eF1gD5aM_oIuY7tRe";
    public static final String BAD_CREDENTIALS = "unable to verify user credentials and/or request signature";

    public static final String ZONES_JSON = """
            {"listzonesresponse": {"count": 2, "zone": [
              {"id": "1c8b2b1e-8b1d-4c0a-9d3e-2f1a4b5c6d7e", "name": "zone-ams", "networktype": "Advanced",
               "securitygroupsenabled": false, "allocationstate": "Enabled", "dhcpprovider": "VirtualRouter",
               "localstorageenabled": false, "tags": []},
              {"id": "5e7f9a0b-1c2d-4e3f-8a9b-0c1d2e3f4a5b", "name": "zone-fra", "networktype": "Basic",
               "securitygroupsenabled": true, "allocationstate": "Enabled", "dhcpprovider": "VirtualRouter",
               "localstorageenabled": true, "tags": []}
            ]}}
            """;

    public static final String OFFERINGS_JSON = """
            {"listserviceofferingsresponse": {"count": 2, "serviceoffering": [
              {"id": "0a5e8c1f-3b7d-4c2a-9e6f-1d2c3b4a5f6e", "name": "Small Instance",
               "displaytext": "Small Instance, 1 vCPU 500 MHz, 512 MB", "cpunumber": 1, "cpuspeed": 500,
               "memory": 512, "created": "2024-01-10T10:00:00+0000", "storagetype": "shared", "offerha": false,
               "limitcpuuse": false, "isvolatile": false, "issystem": false, "defaultuse": false,
               "iscustomized": false},
              {"id": "7b9d1f3a-5c7e-4a2b-8d0f-2e4c6a8b0d1f", "name": "Medium Instance",
               "displaytext": "Medium Instance, 2 vCPU 1 GHz, 4 GB", "cpunumber": 2, "cpuspeed": 1000,
               "memory": 4096, "created": "2024-01-10T10:00:00+0000", "storagetype": "shared", "offerha": true,
               "limitcpuuse": false, "isvolatile": false, "issystem": false, "defaultuse": false,
               "iscustomized": false}
            ]}}
            """;

    private final WireMockServer server;

    private CloudStackMock(WireMockServer server) {
        this.server = server;
    }

    /** Starts the mock on a free loopback port. */
    public static CloudStackMock start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        CloudStackMock mock = new CloudStackMock(server);
        mock.stub("listZones", ZONES_JSON);
        mock.stub("listServiceOfferings", OFFERINGS_JSON);
        return mock;
    }

    /** The API endpoint, e.g. {@code http://127.0.0.1:40123/client/api}. */
    public String url() {
        return server.baseUrl() + "/client/api";
    }

    /** The WireMock server, to delay answers or read the requests it received. */
    public WireMockServer server() {
        return server;
    }

    private void stub(String command, String answer) {
        String responseField = command.toLowerCase(Locale.ROOT) + "response";
        server.stubFor(get(urlPathEqualTo("/client/api")).atPriority(10)
                .withQueryParam("command", equalTo(command))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"" + responseField + "\": {\"uuidList\": [], \"errorcode\": 401,"
                                + " \"errortext\": \"" + BAD_CREDENTIALS + "\"}}")));
        server.stubFor(get(urlPathEqualTo("/client/api")).atPriority(1)
                .withQueryParam("command", equalTo(command))
                .andMatching(CloudStackMock::signedByTheUser)
                .willReturn(okJson(answer)));
    }

    /** CloudStack's own check (ApiServer.verifyRequest), redone from the documented algorithm. */
    private static MatchResult signedByTheUser(Request request) {
        Map<String, String> parameters = queryParameters(request.getUrl());
        String signature = parameters.remove("signature");
        if (signature == null || !API_KEY.equals(parameters.get("apiKey"))) {
            return MatchResult.noMatch();
        }
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(name + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        String signed = String.join("&", pairs).toLowerCase(Locale.ROOT);
        return MatchResult.of(signature.equals(hmacSha1Base64(signed)));
    }

    /** The query's parameters by name, sorted case-insensitively, values decoded. */
    private static Map<String, String> queryParameters(String url) {
        Map<String, String> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int query = url.indexOf('?');
        if (query < 0) {
            return parameters;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String hmacSha1Base64(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
