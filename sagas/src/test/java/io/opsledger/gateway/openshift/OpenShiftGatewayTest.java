package io.opsledger.gateway.openshift;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.testing.OpenShiftMock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenShiftGatewayTest {

    private final OpenShiftGateway gateway = new OAuthOpenShiftGateway(Duration.ofSeconds(5));
    private OpenShiftMock cluster;

    @BeforeEach
    void startCluster() {
        cluster = OpenShiftMock.start();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void checkLogsInAndAnswersTheVersionReadWithTheToken() {
        assertThat(gateway.check(cluster.url(), OpenShiftMock.USERNAME, OpenShiftMock.PASSWORD))
                .isEqualTo(OpenShiftMock.GIT_VERSION);

        cluster.server().verify(getRequestedFor(urlPathEqualTo("/version"))
                .withHeader("Authorization", equalTo("Bearer " + OpenShiftMock.TOKEN)));
    }

    @Test
    void theTokenIsRevokedAfterwardsAsOcLogoutDoes() {
        gateway.check(cluster.url(), OpenShiftMock.USERNAME, OpenShiftMock.PASSWORD);

        // the OAuthAccessToken's name: "sha256~" + unpadded base64url(SHA-256(token without its prefix)),
        // computed with Python's hashlib for this token
        cluster.server().verify(deleteRequestedFor(urlPathEqualTo(OpenShiftMock.TOKENS_PATH
                + "sha256~UbHEJLNjZ4GTETNt02IMnjic8M9wSeDsoiCUntZ_gk8")));
    }

    @Test
    void storageClassNamesAreListedWithTheUsersToken() {
        assertThat(gateway.storageClassNames(cluster.url() + "/", OpenShiftMock.USERNAME, OpenShiftMock.PASSWORD))
                .containsExactly("gp3-csi", "gp2-csi");
    }

    @Test
    void aWrongPasswordFailsTheLoginWithoutRepeatingIt() {
        assertThatThrownBy(() -> gateway.check(cluster.url(), OpenShiftMock.USERNAME, "wrong-Passw0rd"))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("Failed to login to OpenShift: OpenShift OAuth server at " + cluster.url()
                        + "/oauth/authorize refused the username or password (401)")
                .hasMessageNotContaining("wrong-Passw0rd");
        assertThatThrownBy(() -> gateway.storageClassNames(cluster.url(), "someone-else", OpenShiftMock.PASSWORD))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageStartingWith("Failed to login to OpenShift: ");
    }

    @Test
    void aSlowOAuthServerFailsTheLoginQuickly() {
        cluster.server().stubFor(get(urlPathEqualTo(OpenShiftMock.OAUTH_AUTHORIZE_PATH)).atPriority(0)
                .willReturn(aResponse().withStatus(302).withFixedDelay(4000)));
        OpenShiftGateway impatient = new OAuthOpenShiftGateway(Duration.ofMillis(500));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.check(cluster.url(), OpenShiftMock.USERNAME, OpenShiftMock.PASSWORD))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("Failed to login to OpenShift: OpenShift OAuth server at " + cluster.url()
                        + "/oauth/authorize did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aSlowApiAfterTheLoginFailsQuicklyToo() {
        cluster.server().stubFor(get(urlPathEqualTo("/apis/storage.k8s.io/v1/storageclasses")).atPriority(0)
                .willReturn(aResponse().withStatus(200).withFixedDelay(4000)));
        OpenShiftGateway impatient = new OAuthOpenShiftGateway(Duration.ofMillis(500));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.storageClassNames(cluster.url(), OpenShiftMock.USERNAME,
                OpenShiftMock.PASSWORD))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("OpenShift API at " + cluster.url() + " did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aServerWithoutOpenShiftsOAuthIsSaidNotToBeOne() {
        cluster.server().stubFor(get(urlPathEqualTo("/.well-known/oauth-authorization-server")).atPriority(0)
                .willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> gateway.check(cluster.url(), OpenShiftMock.USERNAME, OpenShiftMock.PASSWORD))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("Failed to login to OpenShift: OpenShift API at " + cluster.url()
                        + " answered 404 for its OAuth server's metadata (is it an OpenShift API URL?)");
    }

    @Test
    void aUserWhoMayNotListStorageClassesIsTold() {
        cluster.server().stubFor(get(urlPathEqualTo("/apis/storage.k8s.io/v1/storageclasses")).atPriority(0)
                .willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> gateway.storageClassNames(cluster.url(), OpenShiftMock.USERNAME,
                OpenShiftMock.PASSWORD))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("OpenShift API at " + cluster.url() + " does not allow user developer to list its"
                        + " storage classes (403)");
    }
}
