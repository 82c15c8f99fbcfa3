package io.opsledger.gateway.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * The AWS account a call goes to.
 *
 * @param credentials  the account's own credentials, or, with {@code roleToAssume}, the
 *                     management account's credentials
 * @param region       the account's home region: used for STS and as the region in which the
 *                     global services (S3, IAM, Route 53) are discovered (see
 *                     {@link AwsGateway#discover})
 * @param roleToAssume for a MEMBER account: the ARN of the role to assume with STS AssumeRole
 *                     from the management credentials, e.g.
 *                     {@code arn:aws:iam::210987654321:role/OrganizationAccountAccessRole}
 */
public record AwsTarget(AwsCredentials credentials, String region, Optional<String> roleToAssume) {

    public AwsTarget {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(roleToAssume, "roleToAssume");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
    }

    /** An account reached with its own credentials. */
    public static AwsTarget direct(AwsCredentials credentials, String region) {
        return new AwsTarget(credentials, region, Optional.empty());
    }

    /** A member account reached by assuming {@code roleArn} with the management account's credentials. */
    public static AwsTarget assumingRole(AwsCredentials managementCredentials, String region, String roleArn) {
        return new AwsTarget(managementCredentials, region, Optional.of(roleArn));
    }

    /** The role ARN AWS Organizations gives a member account: {@code arn:aws:iam::ACCOUNT:role/ROLE}. */
    public static String memberRoleArn(String accountId, String roleName) {
        return "arn:aws:iam::" + accountId + ":role/" + roleName;
    }
}
