package io.opsledger.inventory;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.gateway.aws.AwsGatewayException;
import io.opsledger.gateway.aws.AwsTarget;
import io.opsledger.gateway.aws.Costs;
import io.opsledger.gateway.aws.DiscoveredResource;
import io.opsledger.gateway.aws.DiscoveryProgress;
import io.opsledger.inventory.api.AssetMessages.CreateAsset;
import io.opsledger.inventory.api.AssetMessages.DecommissionAsset;
import io.opsledger.inventory.api.AssetMessages.RecordDiscoveredAsset;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.inventory.api.DiscoveryMessages.*;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of a discovery run, with the AWS port and the inventory's answers played by the test. */
class DiscoverySagaTest {

    private static final SecretCipher CIPHER = new SecretCipher(new byte[32]);
    private final ScriptedAws aws = new ScriptedAws();
    private final ScriptedInventory inventory = new ScriptedInventory();
    private SagaTestFixture<DiscoverySaga> fixture;
    private List<Object> sent;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(DiscoverySaga.class);
        // the run happens at once, in the handler's thread, through the fixture's recording command bus
        CommandGateway commands = DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build();
        AwsDiscovery discovery = new AwsDiscovery(commands, aws, inventory, CIPHER);
        fixture.registerResource((BackgroundDiscovery) discovery::run);
    }

    private static AccountToDiscover account(String id, String awsId, String name, String type, String management,
                                             List<String> regions) {
        EncryptedSecret secret = CIPHER.encrypt("secret-" + id);
        return new AccountToDiscover(id, new AwsAccountDetails(awsId, name, type, "PRODUCTION", "OrgRole", "AKIA" + id,
                secret, management, regions, true));
    }

    private static DiscoveredResource ec2(String id, String name, String region) {
        return new DiscoveredResource("EC2", name, "arn:aws:ec2:" + region + ":111111111111:instance/" + id, id, region,
                Map.of("Name", name), List.of("10.0.0.1"), List.of(), Map.of("state", "running"));
    }

    private static MatchableAsset ec2Asset(String id, long number, String account, String arn) {
        return new MatchableAsset(id, number, account, arn, arn.substring(arn.lastIndexOf('/') + 1), "us-east-1",
                "vm-" + id, "EC2", "AWS_SERVICE", "ACTIVE");
    }

    private void runJob(String account) {
        fixture.givenNoPriorActivity()
                .whenAggregate("j1").publishes(new DiscoveryJobCreated("j1", account, "", "admin", Instant.now()))
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(new BaseMatcher<List<? super CommandMessage<?>>>() {
                    @Override
                    public boolean matches(Object item) {
                        sent = new ArrayList<>();
                        for (Object m : (List<?>) item) {
                            sent.add(((CommandMessage<?>) m).getPayload());
                        }
                        return true;
                    }

                    @Override
                    public void describeTo(Description description) { description.appendText("any commands"); }
                });
    }

    private <T> List<T> sentOf(Class<T> type) { return sent.stream().filter(type::isInstance).map(type::cast).toList(); }

    @Test
    void aRunCreatesNewAssetsUpdatesKnownOnesDecommissionsUnseenAndCompletes() {
        inventory.accounts.add(account("a1", "111111111111", "Production", "MANAGEMENT", null, List.of("us-east-1", "eu-west-1")));
        inventory.known.add(ec2Asset("asset-1", 1, "a1", "arn:aws:ec2:us-east-1:111111111111:instance/i-1"));
        inventory.known.add(ec2Asset("asset-gone", 2, "a1", "arn:aws:ec2:us-east-1:111111111111:instance/i-0"));
        aws.byRegion.put("us-east-1", List.of(ec2("i-1", "web", "us-east-1"), ec2("i-2", "api", "us-east-1")));
        aws.byRegion.put("eu-west-1", List.of(ec2("i-3", "db", "eu-west-1")));

        runJob(null);

        assertThat(inventory.askedFor).containsExactly(List.of());
        assertThat(sent.get(0)).isEqualTo(new StartDiscoveryJob("j1", List.of("a1")));
        assertThat(sentOf(RecordDiscoveredAsset.class)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("asset-1");
            assertThat(c.found().name()).isEqualTo("web");
            assertThat(c.found().awsAccount()).isEqualTo("a1");
        });
        assertThat(sentOf(CreateAsset.class)).extracting(c -> c.details().name()).containsExactly("api", "db");
        assertThat(sentOf(CreateAsset.class)).extracting(CreateAsset::assetNumber).containsExactly("ASSET-0001", "ASSET-0002");
        assertThat(sentOf(CreateAsset.class)).allSatisfy(c -> {
            assertThat(c.details().isManuallyAdded()).isFalse();
            assertThat(c.details().assetType()).isEqualTo("AWS_SERVICE");
            assertThat(c.details().discoveredAt()).isNotNull();
        });
        assertThat(sentOf(DecommissionAsset.class)).containsExactly(new DecommissionAsset("asset-gone"));
        assertThat(sentOf(RecordDiscoveryProgress.class)).isNotEmpty()
                .anySatisfy(p -> assertThat(p.currentRegion()).isEqualTo("eu-west-1"));
        CompleteDiscoveryJob done = sentOf(CompleteDiscoveryJob.class).get(0);
        assertThat(done.resourcesDiscovered()).isEqualTo(3);
        assertThat(done.resourcesNew()).isEqualTo(2);
        assertThat(done.resourcesUpdated()).isEqualTo(1);
        assertThat(done.resourcesDecommissioned()).isEqualTo(1);
        assertThat(sent.get(sent.size() - 1)).isInstanceOf(CompleteDiscoveryJob.class);
        // the account's own credentials, decrypted for the gateway; global services in the first region
        assertThat(aws.targets).allSatisfy(t -> {
            assertThat(t.credentials().secretAccessKey()).isEqualTo("secret-a1");
            assertThat(t.region()).isEqualTo("us-east-1");
            assertThat(t.roleToAssume()).isEmpty();
        });
    }

    @Test
    void aFailingRegionIsLoggedAndTheOthersAreKeptButNothingIsDecommissioned() {
        inventory.accounts.add(account("a1", "111111111111", "Production", "MANAGEMENT", null, List.of("us-east-1", "eu-west-1")));
        inventory.known.add(ec2Asset("asset-gone", 2, "a1", "arn:aws:ec2:us-east-1:111111111111:instance/i-0"));
        aws.byRegion.put("us-east-1", List.of(ec2("i-2", "api", "us-east-1")));
        aws.failingRegions.add("eu-west-1");

        runJob("a1");

        assertThat(inventory.askedFor).containsExactly(List.of("a1"));
        assertThat(sentOf(CreateAsset.class)).hasSize(1);
        assertThat(sentOf(DecommissionAsset.class)).isEmpty();
        CompleteDiscoveryJob done = sentOf(CompleteDiscoveryJob.class).get(0);
        assertThat(done.resourcesDiscovered()).isEqualTo(1);
        List<String> log = new ArrayList<>();
        sentOf(RecordDiscoveryProgress.class).forEach(p -> log.addAll(p.logLines()));
        log.addAll(done.logLines());
        assertThat(log).anySatisfy(l -> assertThat(l).contains("eu-west-1").contains("failed"));
    }

    @Test
    void aFailingServiceKeepsItsAssetsButOthersAreDecommissioned() {
        inventory.accounts.add(account("a1", "111111111111", "Production", "MANAGEMENT", null, List.of("us-east-1")));
        inventory.known.add(new MatchableAsset("rds-1", 1, "a1", "arn:aws:rds:us-east-1:111111111111:db:db1", "db1",
                "us-east-1", "db1", "RDS", "AWS_SERVICE", "ACTIVE"));
        inventory.known.add(ec2Asset("ec2-gone", 2, "a1", "arn:aws:ec2:us-east-1:111111111111:instance/i-0"));
        aws.byRegion.put("us-east-1", List.of(ec2("i-2", "api", "us-east-1")));
        aws.failingServices.add("RDS");

        runJob(null);

        assertThat(sentOf(DecommissionAsset.class)).containsExactly(new DecommissionAsset("ec2-gone"));
        assertThat(sentOf(CompleteDiscoveryJob.class)).hasSize(1);
    }

    @Test
    void aLargeRegionReportsProgressWhileItsResourcesAreRecorded() {
        inventory.accounts.add(account("a1", "111111111111", "Production", "MANAGEMENT", null, List.of("us-east-1")));
        List<DiscoveredResource> many = new ArrayList<>();
        for (int i = 0; i < 2 * AwsDiscovery.PROGRESS_EVERY + 10; i++) {
            many.add(ec2("i-" + i, "vm-" + i, "us-east-1"));
        }
        aws.byRegion.put("us-east-1", many);

        runJob(null);

        assertThat(sentOf(RecordDiscoveryProgress.class)).extracting(RecordDiscoveryProgress::resourcesSoFar)
                .contains(AwsDiscovery.PROGRESS_EVERY, 2 * AwsDiscovery.PROGRESS_EVERY, many.size());
        assertThat(sentOf(CreateAsset.class)).hasSize(many.size());
    }

    @Test
    void whenEveryRegionFailsTheJobFails() {
        inventory.accounts.add(account("a1", "111111111111", "Production", "MANAGEMENT", null, List.of("us-east-1", "eu-west-1")));
        inventory.known.add(ec2Asset("asset-1", 1, "a1", "arn:aws:ec2:us-east-1:111111111111:instance/i-1"));
        aws.failingRegions.addAll(List.of("us-east-1", "eu-west-1"));

        runJob(null);

        assertThat(sentOf(CompleteDiscoveryJob.class)).isEmpty();
        assertThat(sentOf(DecommissionAsset.class)).isEmpty();
        FailDiscoveryJob failed = sentOf(FailDiscoveryJob.class).get(0);
        assertThat(failed.errorMessage()).contains("us-east-1").contains("eu-west-1");
    }

    @Test
    void withoutAccountsTheJobFailsAtOnce() {
        runJob(null);
        assertThat(sent).containsExactly(new FailDiscoveryJob("j1", "No AWS accounts to discover.", List.of()));
    }

    @Test
    void aMemberAccountIsReachedThroughItsManagementAccountsRole() {
        inventory.accounts.add(account("m1", "111111111111", "Root", "MANAGEMENT", null, List.of("us-east-1")));
        AccountToDiscover member = account("a2", "222222222222", "Member", "MEMBER", "m1", List.of("eu-central-1"));
        inventory.only = member;
        aws.byRegion.put("eu-central-1", List.of(ec2("i-9", "member-vm", "eu-central-1")));

        runJob("a2");

        assertThat(aws.targets).singleElement().satisfies(t -> {
            assertThat(t.credentials().accessKeyId()).isEqualTo("AKIAm1");
            assertThat(t.credentials().secretAccessKey()).isEqualTo("secret-m1");
            assertThat(t.roleToAssume()).contains("arn:aws:iam::222222222222:role/OrgRole");
            assertThat(t.region()).isEqualTo("eu-central-1");
        });
        assertThat(sentOf(CreateAsset.class)).singleElement().satisfies(c -> assertThat(c.details().awsAccount()).isEqualTo("a2"));
        assertThat(sentOf(CompleteDiscoveryJob.class)).hasSize(1);
    }

    /** AWS as the test scripts it: resources per region, regions and services that fail. */
    static final class ScriptedAws implements AwsGateway {
        final Map<String, List<DiscoveredResource>> byRegion = new HashMap<>();
        final List<String> failingRegions = new ArrayList<>();
        final List<String> failingServices = new ArrayList<>();
        final List<AwsTarget> targets = new CopyOnWriteArrayList<>();

        @Override
        public String callerAccount(AwsTarget target) { return "111111111111"; }

        @Override
        public List<DiscoveredResource> discover(AwsTarget target, String region, Set<String> serviceTypes,
                                                 DiscoveryProgress progress) {
            targets.add(target);
            if (failingRegions.contains(region)) {
                throw new AwsGatewayException("region " + region + " unreachable", null);
            }
            failingServices.forEach(s -> progress.failed(s, region, "AccessDenied"));
            List<DiscoveredResource> found = byRegion.getOrDefault(region, List.of());
            progress.discovered("EC2", region, found.size());
            return found;
        }

        @Override
        public Costs costs(AwsTarget target, YearMonth current) { throw new UnsupportedOperationException(); }
    }

    /** The read models' answers as the test scripts them. */
    static final class ScriptedInventory implements DiscoveryInventory {
        final List<AccountToDiscover> accounts = new ArrayList<>();
        AccountToDiscover only;
        final List<MatchableAsset> known = new ArrayList<>();
        final List<List<String>> askedFor = new CopyOnWriteArrayList<>();
        final AtomicInteger numbers = new AtomicInteger();

        @Override
        public List<AccountToDiscover> accounts(List<String> ids) {
            askedFor.add(ids);
            if (only != null && ids.equals(List.of(only.id()))) {
                return List.of(only);
            }
            return ids.isEmpty() ? accounts : accounts.stream().filter(a -> ids.contains(a.id())).toList();
        }

        @Override
        public List<MatchableAsset> matchableAssets(String awsAccount) { return known; }

        @Override
        public String nextAssetNumber() { return String.format("ASSET-%04d", numbers.incrementAndGet()); }
    }
}
