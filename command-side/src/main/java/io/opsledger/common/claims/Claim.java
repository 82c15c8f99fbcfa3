package io.opsledger.common.claims;

import io.opsledger.common.RuleViolation;

/**
 * A value a command needs for its {@code owner} alone within {@code scope} (an AWS account id among
 * accounts, a username among users), and the answer when someone else already holds it.
 */
public record Claim(String scope, String value, String owner, RuleViolation refusal) {
}
