package io.opsledger.inventory;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.AccountMessages.*;
import io.opsledger.inventory.api.AwsAccountDetails;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

class AwsAccountTest {

    private static final EncryptedSecret SECRET = new EncryptedSecret("c2VhbGVk");
    private AggregateTestFixture<AwsAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AwsAccount.class);
    }

    private static AwsAccountDetails member(String accountId, String management, List<String> regions) {
        return new AwsAccountDetails(accountId, "Dev", "MEMBER", "DEVELOPMENT", "OrganizationAccountAccessRole",
                "AKIA", SECRET, management, regions, true);
    }

    private static AwsAccountDetails valid() { return member("123456789012", null, List.of("eu-central-1")); }

    private static AwsAccountDetails with(String type, String environment, String management) {
        return new AwsAccountDetails("123456789012", "Prod", type, environment, null, null, null, management,
                List.of("us-east-1"), true);
    }

    private void rejects(AwsAccountDetails details, String field, String message) {
        fixture.givenNoPriorActivity()
                .when(new RegisterAwsAccount("a1", details))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(message);
        try {
            AwsAccount.checked("a1", details);
        } catch (RuleViolation v) {
            org.assertj.core.api.Assertions.assertThat(v.field()).isEqualTo(field);
            org.assertj.core.api.Assertions.assertThat(v.kind()).isEqualTo(RuleViolation.Kind.INVALID);
            return;
        }
        throw new AssertionError("accepted " + details);
    }

    @Test
    void registrationRecordsTheDetailsWithTheSecretEncrypted() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAwsAccount("a1", valid()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AwsAccountRegistered("a1", valid()));
    }

    @Test
    void defaultsAreMemberDevelopmentAndTheOrganizationRole() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAwsAccount("a1", with(null, null, null)))
                .expectEvents(new AwsAccountRegistered("a1", new AwsAccountDetails("123456789012", "Prod", "MEMBER",
                        "DEVELOPMENT", "OrganizationAccountAccessRole", "", null, null, List.of("us-east-1"), true)));
    }

    @Test
    void accountIdIsExactlyTwelveDigits() {
        rejects(member("12345678901", null, List.of("eu-central-1")), "account_id", "Account ID must be exactly 12 digits.");
        rejects(member("1234567890123", null, List.of("eu-central-1")), "account_id", "Account ID must be exactly 12 digits.");
        rejects(member("12345678901a", null, List.of("eu-central-1")), "account_id", "Account ID must be exactly 12 digits.");
        rejects(member(null, null, List.of("eu-central-1")), "account_id", "This field is required.");
    }

    @Test
    void nameIsRequiredAndBounded() {
        rejects(new AwsAccountDetails("123456789012", " ", null, null, null, null, null, null, List.of("us-east-1"), true),
                "account_name", "This field is required.");
        rejects(new AwsAccountDetails("123456789012", "x".repeat(256), null, null, null, null, null, null,
                List.of("us-east-1"), true), "account_name", "Ensure this field has no more than 255 characters.");
    }

    @Test
    void typeAndEnvironmentMustBeKnownChoices() {
        rejects(with("CHILD", "PRODUCTION", null), "account_type", "\"CHILD\" is not a valid choice.");
        rejects(with("MEMBER", "prod", null), "environment", "\"prod\" is not a valid choice.");
    }

    @Test
    void aManagementAccountHasNoManagementAccount() {
        rejects(with("MANAGEMENT", "PRODUCTION", "m1"), "management_account",
                "A management account cannot have a management account.");
        fixture.givenNoPriorActivity()
                .when(new RegisterAwsAccount("a1", with("MANAGEMENT", "PRODUCTION", null)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aMemberMayNameAManagementAccountButNotItself() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAwsAccount("a1", member("123456789012", "m1", List.of("eu-central-1"))))
                .expectEvents(new AwsAccountRegistered("a1", member("123456789012", "m1", List.of("eu-central-1"))));
        rejects(member("123456789012", "a1", List.of("eu-central-1")), "management_account",
                "An account cannot be its own management account.");
    }

    @Test
    void discoveryRegionsAreANonEmptyListOfRegionNames() {
        rejects(member("123456789012", null, List.of()), "discovery_regions", "At least one discovery region is required.");
        rejects(member("123456789012", null, null), "discovery_regions", "At least one discovery region is required.");
        rejects(member("123456789012", null, List.of("eu-central-1", "Europe")), "discovery_regions",
                "\"Europe\" is not a valid AWS region name.");
        rejects(member("123456789012", null, List.of("eu-central")), "discovery_regions",
                "\"eu-central\" is not a valid AWS region name.");
        fixture.givenNoPriorActivity()
                .when(new RegisterAwsAccount("a1", member("123456789012", null, List.of("us-gov-west-1", "ap-southeast-2"))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void updatesAreCheckedLikeRegistrations() {
        AwsAccountDetails renamed = new AwsAccountDetails("123456789012", "Renamed", "MANAGEMENT", "PRODUCTION",
                "Role", "AKIA2", null, null, List.of("eu-west-1"), false);
        fixture.given(new AwsAccountRegistered("a1", valid()))
                .when(new UpdateAwsAccount("a1", renamed))
                .expectEvents(new AwsAccountUpdated("a1", renamed));
        fixture.given(new AwsAccountRegistered("a1", valid()))
                .when(new UpdateAwsAccount("a1", member("1", null, List.of("eu-west-1"))))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void deletedAccountsAreGone() {
        fixture.given(new AwsAccountRegistered("a1", valid()))
                .when(new DeleteAwsAccount("a1"))
                .expectEvents(new AwsAccountDeleted("a1"));
        fixture.given(new AwsAccountRegistered("a1", valid()), new AwsAccountDeleted("a1"))
                .when(new UpdateAwsAccount("a1", valid()))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void costsAreRecordedButNeverNegative() {
        Instant at = Instant.parse("2026-01-15T10:31:00Z");
        fixture.given(new AwsAccountRegistered("a1", valid()))
                .when(new RecordAccountCosts("a1", new BigDecimal("3000.00"), new BigDecimal("2800.00"), at))
                .expectEvents(new AccountCostsRecorded("a1", new BigDecimal("3000.00"), new BigDecimal("2800.00"), at));
        fixture.given(new AwsAccountRegistered("a1", valid()))
                .when(new RecordAccountCosts("a1", new BigDecimal("-1"), BigDecimal.ZERO, at))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aCostRefreshRequestCarriesTheDetailsTheFetchNeeds() {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        AwsAccountDetails management = with("MANAGEMENT", "SHARED", null);
        fixture.given(new AwsAccountRegistered("a1", valid()))
                .when(new RequestCostRefresh("a1", valid(), management, at))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CostRefreshRequested("a1", valid(), management, at));
    }

    @Test
    void aDeletedAccountsCostsAreNotRefreshed() {
        fixture.given(new AwsAccountRegistered("a1", valid()), new AwsAccountDeleted("a1"))
                .when(new RequestCostRefresh("a1", valid(), null, Instant.now()))
                .expectNoEvents()
                .expectException(org.axonframework.eventsourcing.AggregateDeletedException.class);
    }
}
