package io.opsledger.inventory;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.Claim;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.inventory.api.AccountMessages.AwsAccountDeleted;
import io.opsledger.inventory.api.AccountMessages.AwsAccountUpdated;
import io.opsledger.inventory.api.AccountMessages.DeleteAwsAccount;
import io.opsledger.inventory.api.AccountMessages.RegisterAwsAccount;
import io.opsledger.inventory.api.AccountMessages.UpdateAwsAccount;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.inventory.api.CategoryMessages.CategoryDeleted;
import io.opsledger.inventory.api.CategoryMessages.CategoryDetails;
import io.opsledger.inventory.api.CategoryMessages.CategoryUpdated;
import io.opsledger.inventory.api.CategoryMessages.CreateCategory;
import io.opsledger.inventory.api.CategoryMessages.UpdateCategory;
import io.opsledger.inventory.api.DiscoveryMessages.DiscoveryJobCompleted;
import io.opsledger.inventory.api.DiscoveryMessages.DiscoveryJobFailed;
import io.opsledger.inventory.api.DiscoveryMessages.TriggerDiscovery;
import io.opsledger.inventory.api.RelationshipMessages.CreateRelationship;
import io.opsledger.inventory.api.RelationshipMessages.RelationshipDeleted;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventory's unique values: what each command claims (scopes as stored), and what frees them. */
class InventoryClaimsTest {

    /** Records what the releasing handlers ask of the claims table. */
    static final class RecordingClaims extends UniqueClaims {
        final List<String> calls = new ArrayList<>();

        RecordingClaims() { super(null, null); }

        @Override
        public void keepOnly(String scope, String owner, String kept) { calls.add("keepOnly " + scope + " " + owner + " " + kept); }

        @Override
        public void releaseAll(String scope, String owner) { calls.add("releaseAll " + scope + " " + owner); }
    }

    private final RecordingClaims table = new RecordingClaims();
    private final InventoryClaims claims = new InventoryClaims(table);

    private static AwsAccountDetails account(String awsAccountId) {
        return new AwsAccountDetails(awsAccountId, "Prod", "MEMBER", "PRODUCTION", null, "", null, null,
                List.of("eu-central-1"), true);
    }

    @Test
    void accountsClaimTheirAwsAccountIdWhenRegisteredOrUpdated() {
        Claim claim = claims.claimsOf(new RegisterAwsAccount("a-1", account("123456789012"))).get(0);
        assertThat(claim.scope()).isEqualTo("inventory.account");
        assertThat(claim.value()).isEqualTo("123456789012");
        assertThat(claim.owner()).isEqualTo("a-1");
        assertThat(claim.refusal().kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
        assertThat(claim.refusal().field()).isEqualTo("account_id");
        assertThat(claim.refusal().getMessage()).isEqualTo("aws account with this account id already exists.");
        assertThat(claims.claimsOf(new UpdateAwsAccount("a-1", account("210987654321"))))
                .extracting(Claim::value).containsExactly("210987654321");
        assertThat(claims.claimsOf(new DeleteAwsAccount("a-1"))).isEmpty();

        claims.on(new AwsAccountUpdated("a-1", account("210987654321")));
        claims.on(new AwsAccountDeleted("a-1"));
        assertThat(table.calls).containsExactly("keepOnly inventory.account a-1 210987654321",
                "releaseAll inventory.account a-1");
    }

    @Test
    void categoriesClaimTheirName() {
        CategoryDetails compute = new CategoryDetails("Compute", "", null, null);
        Claim claim = claims.claimsOf(new CreateCategory("c-1", compute)).get(0);
        assertThat(claim.scope()).isEqualTo("inventory.category");
        assertThat(claim.value()).isEqualTo("Compute");
        assertThat(claim.refusal().field()).isEqualTo("name");
        assertThat(claim.refusal().getMessage()).isEqualTo("asset category with this name already exists.");
        assertThat(claims.claimsOf(new UpdateCategory("c-1", compute))).extracting(Claim::owner).containsExactly("c-1");

        claims.on(new CategoryUpdated("c-1", compute));
        claims.on(new CategoryDeleted("c-1"));
        assertThat(table.calls).containsExactly("keepOnly inventory.category c-1 Compute", "releaseAll inventory.category c-1");
    }

    @Test
    void aRelationshipClaimsItsSourceTargetAndType() {
        Claim claim = claims.claimsOf(new CreateRelationship("r-1", "s", "t", "DEPENDS_ON", "")).get(0);
        assertThat(claim.scope()).isEqualTo("inventory.relationship");
        assertThat(claim.value()).isEqualTo("s|t|DEPENDS_ON");
        assertThat(claim.refusal().field()).isEqualTo("non_field_errors");
        assertThat(InventoryClaims.isDuplicateRelationship(claim.refusal())).isTrue();

        claims.on(new RelationshipDeleted("r-1", "s", "t", "DEPENDS_ON"));
        assertThat(table.calls).containsExactly("releaseAll inventory.relationship r-1");
    }

    @Test
    void oneDiscoveryJobAtATimeUntilItEnds() {
        Claim claim = claims.claimsOf(new TriggerDiscovery("j-1", null, "", "admin")).get(0);
        assertThat(claim.scope()).isEqualTo("inventory.discovery");
        assertThat(claim.value()).isEqualTo("active");
        assertThat(claim.owner()).isEqualTo("j-1");
        assertThat(InventoryClaims.isDiscoveryInProgress(claim.refusal())).isTrue();
        assertThat(claim.refusal().getMessage()).isEqualTo("A discovery job is already in progress.");

        claims.on(new DiscoveryJobCompleted("j-1", List.of(), 0, 0, 0, 0, List.of(), null, 0));
        claims.on(new DiscoveryJobFailed("j-2", "boom", List.of(), null, 0));
        assertThat(table.calls).containsExactly("releaseAll inventory.discovery j-1", "releaseAll inventory.discovery j-2");
    }

    @Test
    void otherCommandsClaimNothing() {
        assertThat(claims.claimsOf("anything")).isEmpty();
    }
}
