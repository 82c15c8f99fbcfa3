package io.opsledger.gateway.mount;

import java.nio.file.Path;

/**
 * Port to this host's mounts: a remote NFS export or an S3 bucket (through s3fs, any S3
 * endpoint) mounted on a local folder, read-write for the Barman user, and unmounted again. Every
 * method throws {@link io.opsledger.gateway.PlatformCallFailed} with the tool's own reason when it
 * refuses, fails or does not finish in time.
 */
public interface MountGateway {

    /** {@code mount -t nfs host:path mountPoint}, creating the folder if missing. */
    void mountNfs(Path mountPoint, String remoteHost, String remotePath);

    /** Mounts the bucket with s3fs (path-style requests to {@code bucket.url()}); its keys go to a 0600 password file. */
    void mountS3(Path mountPoint, S3Bucket bucket);

    /** Undoes {@link #mountNfs} ({@code umount}) or {@link #mountS3} ({@code fusermount -u}, and the password file goes). */
    void unmount(Path mountPoint, Kind kind);

    /** Whether something is mounted on that folder now (the host's mount table). */
    boolean isMounted(Path mountPoint);

    enum Kind { NFS, S3 }

    /** A bucket and the endpoint and keys to reach it; the keys never show in {@link #toString()}. */
    record S3Bucket(String name, String url, String accessKey, String secretKey) {
        @Override
        public String toString() { return "S3Bucket[" + name + " at " + url + "]"; }
    }
}
