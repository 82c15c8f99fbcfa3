package io.opsledger.dbaas;

import io.opsledger.common.SecretCipher;
import io.opsledger.dbaas.ClusterPlatform.PlannedResource;
import io.opsledger.dbaas.ClusterPlatform.Readiness;
import io.opsledger.dbaas.api.ClusterMessages.*;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.kubernetes.Fabric8CloudNativePgGateway;
import io.opsledger.gateway.openshift.OAuthOpenShiftGateway;
import io.opsledger.testing.KubernetesMock;
import io.opsledger.testing.OpenShiftMock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudNativePG clusters on OpenShift: each call logs in through the cluster's OAuth server with
 * the provider's user and password, works with that token on the cluster's API, and logs out.
 */
class CloudNativePgOnOpenShiftTest {

    private static final SecretCipher CIPHER = new SecretCipher(new byte[32]);

    @Test
    void everyStepLogsInWorksWithTheTokenAndLogsOut() {
        try (KubernetesMock k8s = KubernetesMock.startPlain().installCloudNativePg();
             OpenShiftMock openShift = OpenShiftMock.start().servingKubernetesFrom(k8s.url())) {
            Duration timeout = Duration.ofSeconds(5);
            CloudNativePgClusters clusters = new CloudNativePgClusters(new Fabric8CloudNativePgGateway(timeout),
                    new OAuthOpenShiftGateway(timeout), new PlatformLogins(CIPHER), CIPHER,
                    new CloudNativePgClusters.Settings("ghcr.io/cloudnative-pg/postgresql", ""));
            ProviderSettings provider = new ProviderSettings("OpenShift", null, null, null, null, null, null, null, null,
                    null, null, OpenShiftMock.USERNAME, CIPHER.encrypt(OpenShiftMock.PASSWORD), openShift.url());
            ClusterRequested order = new ClusterRequested("dbaas-cluster-2", 2, "u1", "dbaas-project-1", 1,
                    "dbaas-provider-4", Platform.OPENSHIFT, new ClusterSpec("inventory", ClusterType.STANDALONE, "16",
                    null, "inventory", CIPHER.encrypt("pw-inventory"), "gp3-csi", "20Gi", null, null, null, null));

            for (PlannedResource step : clusters.plan(order)) {
                clusters.create(provider, order, step.resource());
            }
            assertThat(k8s.cnpgClusters("bitblast-p1").withName("pg-2-inventory").get()).isNotNull();
            assertThat(k8s.client().secrets().inNamespace("bitblast-p1").withName("pg-2-inventory-credentials").get()).isNotNull();
            openShift.server().verify(3, deleteRequestedFor(urlPathMatching(OpenShiftMock.TOKENS_PATH + ".+")));

            k8s.reportCnpgStatus("bitblast-p1", "pg-2-inventory", 1, 1, "Cluster in healthy state");
            assertThat(clusters.readiness(provider, order, Map.of())).isEqualTo(Readiness.ready(
                    new Connection("pg-2-inventory-rw.bitblast-p1.svc", 5432, "inventory", "inventory")));

            clusters.remove(provider, new ClusterResource("postgresql.cnpg.io/Cluster", "pg-2-inventory", "bitblast-p1"));
            assertThat(k8s.cnpgClusters("bitblast-p1").withName("pg-2-inventory").get()).isNull();
            openShift.server().verify(5, deleteRequestedFor(urlPathMatching(OpenShiftMock.TOKENS_PATH + ".+")));
        }
    }
}
