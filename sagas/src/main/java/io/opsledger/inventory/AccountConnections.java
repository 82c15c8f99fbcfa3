package io.opsledger.inventory;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.gateway.aws.AwsGatewayException;
import io.opsledger.inventory.api.AwsAccountDetails;

/**
 * "Test connection" of an inventory account: STS GetCallerIdentity with the account's credentials
 * (its own, or its management account's assuming the member role; see {@link AccountTargets}).
 * The secret is decrypted here, for the call only.
 */
public class AccountConnections {

    /** What the test found; a refusal by AWS, or credentials that cannot be used, is not a failure of the test. */
    public record Result(boolean success, String message) {}

    private final AwsGateway aws;
    private final SecretCipher cipher;

    public AccountConnections(AwsGateway aws, SecretCipher cipher) {
        this.aws = aws;
        this.cipher = cipher;
    }

    /**
     * @param account    the account to reach
     * @param management its management account's details, or null
     */
    public Result test(AwsAccountDetails account, AwsAccountDetails management) {
        try {
            String caller = aws.callerAccount(AccountTargets.target(account, management, cipher));
            return new Result(true, "Connection successful. Account: " + caller);
        } catch (AccountTargets.UnreachableAccount | AwsGatewayException e) {
            return new Result(false, "Connection failed: " + e.getMessage());
        }
    }
}
