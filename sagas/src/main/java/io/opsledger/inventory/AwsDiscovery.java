package io.opsledger.inventory;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsCredentials;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.gateway.aws.AwsTarget;
import io.opsledger.gateway.aws.DiscoveredResource;
import io.opsledger.gateway.aws.DiscoveryProgress;
import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.AssetMessages.CreateAsset;
import io.opsledger.inventory.api.AssetMessages.DecommissionAsset;
import io.opsledger.inventory.api.AssetMessages.RecordDiscoveredAsset;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.inventory.api.DiscoveryMessages.*;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Discovery of a job's accounts (see {@link DiscoverySaga}): for each account and each of its
 * discovery regions, what AWS says is there is recorded as assets (new or seen again), the account's
 * AWS assets no longer found are decommissioned, and the job is completed or failed, with progress
 * reported on the way. Each job's run keeps its own tallies ({@link Run}).
 */
public final class AwsDiscovery {

    static final String DEFAULT_REGION = "us-east-1";
    static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";
    /** How many resources are recorded between two progress reports within a region. */
    static final int PROGRESS_EVERY = 250;
    private static final Logger log = LoggerFactory.getLogger(AwsDiscovery.class);

    private final CommandGateway commands;
    private final AwsGateway aws;
    private final DiscoveryInventory inventory;
    private final SecretCipher cipher;

    public AwsDiscovery(CommandGateway commands, AwsGateway aws, DiscoveryInventory inventory, SecretCipher cipher) {
        this.commands = commands;
        this.aws = aws;
        this.inventory = inventory;
        this.cipher = cipher;
    }

