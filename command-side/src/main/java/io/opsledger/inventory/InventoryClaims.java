package io.opsledger.inventory;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.Claim;
import io.opsledger.common.claims.ClaimRules;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.inventory.api.AccountMessages.AwsAccountDeleted;
import io.opsledger.inventory.api.AccountMessages.AwsAccountUpdated;
import io.opsledger.inventory.api.AccountMessages.RegisterAwsAccount;
import io.opsledger.inventory.api.AccountMessages.UpdateAwsAccount;
import io.opsledger.inventory.api.CategoryMessages.CategoryDeleted;
import io.opsledger.inventory.api.CategoryMessages.CategoryUpdated;
import io.opsledger.inventory.api.CategoryMessages.CreateCategory;
import io.opsledger.inventory.api.CategoryMessages.UpdateCategory;
import io.opsledger.inventory.api.DiscoveryMessages.DiscoveryJobCompleted;
import io.opsledger.inventory.api.DiscoveryMessages.DiscoveryJobFailed;
import io.opsledger.inventory.api.DiscoveryMessages.TriggerDiscovery;
import io.opsledger.inventory.api.RelationshipMessages;
import io.opsledger.inventory.api.RelationshipMessages.CreateRelationship;
import io.opsledger.inventory.api.RelationshipMessages.RelationshipDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The inventory's unique values: AWS account ids among accounts, category names, (source, target,
 * type) among relationships, and the one discovery job that may be PENDING or RUNNING. Taken when
 * the creating or renaming command is sent; freed when the owner is deleted, renamed or (a job) ends.
 * The scope strings are those existing claims were stored under.
 */
@Component
@ProcessingGroup(ClaimRules.GROUP)
public class InventoryClaims implements ClaimRules {

    public static final String ACCOUNT_SCOPE = "inventory.account";
    public static final String CATEGORY_SCOPE = "inventory.category";
    public static final String RELATIONSHIP_SCOPE = "inventory.relationship";
    /** One value ({@link #DISCOVERY_VALUE}) held by the job that is PENDING or RUNNING. */
    public static final String DISCOVERY_SCOPE = "inventory.discovery";
    public static final String DISCOVERY_VALUE = "active";

    public static final String DUPLICATE_ACCOUNT = "aws account with this account id already exists.";
    public static final String DUPLICATE_CATEGORY = "asset category with this name already exists.";
    public static final String DUPLICATE_RELATIONSHIP =
            "The fields source_asset, target_asset, relationship_type must make a unique set.";
    public static final String DISCOVERY_IN_PROGRESS = "A discovery job is already in progress.";

    private final UniqueClaims claims;

    public InventoryClaims(UniqueClaims claims) {
        this.claims = claims;
    }

    @Override
    public List<Claim> claimsOf(Object command) {
        if (command instanceof RegisterAwsAccount c) {
            return account(c.id(), c.details().awsAccountId());
        }
        if (command instanceof UpdateAwsAccount c) {
            return account(c.id(), c.details().awsAccountId());
        }
        if (command instanceof CreateCategory c) {
            return category(c.id(), c.details().name());
        }
        if (command instanceof UpdateCategory c) {
            return category(c.id(), c.details().name());
        }
        if (command instanceof CreateRelationship c) {
            return List.of(new Claim(RELATIONSHIP_SCOPE,
                    RelationshipMessages.uniqueKey(c.sourceAsset(), c.targetAsset(), c.relationshipType()), c.id(),
                    RuleViolation.conflict("non_field_errors", DUPLICATE_RELATIONSHIP)));
        }
        if (command instanceof TriggerDiscovery c) {
            return List.of(new Claim(DISCOVERY_SCOPE, DISCOVERY_VALUE, c.jobId(),
                    RuleViolation.conflict(null, DISCOVERY_IN_PROGRESS)));
        }
        return List.of();
    }

    /** Whether {@code violation} is the refusal of a relationship that exists already. */
    public static boolean isDuplicateRelationship(RuleViolation violation) {
        return violation.kind() == RuleViolation.Kind.CONFLICT && DUPLICATE_RELATIONSHIP.equals(violation.getMessage());
    }

    /** Whether {@code violation} is the refusal of a discovery while another job is active. */
    public static boolean isDiscoveryInProgress(RuleViolation violation) {
        return violation.kind() == RuleViolation.Kind.CONFLICT && DISCOVERY_IN_PROGRESS.equals(violation.getMessage());
    }

    private static List<Claim> account(String id, String awsAccountId) {
        return awsAccountId == null ? List.of() : List.of(new Claim(ACCOUNT_SCOPE, awsAccountId, id,
                RuleViolation.conflict("account_id", DUPLICATE_ACCOUNT)));
    }

    private static List<Claim> category(String id, String name) {
        return name == null ? List.of() : List.of(new Claim(CATEGORY_SCOPE, name, id,
                RuleViolation.conflict("name", DUPLICATE_CATEGORY)));
    }

    @EventHandler
    void on(AwsAccountUpdated e) { claims.keepOnly(ACCOUNT_SCOPE, e.id(), e.details().awsAccountId()); }

    @EventHandler
    void on(AwsAccountDeleted e) { claims.releaseAll(ACCOUNT_SCOPE, e.id()); }

    @EventHandler
    void on(CategoryUpdated e) { claims.keepOnly(CATEGORY_SCOPE, e.id(), e.details().name()); }

    @EventHandler
    void on(CategoryDeleted e) { claims.releaseAll(CATEGORY_SCOPE, e.id()); }

    @EventHandler
    void on(RelationshipDeleted e) { claims.releaseAll(RELATIONSHIP_SCOPE, e.id()); }

    /** An ended job lets the next trigger start one. */
    @EventHandler
    void on(DiscoveryJobCompleted e) { claims.releaseAll(DISCOVERY_SCOPE, e.jobId()); }

    @EventHandler
    void on(DiscoveryJobFailed e) { claims.releaseAll(DISCOVERY_SCOPE, e.jobId()); }
}
