package io.opsledger.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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
 * parameters, sorted by name, values URL-encoded, lower-cased; parameters may come in the query
 * (GET) or in a form body (POST), as CloudStack's servlet takes both. Signed {@code listZones},
 * {@code listServiceOfferings} and {@code listDiskOfferings} answer {@link #ZONES_JSON},
 * {@link #OFFERINGS_JSON} and {@link #DISK_OFFERINGS_JSON}; anything signed wrongly is refused
 * with 401 and CloudStack's errortext.
 *
 * <p>Virtual machines: {@code listVirtualMachines id=}{@link #VM_ID} answers that VM (Running,
 * with an address); any other listVirtualMachines answers CloudStack's empty list until
 * {@link #existingVirtualMachine} adds one. {@code deployVirtualMachine} answers {@link #VM_ID}
 * and {@link #DEPLOY_JOB_ID}, a slow job: {@code queryAsyncJobResult} answers it pending twice,
 * then succeeded. {@link #DESTROY_JOB_ID} has succeeded, {@link #FAILED_JOB_ID} has failed with
 * {@link #FAILED_JOB_ERROR}. {@code destroyVirtualMachine id=}{@link #VM_ID} answers
 * {@link #DESTROY_JOB_ID}; for any other id, CloudStack's 431 "Unable to find a virtual machine
 * with specified vmId" (what its UserVmManager answers for a VM that is gone).
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

    public static final String DISK_OFFERINGS_JSON = """
            {"listdiskofferingsresponse": {"count": 2, "diskoffering": [
              {"id": "3d5e7f9a-1b2c-4d3e-8f4a-5b6c7d8e9f0a", "name": "Small", "displaytext": "Small Disk, 5 GB",
               "disksize": 5, "created": "2024-01-10T10:00:00+0000", "iscustomized": false,
               "storagetype": "shared", "provisioningtype": "thin", "displayoffering": true},
              {"id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", "name": "Data 50 GB", "displaytext": "Data disk, 50 GB",
               "disksize": 50, "created": "2024-01-10T10:00:00+0000", "iscustomized": false,
               "storagetype": "shared", "provisioningtype": "thin", "displayoffering": true}
            ]}}
            """;

    public static final String VM_ID = "8f3c2a1b-6d5e-4f7a-9b0c-1d2e3f4a5b6c";
    public static final String VM_NAME = "pg-orders-1";
    public static final String VM_ADDRESS = "10.1.1.23";
    public static final String DEPLOY_JOB_ID = "4e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b";
    public static final String DESTROY_JOB_ID = "7c6b5a4f-3e2d-4c1b-9a0f-8e7d6c5b4a3f";
    public static final String FAILED_JOB_ID = "2b1a0f9e-8d7c-4b6a-9f5e-4d3c2b1a0f9e";
    public static final String FAILED_JOB_ERROR = "Unable to create a deployment for VM[User|i-2-41-VM]";
    public static final String VM_NOT_FOUND = "Unable to find a virtual machine with specified vmId";

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
        mock.stub("listDiskOfferings", DISK_OFFERINGS_JSON);
        mock.stubVirtualMachines();
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

    /**
     * A VM CloudStack already has: listVirtualMachines by that id or that name answers it, in
     * listVirtualMachines' shape (state e.g. Running, Starting, Error; address null for none).
     */
    public void existingVirtualMachine(String id, String name, String state, String address) {
        String answer = "{\"listvirtualmachinesresponse\": {\"count\": 1, \"virtualmachine\": ["
                + virtualMachineJson(id, name, state, address) + "]}}";
        server.stubFor(signed("listVirtualMachines", Map.of("id", id)).atPriority(1).willReturn(okJson(answer)));
        server.stubFor(signed("listVirtualMachines", Map.of("name", name)).atPriority(1).willReturn(okJson(answer)));
    }

    /** A signed request for {@code command} whose parameters include {@code where}. */
    public static MappingBuilder signed(String command, Map<String, String> where) {
        return any(urlPathEqualTo("/client/api")).andMatching(request(command, where, true));
    }

    /** CloudStack's error answer: {@code {"<command>response": {"errorcode": ..., "errortext": ...}}}. */
    public static ResponseDefinitionBuilder error(String command, int status, int csErrorCode, String errorText) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"" + command.toLowerCase(Locale.ROOT) + "response\": {\"uuidList\": [], \"errorcode\": "
                        + status + ", \"cserrorcode\": " + csErrorCode + ", \"errortext\": \"" + errorText + "\"}}");
    }

    /** A request's parameters, from its query and (POST) its form body, by name case-insensitively. */
    public static Map<String, String> parameters(Request request) {
        Map<String, String> parameters = queryParameters(request.getUrl());
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            parameters.putAll(formParameters(request.getBodyAsString()));
        }
        return parameters;
    }

    private void stub(String command, String answer) {
        server.stubFor(any(urlPathEqualTo("/client/api")).atPriority(10)
                .andMatching(request(command, Map.of(), false))
                .willReturn(error(command, 401, 9999, BAD_CREDENTIALS)));
        server.stubFor(signed(command, Map.of()).atPriority(5).willReturn(okJson(answer)));
    }

    private void stubVirtualMachines() {
        stub("listVirtualMachines", "{\"listvirtualmachinesresponse\": {}}");
        existingVirtualMachine(VM_ID, VM_NAME, "Running", VM_ADDRESS);
        stub("deployVirtualMachine", "{\"deployvirtualmachineresponse\": {\"id\": \"" + VM_ID
                + "\", \"jobid\": \"" + DEPLOY_JOB_ID + "\"}}");

        server.stubFor(any(urlPathEqualTo("/client/api")).atPriority(10)
                .andMatching(request("destroyVirtualMachine", Map.of(), false))
                .willReturn(error("destroyVirtualMachine", 401, 9999, BAD_CREDENTIALS)));
        server.stubFor(signed("destroyVirtualMachine", Map.of()).atPriority(5)
                .willReturn(error("destroyVirtualMachine", 431, 4350, VM_NOT_FOUND)));
        server.stubFor(signed("destroyVirtualMachine", Map.of("id", VM_ID)).atPriority(1)
                .willReturn(okJson("{\"destroyvirtualmachineresponse\": {\"jobid\": \"" + DESTROY_JOB_ID + "\"}}")));

        server.stubFor(any(urlPathEqualTo("/client/api")).atPriority(10)
                .andMatching(request("queryAsyncJobResult", Map.of(), false))
                .willReturn(error("queryAsyncJobResult", 401, 9999, BAD_CREDENTIALS)));
        String slow = "slow deployment";
        server.stubFor(signed("queryAsyncJobResult", Map.of("jobid", DEPLOY_JOB_ID)).atPriority(1)
                .inScenario(slow).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("pending once")
                .willReturn(okJson(job(DEPLOY_JOB_ID, "DeployVMCmd", 0, 0, null))));
        server.stubFor(signed("queryAsyncJobResult", Map.of("jobid", DEPLOY_JOB_ID)).atPriority(1)
                .inScenario(slow).whenScenarioStateIs("pending once").willSetStateTo("done")
                .willReturn(okJson(job(DEPLOY_JOB_ID, "DeployVMCmd", 0, 0, null))));
        server.stubFor(signed("queryAsyncJobResult", Map.of("jobid", DEPLOY_JOB_ID)).atPriority(1)
                .inScenario(slow).whenScenarioStateIs("done")
                .willReturn(okJson(job(DEPLOY_JOB_ID, "DeployVMCmd", 1, 0,
                        "{\"virtualmachine\": " + virtualMachineJson(VM_ID, VM_NAME, "Running", VM_ADDRESS) + "}"))));
        server.stubFor(signed("queryAsyncJobResult", Map.of("jobid", DESTROY_JOB_ID)).atPriority(1)
                .willReturn(okJson(job(DESTROY_JOB_ID, "DestroyVMCmd", 1, 0,
                        "{\"virtualmachine\": " + virtualMachineJson(VM_ID, VM_NAME, "Destroyed", null) + "}"))));
        server.stubFor(signed("queryAsyncJobResult", Map.of("jobid", FAILED_JOB_ID)).atPriority(1)
                .willReturn(okJson(job(FAILED_JOB_ID, "DeployVMCmd", 2, 530,
                        "{\"errorcode\": 530, \"errortext\": \"" + FAILED_JOB_ERROR + "\"}"))));
    }

    /** queryAsyncJobResult's answer, after the API reference's response tags. */
    private static String job(String jobId, String command, int status, int resultCode, String result) {
        return "{\"queryasyncjobresultresponse\": {\"accountid\": \"a1b2c3d4-0000-4000-8000-000000000001\","
                + " \"userid\": \"a1b2c3d4-0000-4000-8000-000000000002\","
                + " \"cmd\": \"org.apache.cloudstack.api.command.user.vm." + command + "\","
                + " \"jobstatus\": " + status + ", \"jobprocstatus\": 0, \"jobresultcode\": " + resultCode + ","
                + (result == null ? "" : " \"jobresulttype\": \"object\", \"jobresult\": " + result + ",")
                + " \"jobinstancetype\": \"VirtualMachine\", \"jobinstanceid\": \"" + VM_ID + "\","
                + " \"created\": \"2024-05-02T09:14:07+0000\", \"jobid\": \"" + jobId + "\"}}";
    }

    /** One virtualmachine of listVirtualMachines, after the API reference's response tags. */
    public static String virtualMachineJson(String id, String name, String state, String address) {
        String nic = address == null ? "" : "{\"id\": \"c0d1e2f3-a4b5-4c6d-8e7f-9a0b1c2d3e4f\","
                + " \"networkid\": \"e4f5a6b7-c8d9-4e0f-9a1b-2c3d4e5f6a7b\", \"networkname\": \"guest-net\","
                + " \"netmask\": \"255.255.255.0\", \"gateway\": \"10.1.1.1\", \"ipaddress\": \"" + address + "\","
                + " \"traffictype\": \"Guest\", \"type\": \"Isolated\", \"isdefault\": true,"
                + " \"macaddress\": \"02:00:4c:5e:00:01\"}";
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"displayname\": \"" + name + "\","
                + " \"account\": \"opsledger\", \"domain\": \"ROOT\", \"created\": \"2024-05-02T09:14:07+0000\","
                + " \"state\": \"" + state + "\", \"haenable\": false,"
                + " \"zoneid\": \"1c8b2b1e-8b1d-4c0a-9d3e-2f1a4b5c6d7e\", \"zonename\": \"zone-ams\","
                + " \"templateid\": \"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d\", \"templatename\": \"Debian 12\","
                + " \"serviceofferingid\": \"7b9d1f3a-5c7e-4a2b-8d0f-2e4c6a8b0d1f\","
                + " \"serviceofferingname\": \"Medium Instance\", \"cpunumber\": 2, \"cpuspeed\": 1000,"
                + " \"memory\": 4096, \"hypervisor\": \"KVM\", \"rootdeviceid\": 0,"
                + " \"rootdevicetype\": \"ROOT\", \"securitygroup\": [], \"nic\": [" + nic + "], \"tags\": []}";
    }

    /** Matches a request for that command with those parameters, and (if asked) signed by the user. */
    private static ValueMatcher<Request> request(String command, Map<String, String> where, boolean signed) {
        return request -> {
            Map<String, String> parameters = parameters(request);
            boolean matches = command.equals(parameters.get("command"))
                    && where.entrySet().stream().allMatch(p -> p.getValue().equals(parameters.get(p.getKey())));
            return matches && signed ? signedByTheUser(request) : MatchResult.of(matches);
        };
    }

    /** CloudStack's own check (ApiServer.verifyRequest), redone from the documented algorithm. */
    private static MatchResult signedByTheUser(Request request) {
        Map<String, String> parameters = parameters(request);
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
        int query = url.indexOf('?');
        return query < 0 ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : formParameters(url.substring(query + 1));
    }

    /** {@code a=1&b=2} by name, sorted case-insensitively, values decoded. */
    private static Map<String, String> formParameters(String form) {
        Map<String, String> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (form == null || form.isEmpty()) {
            return parameters;
        }
        for (String pair : form.split("&")) {
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
