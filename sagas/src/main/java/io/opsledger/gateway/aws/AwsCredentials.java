package io.opsledger.gateway.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * Static AWS credentials. {@link #toString()} never shows the secret key or the session token.
 *
 * @param accessKeyId     e.g. {@code AKIA...}
 * @param secretAccessKey the secret key (plain text; only the gateway should ever hold it)
 * @param sessionToken    present for temporary credentials
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("accessKeyId and secretAccessKey must not be blank");
        }
    }

    public AwsCredentials(String accessKeyId, String secretAccessKey) {
        this(accessKeyId, secretAccessKey, Optional.empty());
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
                + (sessionToken.isPresent() ? ", sessionToken=***" : "") + "]";
    }
}
