package io.opsledger.inventory;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.SdkAwsGateway;
import io.opsledger.inventory.api.AccountMessages.CostRefreshRequested;
import io.opsledger.inventory.api.AccountMessages.RecordAccountCosts;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.testing.MotoServer;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CostRefresher} against a real moto_server, sending its commands through a real Axon command bus. */
class CostRefresherTest {

    private static final Instant NOW = Instant.parse("2026-10-15T12:00:00Z");
    private static MotoServer moto;
    private static SdkAwsGateway gateway;
    private final SecretCipher cipher = new SecretCipher(new byte[32]);
    private final List<RecordAccountCosts> recorded = new CopyOnWriteArrayList<>();
    private CostRefresher refresher;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        gateway = new SdkAwsGateway(Optional.of(moto.endpoint()));
    }

    @AfterAll
    static void stopMoto() {
        gateway.close();
        moto.close();
    }

    @BeforeEach
    void setUp() {
        moto.reset();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(RecordAccountCosts.class.getName(), message -> {
            recorded.add((RecordAccountCosts) message.getPayload());
            return null;
        });
        refresher = new CostRefresher(gateway, cipher, DefaultCommandGateway.builder().commandBus(bus).build(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private AwsAccountDetails account(String type, String accessKey, String secret, String management) {
        return new AwsAccountDetails(MotoServer.ACCOUNT, "Prod", type, "PRODUCTION", "OrganizationAccountAccessRole",
                accessKey, secret == null ? null : cipher.encrypt(secret), management, List.of("eu-central-1"), true);
    }

    @Test
    void recordsThisMonthsAndLastMonthsCost() {
        moto.post("/moto-api/static/ce/cost-and-usage-results", """
                {"results": [{"ResultsByTime": [
                  {"TimePeriod": {"Start": "2026-09-01", "End": "2026-10-01"},
                   "Total": {"UnblendedCost": {"Amount": "10.5", "Unit": "USD"}}, "Groups": [], "Estimated": false},
                  {"TimePeriod": {"Start": "2026-10-01", "End": "2026-11-01"},
                   "Total": {"UnblendedCost": {"Amount": "3.25", "Unit": "USD"}}, "Groups": [], "Estimated": true}
                ], "DimensionValueAttributes": []}]}
                """);
        refresher.on(new CostRefreshRequested("a1", account("MANAGEMENT", "AKIAEXAMPLE", "secret", null), null,
                NOW.minusSeconds(5)));
        assertThat(recorded).hasSize(1);
        RecordAccountCosts costs = recorded.get(0);
        assertThat(costs.id()).isEqualTo("a1");
        assertThat(costs.estimatedMonthlyCost()).isEqualByComparingTo(new BigDecimal("3.25"));
        assertThat(costs.previousMonthCost()).isEqualByComparingTo(new BigDecimal("10.5"));
        assertThat(costs.at()).isEqualTo(NOW);
    }

    @Test
    void aMemberIsCostedThroughItsManagementAccountsRole() {
        AwsAccountDetails member = new AwsAccountDetails("210987654321", "Dev", "MEMBER", "DEVELOPMENT", "OrgRole", "",
                null, "m1", List.of("us-east-1"), true);
        refresher.on(new CostRefreshRequested("a2", member, account("MANAGEMENT", "AKIAEXAMPLE", "secret", null),
                NOW.minusSeconds(5)));
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).estimatedMonthlyCost()).isZero(); // no cost data for the member: zero
    }

    @Test
    void anAccountWithoutCredentialsIsLoggedAndSkipped() {
        refresher.on(new CostRefreshRequested("a3", account("MEMBER", "", null, null), null, NOW.minusSeconds(5)));
        assertThat(recorded).isEmpty();
    }

    @Test
    void aStaleRequestIsNotFetched() {
        refresher.on(new CostRefreshRequested("a4", account("MANAGEMENT", "AKIAEXAMPLE", "secret", null), null,
                NOW.minus(CostRefresher.STALE).minusSeconds(1)));
        assertThat(recorded).isEmpty();
    }
}
