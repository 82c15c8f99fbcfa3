package io.opsledger.dbaas;

import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.gateway.cloudstack.CloudStackGateway;
import io.opsledger.gateway.cloudstack.CloudStackGateway.CloudStackLogin;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.gateway.kubernetes.CloudNativePgGateway;
import io.opsledger.gateway.kubernetes.KubernetesGateway;
import io.opsledger.gateway.openshift.OpenShiftGateway;
import io.opsledger.gateway.openstack.OpenStackGateway;
import io.opsledger.gateway.openstack.OpenStackGateway.OpenStackLogin;
import io.opsledger.platform.IdSequences;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The dbaas context's work with the platforms: provider checks, catalogue reads and cluster provisioning. */
@Configuration
public class DbaasProcesses {

    @Bean
    public PlatformGateways platformGateways(KubernetesGateway kubernetes, OpenShiftGateway openShift,
                                             OpenStackGateway openStack, CloudStackGateway cloudStack) {
        return new PlatformGateways(kubernetes, openShift, openStack, cloudStack);
    }

    @Bean
    public PlatformLogins platformLogins(SecretCipher cipher) { return new PlatformLogins(cipher); }

    @Bean
    public ProviderConnections providerConnections(PlatformLogins logins, PlatformGateways gateways) {
        return new ProviderConnections(logins, gateways);
    }

    @Bean
    public ProviderRegistration providerRegistration(Commands commands, Queries queries, UniqueClaims claims, IdSequences ids,
                                                     ProviderConnections connections) {
        return new ProviderRegistration(commands, queries, claims, ids, connections, Clock.systemUTC());
    }

    @Bean
    public CloudNativePgClusters cloudNativePgClusters(CloudNativePgGateway cnpg, OpenShiftGateway openShift,
            PlatformLogins logins, SecretCipher cipher,
            @Value("${opsledger.dbaas.postgres-image}") String imageRepository,
            @Value("${opsledger.dbaas.backup-destination}") String backupDestination) {
        return new CloudNativePgClusters(cnpg, openShift, logins, cipher,
                new CloudNativePgClusters.Settings(imageRepository.strip(), backupDestination.strip()));
    }

    /** Where PostgreSQL servers on virtual machines listen and who may reach them. */
    @Bean
    public PostgresNetwork postgresNetwork(@Value("${opsledger.dbaas.vm.allowed-cidr}") String allowedCidr,
            @Value("${opsledger.dbaas.vm.postgres-port}") int port,
            @Value("${opsledger.platform-call-timeout}") Duration probeTimeout) {
        return new PostgresNetwork(allowedCidr.strip(), port, probeTimeout);
    }

    @Bean
    public OpenStackClusters openStackClusters(OpenStackGateway openStack, PlatformLogins logins, SecretCipher cipher,
            PostgresNetwork network, @Value("${opsledger.dbaas.vm.openstack-image}") String imageId) {
        return new OpenStackClusters(openStack, logins, cipher, imageId.strip(), network);
    }

    @Bean
    public CloudStackClusters cloudStackClusters(CloudStackGateway cloudStack, PlatformLogins logins, SecretCipher cipher,
            PostgresNetwork network, @Value("${opsledger.dbaas.vm.cloudstack-template}") String templateId,
            @Value("${opsledger.dbaas.vm.cloudstack-zone}") String zone) {
        return new CloudStackClusters(cloudStack, logins, cipher, templateId.strip(), zone.strip(), network);
    }

    /** The platforms clusters are provisioned on, and how long provisioning may take. */
    @Bean
    public ClusterProvisioner clusterProvisioner(CloudNativePgClusters cloudNativePg, OpenStackClusters openStack,
            CloudStackClusters cloudStack, Queries queries,
            @Value("${opsledger.dbaas.readiness-check-interval}") Duration checkInterval,
            @Value("${opsledger.dbaas.provisioning-timeout}") Duration timeout) {
        return new ClusterProvisioner(Map.of(Platform.KUBERNETES, cloudNativePg, Platform.OPENSHIFT, cloudNativePg,
                Platform.OPENSTACK, openStack, Platform.CLOUDSTACK, cloudStack),
                ClusterProvisioner.providersIn(queries), new ClusterProvisioner.Timing(checkInterval, timeout));
    }

    @Bean
    public ConfigurerModule clusterProvisioningSaga() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSaga(ClusterProvisioningSaga.class));
    }

    @Bean
    public PlatformReads platformReads(PlatformLogins logins, PlatformGateways gateways,
            @Value("${opsledger.dbaas.defaults.cloudstack-url}") String cloudStackUrl,
            @Value("${opsledger.dbaas.defaults.cloudstack-api-key}") String cloudStackApiKey,
            @Value("${opsledger.dbaas.defaults.cloudstack-secret-key}") String cloudStackSecretKey,
            @Value("${opsledger.dbaas.defaults.openstack-auth-url}") String openStackAuthUrl,
            @Value("${opsledger.dbaas.defaults.openstack-project}") String openStackProject,
            @Value("${opsledger.dbaas.defaults.openstack-username}") String openStackUsername,
            @Value("${opsledger.dbaas.defaults.openstack-password}") String openStackPassword,
            @Value("${opsledger.dbaas.defaults.openstack-user-domain}") String openStackUserDomain,
            @Value("${opsledger.dbaas.defaults.openstack-project-domain}") String openStackProjectDomain,
            @Value("${opsledger.dbaas.defaults.kubeconfig-file}") String kubeconfigFile) {
        CloudStackLogin cloudStack = cloudStackUrl.isBlank() ? null
                : new CloudStackLogin(cloudStackUrl.strip(), cloudStackApiKey, cloudStackSecretKey);
        OpenStackLogin openStack = openStackAuthUrl.isBlank() ? null
                : new OpenStackLogin(openStackAuthUrl.strip(), openStackUsername, openStackPassword, openStackProject,
                blankToNull(openStackUserDomain), blankToNull(openStackProjectDomain), null);
        Path kubeconfig = kubeconfigFile.isBlank() ? null : Path.of(kubeconfigFile.split(java.io.File.pathSeparator)[0]);
        return new PlatformReads(logins, gateways, new PlatformReads.Defaults(cloudStack, openStack, kubeconfig));
    }

    private static String blankToNull(String value) { return value.isBlank() ? null : value.strip(); }
}
