package io.opsledger.web.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.MotoServer;
import io.opsledger.web.inventory.InventoryClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * test_connection, refresh_costs and the dashboard's cost figures against a real moto_server, in
 * an application context of their own whose AWS endpoint is that moto.
 */
class InventoryAwsTest extends AppTest {

    static final MotoServer MOTO;

    static {
        MOTO = MotoServer.start();
        // moto_server stops with the JVM (MotoServer's shutdown hook); the context is cached until then
    }

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        registry.add("opsledger.aws-endpoint", () -> MOTO.endpoint().toString());
    }

    private InventoryClient root() { return InventoryClient.withToken(http(), superadmin().token()); }

    private InventoryClient as(Role role) { return InventoryClient.withToken(http(), user(role).token()); }

    private static String newAccountId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 1_000_000_000_000L));
    }

    private String account(String accountId, String type, String management, boolean withKeys, boolean active) {
        Map<String, Object> body = new HashMap<>();
        body.put("account_id", accountId);
        body.put("account_name", "acc-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("account_type", type);
        body.put("environment", "PRODUCTION");
        body.put("discovery_regions", List.of("eu-central-1", "us-east-1"));
        body.put("is_active", active);
        body.put("management_account", management);
        if (withKeys) {
            body.put("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE");
            body.put("aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        }
        Response r = root().post("/api/accounts/", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.at("/id").asText();
    }

    /** moto answers for its default account whatever the keys; STS says whose the keys are. */
    @Test
    void testConnectionAsksStsWhoTheAccountsCredentialsAre() {
        String id = account(newAccountId(), "MANAGEMENT", null, true, true);
        Response r = as(Role.ADMIN).post("/api/accounts/" + id + "/test_connection/", null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(2);
        assertThat(r.at("/success").asBoolean()).isTrue();
        assertThat(r.at("/message").asText()).isEqualTo("Connection successful. Account: " + MotoServer.ACCOUNT);
        // without the trailing slash too
        assertThat(root().post("/api/accounts/" + id + "/test_connection", null).at("/success").asBoolean()).isTrue();
    }

    @Test
    void aMemberIsReachedByAssumingTheOrganizationRoleFromItsManagementAccount() {
        String management = account(newAccountId(), "MANAGEMENT", null, true, true);
        String memberId = newAccountId();
        String member = account(memberId, "MEMBER", management, false, true);
        Response r = root().post("/api/accounts/" + member + "/test_connection/", null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.at("/success").asBoolean()).as(r.text()).isTrue();
        assertThat(r.at("/message").asText()).isEqualTo("Connection successful. Account: " + memberId);
    }

    @Test
    void failuresAnswer200WithAReasonAndNoSecret() {
        String noKeys = account(newAccountId(), "MEMBER", null, false, true);
        Response r = root().post("/api/accounts/" + noKeys + "/test_connection/", null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.at("/success").asBoolean()).isFalse();
        assertThat(r.at("/message").asText()).contains("No AWS credentials configured");

        String managementWithoutKeys = account(newAccountId(), "MANAGEMENT", null, false, true);
        String member = account(newAccountId(), "MEMBER", managementWithoutKeys, true, true);
        Response m = root().post("/api/accounts/" + member + "/test_connection/", null);
        assertThat(m.at("/success").asBoolean()).isFalse();
        assertThat(m.at("/message").asText()).contains("management account has no AWS credentials");
        assertThat(m.text()).doesNotContain("EXAMPLEKEY");
    }

    @Test
    void testConnectionIsForAdminsOfKnownAccounts() {
        String id = account(newAccountId(), "MANAGEMENT", null, true, true);
        assertThat(root().post("/api/accounts/" + UUID.randomUUID() + "/test_connection/", null).status()).isEqualTo(404);
        assertThat(root().post("/api/accounts/not-a-uuid/test_connection/", null).status()).isEqualTo(404);
        assertThat(as(Role.READONLY).post("/api/accounts/" + id + "/test_connection/", null).status()).isEqualTo(403);
        assertThat(new InventoryClient(http()).post("/api/accounts/" + id + "/test_connection/", null).status())
                .isEqualTo(403);
    }

    @Test
    void refreshCostsRecordsCostExplorersFiguresOnEveryActiveAccount() throws InterruptedException {
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        YearMonth previous = current.minusMonths(1);
        MOTO.post("/moto-api/static/ce/cost-and-usage-results", """
                {"results": [{"ResultsByTime": [
                  {"TimePeriod": {"Start": "%s", "End": "%s"},
                   "Total": {"UnblendedCost": {"Amount": "1234.5678", "Unit": "USD"}}, "Groups": [], "Estimated": false},
                  {"TimePeriod": {"Start": "%s", "End": "%s"},
                   "Total": {"UnblendedCost": {"Amount": "99.01", "Unit": "USD"}}, "Groups": [], "Estimated": true}
                ], "DimensionValueAttributes": []}]}
                """.formatted(previous.atDay(1), current.atDay(1), current.atDay(1), current.plusMonths(1).atDay(1)));
        String id = account(newAccountId(), "MANAGEMENT", null, true, true);
        String inactive = account(newAccountId(), "MANAGEMENT", null, true, false);
        String broken = account(newAccountId(), "MANAGEMENT", null, false, true); // fails, and stops no one

        assertThat(as(Role.READONLY).post("/api/accounts/refresh_costs/", null).status()).isEqualTo(403);
        assertThat(new InventoryClient(http()).post("/api/accounts/refresh_costs/", null).status()).isEqualTo(403);

        Instant before = Instant.now().minusSeconds(1);
        Response r = as(Role.ADMIN).post("/api/accounts/refresh_costs/", null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"status\":\"Cost refresh task queued.\"}");

        JsonNode account = poll(id);
        assertThat(account.get("estimated_monthly_cost").isTextual()).isTrue();
        assertThat(account.get("estimated_monthly_cost").asText()).isEqualTo("99.01");
        assertThat(account.get("previous_month_cost").asText()).isEqualTo("1234.57");
        assertThat(Instant.parse(account.get("cost_updated_at").asText())).isAfter(before);

        Response skipped = root().get("/api/accounts/" + inactive + "/");
        assertThat(skipped.at("/cost_updated_at").isNull()).as(skipped.text()).isTrue();
        assertThat(skipped.at("/estimated_monthly_cost").asText()).isEqualTo("0.00");
        assertThat(root().get("/api/accounts/" + broken + "/").at("/cost_updated_at").isNull()).isTrue();

        // the dashboard adds up the active accounts' costs
        Response dashboard = as(Role.READONLY).get("/api/dashboard/");
        assertThat(dashboard.status()).as(dashboard.text()).isEqualTo(200);
        BigDecimal monthly = BigDecimal.ZERO;
        BigDecimal before2 = BigDecimal.ZERO;
        boolean seen = false;
        for (JsonNode a : dashboard.at("/accounts")) {
            monthly = monthly.add(new BigDecimal(a.get("estimated_monthly_cost").asText()));
            before2 = before2.add(new BigDecimal(a.get("previous_month_cost").asText()));
            assertThat(a.get("id").asText()).isNotEqualTo(inactive);
            if (a.get("id").asText().equals(id)) {
                seen = true;
                assertThat(a.get("estimated_monthly_cost").asText()).isEqualTo("99.01");
            }
        }
        assertThat(seen).isTrue();
        assertThat(dashboard.at("/total_monthly_cost").asText()).isEqualTo(monthly.setScale(2).toPlainString());
        assertThat(dashboard.at("/total_previous_month_cost").asText()).isEqualTo(before2.setScale(2).toPlainString());
        assertThat(dashboard.at("/total_accounts").asLong()).isEqualTo(dashboard.at("/accounts").size());
    }

    /** The refresh is asynchronous: the account once its costs are recorded. */
    private JsonNode poll(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Response r;
        do {
            r = root().get("/api/accounts/" + id + "/");
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            if (!r.at("/cost_updated_at").isNull()) {
                return r.json();
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("costs not recorded within 30s: " + r.text());
    }
}
