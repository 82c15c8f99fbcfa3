package io.opsledger.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opsledger.gateway.barman.BarmanGateway;
import io.opsledger.gateway.cloudstack.CloudStackGateway;
import io.opsledger.gateway.cloudstack.CloudStackGateway.CloudStackLogin;
import io.opsledger.gateway.kubernetes.KubernetesGateway;
import io.opsledger.gateway.openshift.OpenShiftGateway;
import io.opsledger.gateway.openstack.OpenStackGateway;
import io.opsledger.testing.CloudStackMock;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

class PlatformGatewaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"PT0.3S", "300ms"})
    void everyPortIsServedWithTheConfiguredTimeout(String timeout) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
             CloudStackMock cloud = CloudStackMock.start()) {
            // as in the app: Boot's conversions, the timeout from application.yml / the environment
            context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance());
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("test", Map.of("opsledger.platform-call-timeout", timeout,
                            "opsledger.backup.barman-command", "barman", "opsledger.backup.barman-user", "barman",
                            "opsledger.backup.long-timeout", "PT6H")));
            context.register(PlatformGateways.class);
            context.refresh();
            cloud.server().stubFor(get(urlPathEqualTo("/client/api")).atPriority(0)
                    .willReturn(aResponse().withStatus(200).withFixedDelay(3000)));

            assertThat(context.getBeanNamesForType(KubernetesGateway.class)).hasSize(1);
            assertThat(context.getBeanNamesForType(OpenShiftGateway.class)).hasSize(1);
            assertThat(context.getBeanNamesForType(OpenStackGateway.class)).hasSize(1);
            assertThat(context.getBeanNamesForType(BarmanGateway.class)).hasSize(1);
            assertThat(context.getBeanNamesForType(io.opsledger.gateway.mount.MountGateway.class)).hasSize(1);
            assertThatThrownBy(() -> context.getBean(CloudStackGateway.class).zones(
                    new CloudStackLogin(cloud.url(), CloudStackMock.API_KEY, CloudStackMock.SECRET_KEY)))
                    .isInstanceOf(PlatformCallFailed.class)
                    .hasMessageEndingWith("did not answer within 300 ms");
        }
    }
}
