package io.opsledger.gateway.tfstate;

import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.gateway.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State files in S3 (Terraform's s3 backend), on the AWS SDK v2, with clients from {@link AwsClients}
 * (its state-file timeouts). With an endpoint override ({@code OPSLEDGER_AWS_ENDPOINT}, as for every
 * AWS call here) it talks to that endpoint with path-style addressing. Credentials come from the default chain (environment, profile, instance
 * role), else requests go unsigned (public buckets, emulators). The lock is Terraform's S3 native
 * lock: {@code <key>.tflock} holding the LockInfo JSON, written with {@code If-None-Match: *}.
 */
public class S3StateStorage implements StateStorage, AutoCloseable {

    /** A bucket discovery found holding state files. */
    public record FoundBucket(String bucket, String region, int stateFiles) {}

    public static final String LOCK_SUFFIX = ".tflock";
    private final AwsClients factory;
    private final AwsCredentialsProvider credentials = AwsClients.hostOrAnonymous();
    /** One client per region, kept: lock and state calls come in bursts. */
    private final Map<String, S3Client> clients = new ConcurrentHashMap<>();

    public S3StateStorage(Optional<URI> endpoint) {
        this.factory = new AwsClients(endpoint, AwsClients.Timeouts.STATE_FILES);
    }

    /** Blank or null means AWS itself. */
    public static S3StateStorage forEndpoint(String endpoint) {
        return new S3StateStorage(AwsClients.endpoint(endpoint));
    }

    @Override
    public void close() {
        clients.values().forEach(S3Client::close);
        factory.close();
    }

    S3Client s3(String region) {
        return clients.computeIfAbsent(region == null || region.isBlank() ? "us-east-1" : region,
                r -> factory.s3AnyRegion(credentials, Region.of(r), builder -> builder
                        // checksums only where S3 demands them: with the newer default the SDK sends aws-chunked
                        // bodies, which moto (and some S3-compatible stores) keep raw, corrupting the state file
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)));
    }

    @Override
    public List<StoredState> list(BackendConfig backend) {
        try {
            List<StoredState> out = new ArrayList<>();
            for (S3Object o : s3(backend.region()).listObjectsV2Paginator(b -> b.bucket(backend.bucket())
                    .prefix(backend.keyPrefix() == null || backend.keyPrefix().isEmpty() ? null : backend.keyPrefix())).contents()) {
                if (o.key().endsWith(".tfstate")) {
                    out.add(new StoredState(o.key(), o.size() == null ? 0 : o.size(), o.lastModified()));
                }
            }
            out.sort(Comparator.comparing(StoredState::path));
            return out;
        } catch (SdkException e) {
            throw failure("list s3://" + backend.bucket() + "/" + backend.keyPrefix(), e);
        }
    }

    @Override
    public Optional<StateObject> read(BackendConfig backend, String path) {
        try {
            ResponseBytes<GetObjectResponse> got = s3(backend.region()).getObjectAsBytes(b -> b.bucket(backend.bucket()).key(path));
            return Optional.of(new StateObject(path, got.asByteArray(), got.response().lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            if (status(e) == 404) {
                return Optional.empty();
            }
            throw failure("read s3://" + backend.bucket() + "/" + path, e);
        }
    }

    @Override
    public void write(BackendConfig backend, String path, byte[] bytes) {
        try {
            s3(backend.region()).putObject(b -> b.bucket(backend.bucket()).key(path).contentType("application/json"),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("write s3://" + backend.bucket() + "/" + path, e);
        }
    }

    @Override
    public Optional<LockInfo> writeLock(BackendConfig backend, String path, LockInfo lock) {
        try {
            s3(backend.region()).putObject(b -> b.bucket(backend.bucket()).key(path + LOCK_SUFFIX).ifNoneMatch("*")
                    .contentType("application/json"), RequestBody.fromBytes(LockFiles.write(lock)));
            return Optional.empty();
        } catch (SdkException e) {
            int status = status(e);
            if (status == 412 || status == 409) {
                Optional<LockInfo> holder = readLock(backend, path);
                return holder.isPresent() ? holder : writeLock(backend, path, lock); // released in between
            }
            throw failure("lock s3://" + backend.bucket() + "/" + path, e);
        }
    }

    @Override
    public Optional<LockInfo> readLock(BackendConfig backend, String path) {
        try {
            byte[] bytes = s3(backend.region()).getObjectAsBytes(b -> b.bucket(backend.bucket()).key(path + LOCK_SUFFIX))
                    .asByteArray();
            return Optional.of(LockFiles.read(bytes, lockPath(backend, path)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            if (status(e) == 404) {
                return Optional.empty();
            }
            throw failure("read the lock of s3://" + backend.bucket() + "/" + path, e);
        }
    }

    @Override
    public boolean deleteLock(BackendConfig backend, String path, String lockId) {
        Optional<LockInfo> current = readLock(backend, path);
        if (current.isEmpty()) {
            return true;
        }
        if (lockId != null && !lockId.equals(current.get().id())) {
            return false;
        }
        try {
            s3(backend.region()).deleteObject(b -> b.bucket(backend.bucket()).key(path + LOCK_SUFFIX));
            return true;
        } catch (SdkException e) {
            throw failure("unlock s3://" + backend.bucket() + "/" + path, e);
        }
    }

    /** Terraform's S3 lock path: {@code bucket/key}. */
    @Override
    public String lockPath(BackendConfig backend, String path) {
        return backend.bucket() + "/" + path;
    }

    @Override
    public Check test(BackendConfig backend) {
        long start = System.nanoTime();
        try {
            s3(backend.region()).headBucket(b -> b.bucket(backend.bucket()));
            return new Check(true, "Connection successful", elapsed(start));
        } catch (SdkException e) {
            return new Check(false, "Cannot reach s3://" + backend.bucket() + ": " + describe(e), elapsed(start));
        }
    }

    /**
     * Buckets in {@code regions} (all regions when empty) holding at least one {@code *.tfstate}.
     * Buckets this caller may not read are skipped.
     */
    public List<FoundBucket> discover(List<String> regions, List<String> log) {
        List<FoundBucket> found = new ArrayList<>();
        List<Bucket> buckets;
        try {
            buckets = s3("us-east-1").listBuckets().buckets();
        } catch (SdkException e) {
            throw failure("list S3 buckets", e);
        }
        for (Bucket bucket : buckets) {
            String region = bucketRegion(bucket);
            if (!regions.isEmpty() && !regions.contains(region)) {
                continue;
            }
            try {
                int count = 0;
                for (S3Object o : s3(region).listObjectsV2Paginator(b -> b.bucket(bucket.name())).contents()) {
                    if (o.key().endsWith(".tfstate")) {
                        count++;
                    }
                }
                log.add("s3://" + bucket.name() + " (" + region + "): " + count + " state file(s)");
                if (count > 0) {
                    found.add(new FoundBucket(bucket.name(), region, count));
                }
            } catch (SdkException e) {
                log.add("s3://" + bucket.name() + " skipped: " + describe(e));
            }
        }
        return found;
    }

    private String bucketRegion(Bucket bucket) {
        if (bucket.bucketRegion() != null && !bucket.bucketRegion().isBlank()) {
            return bucket.bucketRegion();
        }
        try {
            String constraint = s3("us-east-1").getBucketLocation(b -> b.bucket(bucket.name())).locationConstraintAsString();
            return constraint == null || constraint.isBlank() ? "us-east-1" : "EU".equals(constraint) ? "eu-west-1" : constraint;
        } catch (SdkException e) {
            return "us-east-1";
        }
    }

    private static long elapsed(long start) { return (System.nanoTime() - start) / 1_000_000; }

    private static int status(SdkException e) {
        return e instanceof AwsServiceException s ? s.statusCode() : -1;
    }

    private static String describe(SdkException e) {
        return AwsClients.describe(e);
    }

    private static StateStorageException failure(String what, SdkException e) {
        return new StateStorageException("Cannot " + what + ": " + describe(e), e);
    }
}
