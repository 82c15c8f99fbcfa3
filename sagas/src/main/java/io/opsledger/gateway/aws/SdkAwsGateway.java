package io.opsledger.gateway.aws;

import java.net.URI;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The real AWS adapter, on the AWS SDK v2: a facade over one class per service family
 * ({@link ResourceDiscovery} with its compute, data, network, messaging and security discoverers,
 * {@link CostExplorerCosts}) and the connection test ({@link #callerAccount}). Every call opens the
 * target's credentials here, builds its clients from {@link AwsClients} (one shared HTTP client, the
 * endpoint override, path-style S3) and closes them before returning. Close the gateway to release
 * the HTTP client.
 */
public class SdkAwsGateway implements AwsGateway, AutoCloseable {

    /** The role session name CloudTrail shows for inventory's calls into a member account. */
    private static final String SESSION_NAME = "opsledger";

    private final AwsClients clients;
    private final ResourceDiscovery discovery;
    private final CostExplorerCosts costs;

    /** Talks to AWS's own endpoints. */
    public SdkAwsGateway() {
        this(Optional.empty());
    }

    /** @param endpoint if present, the endpoint of every AWS service (e.g. {@code http://127.0.0.1:5000}) */
    public SdkAwsGateway(Optional<URI> endpoint) {
        this.clients = new AwsClients(endpoint, AwsClients.Timeouts.ACCOUNT_CALLS);
        this.discovery = new ResourceDiscovery(clients);
        this.costs = new CostExplorerCosts(clients);
    }

    /** From a configuration value such as {@code OPSLEDGER_AWS_ENDPOINT}: blank or null means AWS itself. */
    public static SdkAwsGateway forEndpoint(String endpoint) {
        return new SdkAwsGateway(AwsClients.endpoint(endpoint));
    }

    @Override
    public void close() {
        clients.close();
    }

    /** The connection test: who the credentials (or the assumed role) are, as STS sees them. */
    @Override
    public String callerAccount(AwsTarget target) {
        try (AwsClients.Session session = open(target);
             StsClient sts = clients.build(StsClient.builder(), session.credentials(), Region.of(target.region()))) {
            return sts.getCallerIdentity().account();
        } catch (SdkException e) {
            throw new AwsGatewayException("STS GetCallerIdentity failed: " + AwsClients.describe(e), e);
        }
    }

    @Override
    public List<DiscoveredResource> discover(AwsTarget target, String region, Set<String> serviceTypes,
                                             DiscoveryProgress progress) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(progress, "progress");
        try (AwsClients.Session session = open(target)) {
            return discovery.discover(session.credentials(), region, region.equals(target.region()), serviceTypes,
                    progress);
        }
    }

    @Override
    public Costs costs(AwsTarget target, YearMonth current) {
        Objects.requireNonNull(current, "current");
        try (AwsClients.Session session = open(target)) {
            return costs.monthAndPrevious(session.credentials(), target.region(), current);
        }
    }

    /** The target's credentials, with its role already assumed: a role that cannot be assumed fails the whole call. */
    private AwsClients.Session open(AwsTarget target) {
        AwsClients.Session session = clients.session(target, SESSION_NAME);
        try {
            return session.verify();
        } catch (SdkException e) {
            session.close();
            throw new AwsGatewayException("STS AssumeRole " + target.roleToAssume().orElse("") + " failed: "
                    + AwsClients.describe(e), e);
        }
    }
}
