package io.opsledger.backup;

import io.opsledger.backup.api.MountMessages;
import io.opsledger.backup.api.MountMessages.*;
import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.mount.MountGateway;
import io.opsledger.gateway.mount.MountGateway.Kind;
import io.opsledger.gateway.mount.MountGateway.S3Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * A user's storages mounted where Barman keeps their backups: the user's Barman home of the nfs
 * (or s3) storage is the NFS export (or the S3 bucket), so the backups of servers added with that
 * storage land there. Each mount and unmount is an event, written once the host did it; an unmount
 * stops the WAL receivers writing into it first; at start the read model's mounts are mounted
 * again (before Barman's WAL receivers restart).
 */
public class MountOperations {

    private static final Logger log = LoggerFactory.getLogger(MountOperations.class);

    private final MountGateway mounts;
    private final BarmanOperations barman;
    private final Commands commands;
    private final Queries queries;
    private final SecretCipher cipher;

    public MountOperations(MountGateway mounts, BarmanOperations barman, Commands commands, Queries queries, SecretCipher cipher) {
        this.mounts = mounts;
        this.barman = barman;
        this.commands = commands;
        this.queries = queries;
        this.cipher = cipher;
    }

    /** Mounts {@code remoteHost:remotePath} on the user's nfs Barman home; answers the mount point. */
    public Path mountNfs(Actor actor, String ownerId, String remoteHost, String remotePath) {
        Path mountPoint = vacant(ownerId, MountMessages.NFS);
        mounts.mountNfs(mountPoint, remoteHost, remotePath);
        record(actor, new MountStorage(MountMessages.mountId(ownerId, MountMessages.NFS), ownerId, MountMessages.NFS,
                mountPoint.toString(), MountSource.nfs(remoteHost, remotePath)), Kind.NFS);
        return mountPoint;
    }

    /** Mounts the bucket on the user's s3 Barman home; the keys enter the event encrypted. */
    public Path mountS3(Actor actor, String ownerId, String bucket, String url, String accessKey, String secretKey) {
        Path mountPoint = vacant(ownerId, MountMessages.S3);
        mounts.mountS3(mountPoint, new S3Bucket(bucket, url, accessKey, secretKey));
        record(actor, new MountStorage(MountMessages.mountId(ownerId, MountMessages.S3), ownerId, MountMessages.S3,
                mountPoint.toString(), MountSource.s3(bucket, url, cipher.encrypt(accessKey), cipher.encrypt(secretKey))), Kind.S3);
        return mountPoint;
    }

    /** Unmounts the user's storage; 404 ("Mount point not found.") when it is not mounted. */
    public StorageMountView unmount(Actor actor, String ownerId, String storage) {
        StorageMountView mount = mount(ownerId, storage);
        if (mount == null) {
            throw RuleViolation.notFound("Mount point not found.");
        }
        barman.stopWalReceivers(ownerId, storage);
        mounts.unmount(Path.of(mount.mountPoint()), kind(mount));
        commands.send(new UnmountStorage(mount.id()), actor);
        return mount;
    }

    /** The user's mounted storage, or null. */
    public StorageMountView mount(String ownerId, String storage) {
        return queries.one(new FindStorageMount(MountMessages.mountId(ownerId, storage)), StorageMountView.class);
    }

    /** The user's mounts (every user's when null). */
    public List<StorageMountView> mounts(String ownerId) {
        return queries.list(new ListStorageMounts(ownerId), StorageMountView.class);
    }

    /** An S3 mount's access key, for its owner's eyes (the secret key is never shown). */
    public String accessKey(StorageMountView mount) { return cipher.decrypt(mount.source().accessKey()); }

    /** At start: every mount of the read model that the host lacks is mounted again (a failure is logged, the others go on). */
    public void remountAtStart() {
        List<StorageMountView> all;
        try {
            all = mounts(null);
        } catch (RuntimeException e) {
            log.warn("Storage mounts not mounted again: their read model did not answer: {}", e.getMessage());
            return;
        }
        for (StorageMountView mount : all) {
            Path mountPoint = Path.of(mount.mountPoint());
            try {
                if (mounts.isMounted(mountPoint)) {
                    continue;
                }
                MountSource s = mount.source();
                if (kind(mount) == Kind.S3) {
                    mounts.mountS3(mountPoint, new S3Bucket(s.bucket(), s.url(), cipher.decrypt(s.accessKey()),
                            cipher.decrypt(s.secretKey())));
                } else {
                    mounts.mountNfs(mountPoint, s.remoteHost(), s.remotePath());
                }
                log.info("Mounted {} again on {}", MountMessages.S3.equals(mount.storage()) ? "bucket " + s.bucket()
                        : s.remoteHost() + ":" + s.remotePath(), mountPoint);
            } catch (RuntimeException e) {
                log.warn("Storage mount {} not mounted again: {}", mountPoint, e.getMessage());
            }
        }
    }

    private Path vacant(String ownerId, String storage) {
        if (mount(ownerId, storage) != null) {
            throw RuleViolation.conflict(null, "A storage is mounted on " + barman.site(ownerId, storage).home()
                    + " already; unmount it first.");
        }
        return barman.site(ownerId, storage).home();
    }

    /** The event, or (when it is refused) the mount undone. */
    private void record(Actor actor, MountStorage command, Kind kind) {
        try {
            commands.send(command, actor);
        } catch (RuntimeException e) {
            try {
                mounts.unmount(Path.of(command.mountPoint()), kind);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    private static Kind kind(StorageMountView mount) {
        return MountMessages.S3.equals(mount.storage()) ? Kind.S3 : Kind.NFS;
    }
}
