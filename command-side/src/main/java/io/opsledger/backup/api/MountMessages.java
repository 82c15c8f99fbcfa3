package io.opsledger.backup.api;

import io.opsledger.common.EncryptedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Commands, events, queries and views of a user's storage mount: the Barman home of one of their
 * storages (nfs or s3) mounted from an NFS export or an S3 bucket. One per (user, storage). The
 * S3 keys travel and rest encrypted.
 */
public final class MountMessages {
    private MountMessages() {}

    public static final String NFS = "nfs";
    public static final String S3 = "s3";

    /** The mount's aggregate id: its owner and storage. */
    public static String mountId(String ownerId, String storage) {
        return "storage-mount:" + ownerId + ":" + storage;
    }

    /** Where the mount comes from: an NFS export (remoteHost, remotePath) or an S3 bucket (bucket, url, keys). */
    public record MountSource(String remoteHost, String remotePath, String bucket, String url, EncryptedSecret accessKey,
                              EncryptedSecret secretKey) {
        public static MountSource nfs(String remoteHost, String remotePath) {
            return new MountSource(remoteHost, remotePath, null, null, null, null);
        }

        public static MountSource s3(String bucket, String url, EncryptedSecret accessKey, EncryptedSecret secretKey) {
            return new MountSource(null, null, bucket, url, accessKey, secretKey);
        }
    }

    public record MountStorage(@TargetAggregateIdentifier String id, String ownerId, String storage, String mountPoint,
                               MountSource source) {}
    public record UnmountStorage(@TargetAggregateIdentifier String id) {}

    public record StorageMounted(String id, String ownerId, String storage, String mountPoint, MountSource source) {}
    public record StorageUnmounted(String id, String ownerId, String storage, String mountPoint) {}

    /** The mount by its id, or null when that storage is not mounted. */
    public record FindStorageMount(String id) {}
    /** The mounts of an owner (every owner's when null), by storage. */
    public record ListStorageMounts(String ownerId) {}

    public record StorageMountView(String id, String ownerId, String storage, String mountPoint, MountSource source,
                                   Instant mountedAt) {}
}