    /** Carries out the job's run, from its start to its completion or failure. */
    public void run(DiscoveryJobCreated job) {
        new Run(job).run();
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One job's run, step by step. */
    private final class Run {

        private final DiscoveryJobCreated job;
        private final List<String> pendingLog = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private final Set<String> seen = new LinkedHashSet<>();
        private int discovered;
        private int created;
        private int updated;
        private int decommissioned;
        private int regionsDone;

        Run(DiscoveryJobCreated job) {
            this.job = job;
        }

        void run() {
            List<AccountToDiscover> accounts = inventory.accounts(job.awsAccount() == null ? List.of() : List.of(job.awsAccount()));
            if (accounts.isEmpty()) {
                commands.sendAndWait(new FailDiscoveryJob(job.jobId(), "No AWS accounts to discover.", List.of()));
                return;
            }
            commands.sendAndWait(new StartDiscoveryJob(job.jobId(), accounts.stream().map(AccountToDiscover::id).toList()));
            try {
                for (AccountToDiscover account : accounts) {
                    discoverAccount(account);
                }
            } catch (RuntimeException e) {
                log.warn("discovery job {} failed", job.jobId(), e);
                line("Discovery failed: " + message(e));
                commands.sendAndWait(new FailDiscoveryJob(job.jobId(), message(e), drain()));
                return;
            }
            if (regionsDone == 0) {
                String error = errors.isEmpty() ? "Nothing could be discovered." : String.join("; ", errors);
                line("Discovery failed: nothing could be discovered.");
                commands.sendAndWait(new FailDiscoveryJob(job.jobId(), error, drain()));
                return;
            }
            line("Discovery finished: " + discovered + " resources, " + created + " new, " + updated + " updated, "
                    + decommissioned + " decommissioned" + (errors.isEmpty() ? "." : ", " + errors.size() + " error(s)."));
            commands.sendAndWait(new CompleteDiscoveryJob(job.jobId(), discovered, created, updated, decommissioned, drain()));
        }

        private void discoverAccount(AccountToDiscover account) {
            AwsAccountDetails d = account.details();
            String label = d.accountName() + " (" + d.awsAccountId() + ")";
            line("Discovering account " + label + "...");
            List<String> regions = d.discoveryRegions() == null || d.discoveryRegions().isEmpty()
                    ? List.of(DEFAULT_REGION) : d.discoveryRegions();
            AwsTarget target;
            try {
                target = target(account, regions.get(0));
            } catch (RuntimeException e) {
                error("Account " + label + ": " + message(e));
                return;
            }
            AssetMatcher matcher = new AssetMatcher(account.id(), inventory.matchableAssets(account.id()));
            Set<String> failedServices = new HashSet<>();
            boolean regionLost = false;
            int regionsOk = 0;
            for (String region : regions) {
                progress(d.accountName(), region, "Region " + region + " of " + label + "...");
                List<DiscoveredResource> resources;
                try {
                    resources = aws.discover(target, region, new LinkedHashSet<>(AwsGateway.SERVICE_TYPES), new DiscoveryProgress() {
                        @Override
                        public void discovered(String serviceType, String r, int count) {
                            if (count > 0) {
                                line("  " + serviceType + " in " + r + ": " + count);
                            }
                        }

                        @Override
                        public void failed(String serviceType, String r, String message) {
                            failedServices.add(serviceType);
                            error(label + " " + serviceType + " in " + r + " failed: " + message);
                        }
                    });
                } catch (RuntimeException e) {
                    regionLost = true;
                    error(label + " region " + region + " failed: " + message(e));
                    continue;
                }
                regionsOk++;
                regionsDone++;
                for (int i = 0; i < resources.size(); i++) {
                    upsert(account.id(), resources.get(i), matcher);
                    if ((i + 1) % PROGRESS_EVERY == 0 && i + 1 < resources.size()) {
                        progress(d.accountName(), region, "  " + (i + 1) + " of " + resources.size() + " resources in " + region + " recorded...");
                    }
                }
                progress(d.accountName(), region, "  " + resources.size() + " resources in " + region + ".");
            }
            if (regionsOk == 0 || regionLost) {
                line("Not decommissioning anything in " + label + ": not every region could be discovered.");
                return;
            }
            for (MatchableAsset asset : matcher.live()) {
                if (!seen.contains(asset.assetId()) && !failedServices.contains(asset.serviceType())) {
                    commands.sendAndWait(new DecommissionAsset(asset.assetId()));
                    decommissioned++;
                }
            }
        }

        /** Its own credentials, or for a MEMBER of a management account: the management account's, assuming the role. */
        private AwsTarget target(AccountToDiscover account, String homeRegion) {
            AwsAccountDetails d = account.details();
            if ("MEMBER".equals(d.accountType()) && d.managementAccount() != null) {
                List<AccountToDiscover> management = inventory.accounts(List.of(d.managementAccount()));
                if (management.isEmpty()) {
                    throw new IllegalStateException("its management account does not exist");
                }
                String role = d.organizationRoleName() == null || d.organizationRoleName().isBlank()
                        ? DEFAULT_ROLE : d.organizationRoleName();
                return AwsTarget.assumingRole(credentials(management.get(0).details()), homeRegion,
                        AwsTarget.memberRoleArn(d.awsAccountId(), role));
            }
            return AwsTarget.direct(credentials(d), homeRegion);
        }

        private AwsCredentials credentials(AwsAccountDetails d) {
            if (d.accessKeyId() == null || d.accessKeyId().isBlank() || d.secretAccessKey() == null) {
                throw new IllegalStateException("no access key for account " + d.accountName());
            }
            return new AwsCredentials(d.accessKeyId(), cipher.decrypt(d.secretAccessKey()));
        }

        private void upsert(String accountId, DiscoveredResource r, AssetMatcher matcher) {
            Instant now = Instant.now();
            AssetDetails found = AssetDetails.discovered(r.name(), r.serviceType(), accountId, r.region(), r.resourceId(),
                    r.arn(), r.metadata(), r.ipAddresses(), r.dnsNames(), new LinkedHashMap<String, Object>(r.tags()), now);
            String id = matcher.match(r, seen);
            if (id != null) {
                commands.sendAndWait(new RecordDiscoveredAsset(id, job.jobId(), found));
                updated++;
            } else {
                id = UUID.randomUUID().toString();
                commands.sendAndWait(new CreateAsset(id, inventory.nextAssetNumber(), found));
                created++;
            }
            seen.add(id);
            discovered++;
        }

        private void progress(String account, String region, String text) {
            line(text);
            commands.sendAndWait(new RecordDiscoveryProgress(job.jobId(), account, region, discovered, drain()));
        }

        private void error(String text) {
            errors.add(text);
            line("ERROR " + text);
        }

        private void line(String text) { pendingLog.add(text); }

        private List<String> drain() {
            List<String> out = List.copyOf(pendingLog);
            pendingLog.clear();
            return out;
        }
    }
}
