package io.opsledger.inventory.api;

import io.opsledger.common.EncryptedSecret;

import java.util.List;

/**
 * What an inventory user says about an AWS account. The secret access key is encrypted (null
 * means "none"); {@code managementAccount} is the id of the MANAGEMENT account a MEMBER belongs to.
 */
public record AwsAccountDetails(String awsAccountId, String accountName, String accountType, String environment,
                                String organizationRoleName, String accessKeyId, EncryptedSecret secretAccessKey,
                                String managementAccount, List<String> discoveryRegions, boolean active) {

    public static final List<String> ACCOUNT_TYPES = List.of("MANAGEMENT", "MEMBER");
    public static final List<String> ENVIRONMENTS = List.of("PRODUCTION", "STAGING", "DEVELOPMENT", "SHARED");
}
