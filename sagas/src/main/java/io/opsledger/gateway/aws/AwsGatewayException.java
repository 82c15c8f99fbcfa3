package io.opsledger.gateway.aws;

/** A call to AWS failed (bad credentials, access denied, AWS unreachable, ...); the message says which call and why. */
public class AwsGatewayException extends RuntimeException {

    public AwsGatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
