package io.opsledger.inventory;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.inventory.api.CategoryMessages.CategoryDetails;

import java.time.Instant;
import java.util.List;

/** Questions about the inventory's AWS accounts and asset categories, and the views that answer them. */
public final class InventoryQueries {
    private InventoryQueries() {}

    /** Null fields do not filter; {@code search} matches the account name or the 12-digit id, case-insensitively. */
    public record AccountFilter(String accountType, String environment, Boolean active, String managementAccount,
                                String search) {
        public static AccountFilter none() { return new AccountFilter(null, null, null, null, null); }
    }

    public record FindAccount(String id) {}
    public record ListAccounts(AccountFilter filter, int offset, int limit) {}
    public record AccountPage(long count, List<AccountView> results) {}

    /**
     * An account as the inventory shows it. The secret access key is here only as ciphertext (for the
     * edge to carry over on an update and for gateways to decrypt); no response renders it.
     */
    public record AccountView(String id, String awsAccountId, String accountName, String accountType, String environment,
                              String organizationRoleName, String accessKeyId, boolean hasSecret,
                              EncryptedSecret secretAccessKey, String managementAccount, String managementAccountName,
                              List<String> discoveryRegions, boolean active, Instant lastDiscoveryAt,
                              String estimatedMonthlyCost, String previousMonthCost, Instant costUpdatedAt,
                              Instant createdAt, Instant updatedAt, long assetCount) {

        /** What the account's owner said about it, as the published language carries it. */
        public AwsAccountDetails details() {
            return new AwsAccountDetails(awsAccountId, accountName, accountType, environment, organizationRoleName,
                    accessKeyId, secretAccessKey, managementAccount, discoveryRegions, active);
        }
    }

    public record FindCategory(String id) {}
    /** {@code search} matches the name or the description, case-insensitively; null lists all. */
    public record ListCategories(String search, int offset, int limit) {}
    public record CategoryPage(long count, List<CategoryView> results) {}

    public record CategoryView(String id, String name, String description, String icon, String color, long assetCount,
                               Instant createdAt, Instant updatedAt) {
        public CategoryDetails details() { return new CategoryDetails(name, description, icon, color); }
    }
}
