package io.opsledger.gateway.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.openstack.OpenStackGateway.Flavor;
import io.opsledger.gateway.openstack.OpenStackGateway.OpenStackLogin;
import io.opsledger.testing.OpenStackMock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenStackGatewayTest {

    private final OpenStackGateway gateway = new Openstack4jGateway(Duration.ofSeconds(5));
    private OpenStackMock cloud;

    @BeforeEach
    void startCloud() {
        cloud = OpenStackMock.start();
    }

    @AfterEach
    void stopCloud() {
        cloud.close();
    }

    private OpenStackLogin login(String password, String region) {
        return new OpenStackLogin(cloud.url(), OpenStackMock.USERNAME, password, OpenStackMock.PROJECT_NAME,
                null, null, region);
    }

    @Test
    void checkAnswersTheScopedProjectsId() {
        assertThat(gateway.check(login(OpenStackMock.PASSWORD, null))).isEqualTo(OpenStackMock.PROJECT_ID);
    }

    @Test
    void explicitDefaultDomainsAndABareAuthUrlWorkToo() {
        String bare = cloud.url().replaceAll("/v3$", "");
        OpenStackLogin login = new OpenStackLogin(bare + "/", OpenStackMock.USERNAME, OpenStackMock.PASSWORD,
                OpenStackMock.PROJECT_NAME, "Default", "Default", null);

        assertThat(gateway.check(login)).isEqualTo(OpenStackMock.PROJECT_ID);
    }

    @Test
    void flavorsComeFromTheCatalogsPublicComputeEndpoint() {
        assertThat(gateway.flavors(login(OpenStackMock.PASSWORD, OpenStackMock.REGION))).containsExactly(
                new Flavor("1", "m1.tiny", 512, 1, 1, true),
                new Flavor("3", "m1.medium", 4096, 2, 40, true),
                new Flavor("7d3c2a5e-db-large", "db.large", 16384, 8, 80, false));
    }

    @Test
    void theRegionPicksThatRegionsComputeEndpoint() {
        assertThat(gateway.flavors(login(OpenStackMock.PASSWORD, OpenStackMock.OTHER_REGION)))
                .containsExactly(new Flavor("r2-small", "r2.small", 2048, 1, 20, true));
    }

    @Test
    void aRegionWithoutComputeIsNamed() {
        assertThatThrownBy(() -> gateway.flavors(login(OpenStackMock.PASSWORD, "RegionNowhere")))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageContaining("RegionNowhere");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> gateway.check(login("not-the-Passw0rd", null)))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("OpenStack Keystone at " + cloud.url() + " refused the credentials (401)")
                .hasMessageNotContaining("not-the-Passw0rd");
        assertThatThrownBy(() -> gateway.flavors(login("not-the-Passw0rd", null)))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageContaining("refused the credentials (401)");
    }

    @Test
    void aSlowKeystoneFailsQuicklyWithTheTimeoutInTheMessage() {
        cloud.server().stubFor(post(urlPathEqualTo("/identity/v3/auth/tokens")).atPriority(0)
                .willReturn(aResponse().withStatus(201).withFixedDelay(4000)));
        OpenStackGateway impatient = new Openstack4jGateway(Duration.ofMillis(500));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.check(login(OpenStackMock.PASSWORD, null)))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("OpenStack Keystone at " + cloud.url() + " did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anUnreachableKeystoneIsNamed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OpenStackLogin login = new OpenStackLogin("http://127.0.0.1:" + closedPort + "/v3", OpenStackMock.USERNAME,
                OpenStackMock.PASSWORD, OpenStackMock.PROJECT_NAME, null, null, null);

        assertThatThrownBy(() -> gateway.check(login))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("OpenStack Keystone at http://127.0.0.1:" + closedPort + "/v3 refused the connection"
                        + " or could not be reached (are the host and port right?)");
    }

    @Test
    void aLoginRecordNeverPrintsItsPassword() {
        assertThat(login(OpenStackMock.PASSWORD, null).toString()).doesNotContain(OpenStackMock.PASSWORD);
    }
}
