package io.opsledger.inventory;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsCredentials;
import io.opsledger.gateway.aws.AwsTarget;
import io.opsledger.inventory.api.AwsAccountDetails;

import java.util.List;

/**
 * How an inventory account is reached: its own credentials, or, for a MEMBER with a management
 * account, the management account's credentials and STS AssumeRole into
 * {@code arn:aws:iam::<account_id>:role/<organization_role_name>}. The secret is decrypted here, for
 * the gateway call only.
 */
public final class AccountTargets {
    private AccountTargets() {}

    /** STS and the global services when an account names no discovery region. */
    public static final String DEFAULT_REGION = "us-east-1";
    static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";

    /** The account cannot be reached as configured; the message says why and holds no secret. */
    public static final class UnreachableAccount extends RuntimeException {
        public UnreachableAccount(String message) { super(message); }
    }

    /**
     * @param account    the account to reach
     * @param management its management account's details, or null
     * @throws UnreachableAccount when the credentials needed are missing or cannot be decrypted
     */
    public static AwsTarget target(AwsAccountDetails account, AwsAccountDetails management, SecretCipher cipher) {
        List<String> regions = account.discoveryRegions();
        String region = regions == null || regions.isEmpty() ? DEFAULT_REGION : regions.get(0);
        if ("MEMBER".equals(account.accountType()) && management != null) {
            AwsCredentials credentials = credentials(management, cipher,
                    "The management account has no AWS credentials configured.");
            String role = account.organizationRoleName() == null || account.organizationRoleName().isBlank()
                    ? DEFAULT_ROLE : account.organizationRoleName();
            return AwsTarget.assumingRole(credentials, region, AwsTarget.memberRoleArn(account.awsAccountId(), role));
        }
        return AwsTarget.direct(credentials(account, cipher, "No AWS credentials configured for this account."), region);
    }

    private static AwsCredentials credentials(AwsAccountDetails d, SecretCipher cipher, String missing) {
        if (d.accessKeyId() == null || d.accessKeyId().isBlank() || d.secretAccessKey() == null) {
            throw new UnreachableAccount(missing);
        }
        String secret;
        try {
            secret = cipher.decrypt(d.secretAccessKey());
        } catch (RuntimeException e) {
            throw new UnreachableAccount("The stored AWS secret access key cannot be decrypted; enter it again.");
        }
        if (secret == null || secret.isBlank()) {
            throw new UnreachableAccount(missing);
        }
        return new AwsCredentials(d.accessKeyId().trim(), secret);
    }
}
