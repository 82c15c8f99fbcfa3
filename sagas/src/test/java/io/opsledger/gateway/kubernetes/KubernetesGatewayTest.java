package io.opsledger.gateway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.kubernetes.KubernetesGateway.StorageClassInfo;
import io.opsledger.testing.KubernetesMock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesGatewayTest {

    private final KubernetesGateway gateway = new Fabric8KubernetesGateway(Duration.ofSeconds(5));
    private KubernetesMock cluster;

    @BeforeEach
    void startCluster() {
        cluster = KubernetesMock.start();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void checkAnswersTheVersionTheApiServerReports() {
        assertThat(gateway.check(cluster.kubeconfig())).isEqualTo(KubernetesMock.GIT_VERSION);
    }

    @Test
    void storageClassesAreListedWithTheirFields() {
        StorageClass fast = cluster.client().storage().v1().storageClasses().resource(new StorageClassBuilder()
                .withNewMetadata().withName("fast-ssd").endMetadata()
                .withProvisioner("ebs.csi.aws.com").withReclaimPolicy("Retain")
                .withVolumeBindingMode("WaitForFirstConsumer").withAllowVolumeExpansion(true)
                .build()).create();
        cluster.client().storage().v1().storageClasses().resource(new StorageClassBuilder()
                .withNewMetadata().withName("standard").endMetadata()
                .withProvisioner("kubernetes.io/no-provisioner").withReclaimPolicy("Delete")
                .withVolumeBindingMode("Immediate")
                .build()).create();

        List<StorageClassInfo> classes = gateway.storageClasses(cluster.kubeconfig());

        assertThat(classes).containsExactlyInAnyOrder(
                new StorageClassInfo("fast-ssd", "ebs.csi.aws.com", "Retain", "WaitForFirstConsumer", true,
                        fast.getMetadata().getCreationTimestamp()),
                new StorageClassInfo("standard", "kubernetes.io/no-provisioner", "Delete", "Immediate", null,
                        classes.stream().filter(c -> c.name().equals("standard")).findFirst().orElseThrow()
                                .creationTimestamp()));
        assertThat(fast.getMetadata().getCreationTimestamp()).isNotBlank();
    }

    @Test
    void aClusterWithoutStorageClassesHasNone() {
        assertThat(gateway.storageClasses(cluster.kubeconfig())).isEmpty();
    }

    @Test
    void refusedCredentialsAreNamedWithoutTheToken() {
        cluster.server().expect().get().withPath("/api/v1/namespaces?limit=1")
                .andReturn(401, new StatusBuilder().withCode(401).withReason("Unauthorized").withMessage("Unauthorized")
                        .build()).always();

        assertThatThrownBy(() -> gateway.check(cluster.kubeconfig()))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("Kubernetes API at " + cluster.url() + " refused the kubeconfig's credentials (401)")
                .hasMessageNotContaining(KubernetesMock.TOKEN);
    }

    @Test
    void aForbiddenListSaysWhatWasNotAllowed() {
        cluster.server().expect().get().withPath("/apis/storage.k8s.io/v1/storageclasses")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("storageclasses.storage.k8s.io is forbidden: User \"dev\" cannot list resource")
                        .build()).always();

        assertThatThrownBy(() -> gateway.storageClasses(cluster.kubeconfig()))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageContaining("does not allow the kubeconfig's user to list its storage classes (403)")
                .hasMessageContaining("User \"dev\" cannot list resource");
    }

    @Test
    void aClosedPortFailsQuicklyNamingTheAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String kubeconfig = KubernetesMock.kubeconfigFor("https://127.0.0.1:" + closedPort);
        long start = System.nanoTime();

        assertThatThrownBy(() -> gateway.check(kubeconfig))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageStartingWith("Kubernetes API at https://127.0.0.1:" + closedPort)
                .hasMessageContaining("refused the connection");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheTimeout() throws IOException {
        KubernetesGateway impatient = new Fabric8KubernetesGateway(Duration.ofMillis(700));
        try (SilentServer silent = new SilentServer()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> impatient.check(KubernetesMock.kubeconfigFor(silent.url())))
                    .isInstanceOf(PlatformCallFailed.class)
                    .hasMessage("Kubernetes API at " + silent.url() + " did not answer within 700 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void garbageKubeconfigTextFailsWithoutEchoingIt() {
        for (String garbage : List.of("token: s3cr3t-value", "{{{: [s3cr3t-value", "s3cr3t-value")) {
            assertThatThrownBy(() -> gateway.check(garbage))
                    .isInstanceOf(PlatformCallFailed.class)
                    .hasMessageContaining("not a YAML kubeconfig")
                    .hasMessageNotContaining("s3cr3t")
                    .satisfies(e -> assertThat(e.getCause()).isNull());
        }
        assertThatThrownBy(() -> gateway.check(" "))
                .isInstanceOf(PlatformCallFailed.class).hasMessage("The kubeconfig is empty");
    }

    @Test
    void aKubeconfigWithoutCurrentContextIsRefusedRatherThanGuessed() {
        String noCurrent = cluster.kubeconfig().replace("current-context: mock-admin", "");

        assertThatThrownBy(() -> gateway.check(noCurrent))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("The kubeconfig has no current-context; set it to the context to use");
    }

    @Test
    void credentialPluginsAndLocalFilesAreNotUsedOnThisServer() {
        String exec = cluster.kubeconfig().replace("    token: " + KubernetesMock.TOKEN, """
                    exec:
                      apiVersion: client.authentication.k8s.io/v1
                      command: /bin/touch
                      args: ["/tmp/opsledger-kubeconfig-exec-ran"]
                """.stripTrailing());
        String tokenFile = cluster.kubeconfig().replace("    token: " + KubernetesMock.TOKEN, "    tokenFile: /etc/shadow");

        assertThatThrownBy(() -> gateway.check(exec))
                .isInstanceOf(PlatformCallFailed.class).hasMessageContaining("(exec)");
        assertThat(new java.io.File("/tmp/opsledger-kubeconfig-exec-ran")).doesNotExist();
        assertThatThrownBy(() -> gateway.check(tokenFile))
                .isInstanceOf(PlatformCallFailed.class).hasMessageContaining("refers to files on disk (tokenFile)");
    }

    /** Accepts TCP connections and never says a word: a hung API server or a black-holing proxy. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new ArrayList<>();
        private final Thread acceptor = new Thread(this::acceptForever, "silent-server");

        SilentServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "https://127.0.0.1:" + socket.getLocalPort();
        }

        private void acceptForever() {
            try {
                while (!socket.isClosed()) {
                    Socket s = socket.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
