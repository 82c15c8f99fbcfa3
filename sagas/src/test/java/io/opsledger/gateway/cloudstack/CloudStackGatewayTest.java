package io.opsledger.gateway.cloudstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.cloudstack.CloudStackGateway.CloudStackLogin;
import io.opsledger.gateway.cloudstack.CloudStackGateway.ComputeOffering;
import io.opsledger.testing.CloudStackMock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudStackGatewayTest {

    private final CloudStackGateway gateway = new SignedCloudStackGateway(Duration.ofSeconds(5));
    private CloudStackMock cloud;
    private CloudStackLogin login;

    @BeforeEach
    void startCloud() {
        cloud = CloudStackMock.start();
        login = new CloudStackLogin(cloud.url(), CloudStackMock.API_KEY, CloudStackMock.SECRET_KEY);
    }

    @AfterEach
    void stopCloud() {
        cloud.close();
    }

    @Test
    void zonesAreListedByName() {
        assertThat(gateway.zones(login)).containsExactly("zone-ams", "zone-fra");
    }

    @Test
    void computeOfferingsCarryCpuAndMemory() {
        assertThat(gateway.computeOfferings(login)).containsExactly(
                new ComputeOffering("Small Instance", 1, 500, 512),
                new ComputeOffering("Medium Instance", 2, 1000, 4096));
    }

    @Test
    void theManagementServersBareAddressReachesItsApi() {
        String bare = cloud.url().replace("/client/api", "");

        assertThat(gateway.zones(new CloudStackLogin(bare, CloudStackMock.API_KEY, CloudStackMock.SECRET_KEY)))
                .containsExactly("zone-ams", "zone-fra");
    }

    @Test
    void anEmptyListIsEmpty() {
        cloud.server().stubFor(get(urlPathEqualTo("/client/api")).atPriority(0)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"listzonesresponse\": {}}")));

        assertThat(gateway.zones(login)).isEmpty();
    }

    @Test
    void theRequestCarriesTheDocumentedSignature() {
        gateway.zones(login);

        LoggedRequest request = cloud.server().findAll(getRequestedFor(urlPathEqualTo("/client/api"))).get(0);
        Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.getQueryParams().forEach((name, values) -> sent.put(name, values.firstValue()));
        String signature = sent.remove("signature");

        assertThat(sent).containsOnlyKeys("command", "response", "apiKey")
                .containsEntry("command", "listZones").containsEntry("response", "json")
                .containsEntry("apiKey", CloudStackMock.API_KEY);
        assertThat(signature).isEqualTo(documentedSignature(sent, CloudStackMock.SECRET_KEY));
        assertThat(request.getUrl()).doesNotContain(CloudStackMock.SECRET_KEY);
    }

    @Test
    void aWrongSecretKeyIsRefusedWithCloudStacksReasonAndNoSecret() {
        CloudStackLogin wrong = new CloudStackLogin(cloud.url(), CloudStackMock.API_KEY, "not-the-secret-key");

        assertThatThrownBy(() -> gateway.zones(wrong))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " refused the API key or its signature (401): "
                        + CloudStackMock.BAD_CREDENTIALS + "; check the API key and secret key")
                .hasMessageNotContaining("not-the-secret-key");
        assertThatThrownBy(() -> gateway.computeOfferings(wrong))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageContaining(CloudStackMock.BAD_CREDENTIALS);
    }

    @Test
    void anotherErrorNamesCloudStacksErrortext() {
        cloud.server().stubFor(get(urlPathEqualTo("/client/api")).atPriority(0)
                .willReturn(aResponse().withStatus(431).withHeader("Content-Type", "application/json")
                        .withBody("{\"listserviceofferingsresponse\": {\"uuidList\": [], \"errorcode\": 431,"
                                + " \"cserrorcode\": 9999, \"errortext\": \"Unable to execute API command"
                                + " listserviceofferings due to invalid value\"}}")));

        assertThatThrownBy(() -> gateway.computeOfferings(login))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " refused listServiceOfferings (431): Unable to execute"
                        + " API command listserviceofferings due to invalid value");
    }

    @Test
    void aSlowAnswerFailsQuicklyWithTheTimeoutInTheMessage() {
        cloud.server().stubFor(get(urlPathEqualTo("/client/api")).atPriority(0)
                .willReturn(aResponse().withStatus(200).withFixedDelay(4000)
                        .withBody(CloudStackMock.ZONES_JSON)));
        CloudStackGateway impatient = new SignedCloudStackGateway(Duration.ofMillis(500));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.zones(login))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void somethingThatIsNotCloudStackIsSaidToBeSo() {
        cloud.server().stubFor(get(urlPathEqualTo("/client/api")).atPriority(0)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Welcome to nginx!</body></html>")));

        assertThatThrownBy(() -> gateway.zones(login))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " answered 200 with something that is not JSON (text/html)");
    }

    @Test
    void aLoginRecordNeverPrintsItsSecretKey() {
        assertThat(login.toString()).doesNotContain(CloudStackMock.SECRET_KEY);
    }

    /** "Signing API Requests", written out step by step, independently of the gateway's code. */
    static String documentedSignature(Map<String, String> parameters, String secretKey) {
        List<String> pairs = parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .map(pair -> pair.toLowerCase(Locale.ROOT))
                .sorted()
                .toList();
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal(pairs.stream().collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
