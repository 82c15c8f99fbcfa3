package io.opsledger.gateway;

import io.opsledger.gateway.barman.ProcessBarmanGateway;
import io.opsledger.gateway.cloudstack.SignedCloudStackGateway;
import io.opsledger.gateway.kubernetes.Fabric8CloudNativePgGateway;
import io.opsledger.gateway.kubernetes.Fabric8KubernetesGateway;
import io.opsledger.gateway.ldap.UnboundIdDirectoryGateway;
import io.opsledger.gateway.mount.ProcessMountGateway;
import io.opsledger.gateway.openshift.OAuthOpenShiftGateway;
import io.opsledger.gateway.openstack.Openstack4jGateway;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform gateways of the running app, each with the same timeout for connecting and for
 * every answer ({@code opsledger.platform-call-timeout}: "PT10S" or "10s").
 *
 * <p>Registered as {@code platformGatewayAdapters}: the dbaas context has a bean named
 * {@code platformGateways} (its own bundle of these ports), and Boot refuses two of one name.
 */
@Configuration("platformGatewayAdapters")
public class PlatformGateways {

    @Bean
    public Fabric8KubernetesGateway kubernetesGateway(@Value("${opsledger.platform-call-timeout}") Duration timeout) {
        return new Fabric8KubernetesGateway(timeout);
    }

    @Bean
    public Fabric8CloudNativePgGateway cloudNativePgGateway(@Value("${opsledger.platform-call-timeout}") Duration timeout) {
        return new Fabric8CloudNativePgGateway(timeout);
    }

    /** Barman on this host: quick commands get the platform timeout, backups and restores {@code opsledger.backup.long-timeout}. */
    @Bean
    public ProcessBarmanGateway barmanGateway(@Value("${opsledger.backup.barman-command}") String command,
                                              @Value("${opsledger.backup.barman-user}") String user,
                                              @Value("${opsledger.platform-call-timeout}") Duration timeout,
                                              @Value("${opsledger.backup.long-timeout}") Duration longTimeout) {
        return new ProcessBarmanGateway(command, user, timeout.compareTo(Duration.ofSeconds(60)) < 0 ? Duration.ofSeconds(60) : timeout,
                longTimeout);
    }

    /**
     * This host's NFS and S3 (s3fs) mounts of the users' Barman homes: every program configurable
     * (a test runs a recording script as {@code mount}), each call within the platform timeout
     * (at least 60 s: s3fs checks its bucket before the mount answers).
     */
    @Bean
    public ProcessMountGateway mountGateway(@Value("${opsledger.backup.mount-command:mount}") String mount,
                                            @Value("${opsledger.backup.umount-command:umount}") String umount,
                                            @Value("${opsledger.backup.s3fs-command:s3fs}") String s3fs,
                                            @Value("${opsledger.backup.fusermount-command:fusermount}") String fusermount,
                                            @Value("${opsledger.backup.barman-user}") String user,
                                            @Value("${opsledger.backup.mount-secrets:${opsledger.data:./data}/mount-secrets}") String secrets,
                                            @Value("${opsledger.platform-call-timeout}") Duration timeout) {
        return new ProcessMountGateway(mount, umount, s3fs, fusermount, user, Path.of(secrets),
                timeout.compareTo(Duration.ofSeconds(60)) < 0 ? Duration.ofSeconds(60) : timeout);
    }

    @Bean
    public OAuthOpenShiftGateway openShiftGateway(@Value("${opsledger.platform-call-timeout}") Duration timeout) {
        return new OAuthOpenShiftGateway(timeout);
    }

    @Bean
    public Openstack4jGateway openStackGateway(@Value("${opsledger.platform-call-timeout}") Duration timeout) {
        return new Openstack4jGateway(timeout);
    }

    @Bean
    public SignedCloudStackGateway cloudStackGateway(@Value("${opsledger.platform-call-timeout}") Duration timeout) {
        return new SignedCloudStackGateway(timeout);
    }

    /** LDAP and Active Directory: each directory's settings carry their own timeouts. */
    @Bean
    public UnboundIdDirectoryGateway directoryGateway() {
        return new UnboundIdDirectoryGateway();
    }
}
