package io.opsledger.gateway.mount;

import io.opsledger.gateway.PlatformCallFailed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The NFS side of the mount gateway through its runner: this kernel has no NFS client, so
 * {@code mount} is a script that records its arguments (or fails, or hangs, as mount would).
 */
class ProcessMountGatewayTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private ProcessMountGateway gateway(Path mount, Duration timeout) {
        return new ProcessMountGateway(mount.toString(), "umount", "s3fs", "fusermount", "barman", dir.resolve("secrets"), timeout);
    }

    @Test
    void nfsRunsMountWithTheExportAndTheMountPointWhichItMakes() throws IOException {
        Path args = dir.resolve("args");
        Path mountPoint = dir.resolve("barman/u1/nfs/home");
        gateway(script("mount", "printf '%s\\n' \"$@\" > " + args), Duration.ofSeconds(10))
                .mountNfs(mountPoint, "nfs.example.com", "/exports/backups");

        assertThat(Files.readAllLines(args)).containsExactly("-t", "nfs", "nfs.example.com:/exports/backups", mountPoint.toString());
        assertThat(mountPoint).isDirectory();
    }

    @Test
    void mountsRefusalIsAPlatformFailureWithItsOwnWords() throws IOException {
        Path mount = script("mount", "echo 'mount.nfs: Connection refused for nfs.example.com:/exports' >&2; exit 32");
        assertThatThrownBy(() -> gateway(mount, Duration.ofSeconds(10)).mountNfs(dir.resolve("m"), "nfs.example.com", "/exports"))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("mount -t nfs nfs.example.com:/exports failed: mount.nfs: Connection refused for nfs.example.com:/exports");
    }

    @Test
    void aMountThatHangsIsKilledAtTheTimeout() throws IOException {
        Path mount = script("mount", "exec sleep 30");
        long started = System.nanoTime();
        assertThatThrownBy(() -> gateway(mount, Duration.ofMillis(700)).mountNfs(dir.resolve("m"), "h", "/x"))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("mount -t nfs h:/x did not finish within 700 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void whatCouldSlipAnOptionOrAnotherPathInIsRefusedBeforeAnythingRuns() throws IOException {
        Path args = dir.resolve("args");
        ProcessMountGateway gateway = gateway(script("mount", "touch " + args), Duration.ofSeconds(10));
        for (List<String> bad : List.of(List.of("-oremount", "/x"), List.of("h", "relative"), List.of("h", "/a/../etc"),
                List.of("h h", "/x"))) {
            assertThatThrownBy(() -> gateway.mountNfs(dir.resolve("m"), bad.get(0), bad.get(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(args).doesNotExist();
    }

    @Test
    void theS3KeysNeverShowInTheBucketsText() {
        assertThat(new MountGateway.S3Bucket("b", "http://s3", "AKIA-1", "s3cr3t").toString())
                .doesNotContain("AKIA-1").doesNotContain("s3cr3t");
    }
}
