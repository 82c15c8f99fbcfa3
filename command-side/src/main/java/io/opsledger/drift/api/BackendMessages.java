package io.opsledger.drift.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Commands and events of the Backend aggregate (id: a UUID): a place Terraform keeps state files,
 * an S3 bucket (+ key prefix) or a local directory. Its state files are every {@code *.tfstate} below it.
 */
public final class BackendMessages {
    private BackendMessages() {}

    public static final String S3 = "s3";
    public static final String LOCAL = "local";
    public static final List<String> TYPES = List.of(S3, LOCAL);

    /** Registered by a person. */
    public static final String ACTIVE = "active";
    /** Registered by discovery. */
    public static final String DISCOVERED = "discovered";
    /** The last connection test failed. */
    public static final String UNREACHABLE = "unreachable";

    /**
     * Where a backend's state files are: for {@code s3} bucket, region and key prefix ("" for the
     * whole bucket); for {@code local} the directory path. The other fields are null.
     */
    public record BackendConfig(String bucket, String region, String keyPrefix, String path) {
        public static BackendConfig s3(String bucket, String region, String keyPrefix) {
            return new BackendConfig(bucket, region, keyPrefix == null ? "" : keyPrefix, null);
        }

        public static BackendConfig local(String path) { return new BackendConfig(null, null, null, path); }

        /** What makes two backends the same place: type, bucket and prefix, or the directory. */
        public String location(String type) {
            return S3.equals(type) ? "s3://" + bucket + "/" + keyPrefix : "file://" + path;
        }
    }

    /** @param status {@link #ACTIVE} (registered by a person) or {@link #DISCOVERED} */
    public record RegisterBackend(@TargetAggregateIdentifier String backendId, String name, String type,
                                  BackendConfig config, String status) {}
    /** The result of a connection test. */
    public record RecordBackendCheck(@TargetAggregateIdentifier String backendId, boolean reachable,
                                     long responseTimeMillis, String message) {}

    public record BackendRegistered(String backendId, String name, String type, BackendConfig config, String status,
                                    Instant registeredAt) {}
    public record BackendChecked(String backendId, boolean reachable, long responseTimeMillis, String message,
                                 String status, Instant checkedAt) {}
}
