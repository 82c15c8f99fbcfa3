package io.opsledger.gateway.mount;

import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.ProcessRunner;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link MountGateway} running this host's programs: {@code mount -t nfs} and {@code umount} for
 * NFS, Debian's {@code s3fs} and {@code fusermount -u} for S3. Each program is configurable (a
 * test points {@code mount} at a script that records its arguments) and gets {@code timeout}.
 *
 * <p>Barman writes into these mounts as its own user when this process is root, so an S3 mount
 * belongs to that user ({@code allow_other,uid=,gid=,umask=0077}: nobody else may read the
 * backups). s3fs checks the bucket only once it runs in the background, so a mount is trusted
 * only after its folder answered a listing; otherwise s3fs's log says why, and the mount goes.
 * The keys live in a 0600 password file under {@code secretsDirectory} while the bucket is
 * mounted (s3fs reads it again when it remounts) and are removed with the mount.
 */
public final class ProcessMountGateway implements MountGateway {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9\\[][A-Za-z0-9._:\\[\\]-]{0,254}");
    private static final Pattern REMOTE_PATH = Pattern.compile("/[A-Za-z0-9._/@+-]{0,1023}");
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Pattern S3_ERROR = Pattern.compile("<Code>([^<]*)</Code>\\s*<Message>(?:<!\\[CDATA\\[)?([^<\\]]*)");

    private final String mount;
    private final String umount;
    private final String s3fs;
    private final String fusermount;
    private final String storageUser;
    private final Path secretsDirectory;
    private final Duration timeout;

    /**
     * @param storageUser who owns an S3 mount's files when this process is root (Barman's user); ignored otherwise
     * @param secretsDirectory where s3fs's password files and logs live (made 0700)
     */
    public ProcessMountGateway(String mount, String umount, String s3fs, String fusermount, String storageUser,
                               Path secretsDirectory, Duration timeout) {
        this.mount = mount;
        this.umount = umount;
        this.s3fs = s3fs;
        this.fusermount = fusermount;
        this.storageUser = storageUser;
        this.secretsDirectory = secretsDirectory;
        this.timeout = timeout;
    }

    @Override
    public void mountNfs(Path mountPoint, String remoteHost, String remotePath) {
        if (remoteHost == null || !HOST.matcher(remoteHost).matches()) {
            throw new IllegalArgumentException("not an NFS host: " + remoteHost);
        }
        if (remotePath == null || !REMOTE_PATH.matcher(remotePath).matches() || remotePath.contains("..")) {
            throw new IllegalArgumentException("not an NFS export path: " + remotePath);
        }
        Path target = prepared(mountPoint);
        String source = remoteHost + ":" + remotePath;
        ProcessRunner.Outcome outcome = ProcessRunner.run(List.of(mount, "-t", "nfs", source, target.toString()), timeout,
                "mount -t nfs " + source);
        if (!outcome.ok()) {
            throw new PlatformCallFailed("mount -t nfs " + source + " failed: " + reason(outcome));
        }
    }

    @Override
    public void mountS3(Path mountPoint, S3Bucket bucket) {
        if (bucket.name() == null || !BUCKET.matcher(bucket.name()).matches()) {
            throw new IllegalArgumentException("not a bucket name: " + bucket.name());
        }
        URI url = url(bucket.url());
        if (bucket.accessKey() == null || bucket.accessKey().isEmpty() || bucket.accessKey().matches(".*[:\\s].*")
                || bucket.secretKey() == null || bucket.secretKey().isEmpty() || bucket.secretKey().matches("(?s).*[\\r\\n].*")) {
            throw new IllegalArgumentException("the access key may hold no ':' or blank, the secret key no line break");
        }
        Path target = prepared(mountPoint);
        Path passwd = passwordFile(target);
        Path log = logFile(target);
        writeSecret(passwd, bucket.accessKey() + ":" + bucket.secretKey() + "\n");
        try {
            Files.deleteIfExists(log);
            List<String> command = new ArrayList<>(List.of(s3fs, bucket.name(), target.toString(),
                    "-o", "url=" + url, "-o", "use_path_request_style", "-o", "passwd_file=" + passwd,
                    "-o", "logfile=" + log, "-o", "dbglevel=err", "-o", "retries=2",
                    "-o", "connect_timeout=" + Math.max(1, timeout.toSeconds()),
                    "-o", "readwrite_timeout=" + Math.max(1, timeout.toSeconds())));
            command.addAll(List.of("-o", isRoot()
                    ? "allow_other,uid=" + id("-u") + ",gid=" + id("-g") + ",umask=0077" : "umask=0077"));
            String what = "s3fs " + bucket.name();
            ProcessRunner.Outcome outcome = ProcessRunner.run(command, timeout, what);
            if (!outcome.ok()) {
                throw new PlatformCallFailed("s3fs could not mount bucket " + bucket.name() + " from "
                        + CallFailures.where(bucket.url()) + ": " + reason(outcome));
            }
            String failure = probe(target, log);
            if (failure != null) {
                ProcessRunner.run(List.of(fusermount, "-u", "-z", target.toString()), timeout, "fusermount -u -z");
                throw new PlatformCallFailed("s3fs could not mount bucket " + bucket.name() + " from "
                        + CallFailures.where(bucket.url()) + ": " + failure);
            }
        } catch (IOException e) {
            forget(passwd);
            throw new PlatformCallFailed("Could not prepare the mount of bucket " + bucket.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            forget(passwd);
            throw e;
        }
    }

    @Override
    public void unmount(Path mountPoint, Kind kind) {
        Path target = mountPoint.toAbsolutePath().normalize();
        if (isMounted(target)) {
            List<String> command = kind == Kind.S3 ? List.of(fusermount, "-u", target.toString())
                    : List.of(umount, target.toString());
            ProcessRunner.Outcome outcome = ProcessRunner.run(command, timeout, command.get(0));
            if (!outcome.ok()) {
                throw new PlatformCallFailed("Could not unmount " + target + ": " + reason(outcome));
            }
        }
        if (kind == Kind.S3) {
            forget(passwordFile(target));
            forget(logFile(target));
        }
    }

    @Override
    public boolean isMounted(Path mountPoint) {
        String wanted = mountPoint.toAbsolutePath().normalize().toString();
        Path table = Path.of("/proc/self/mountinfo");
        if (!Files.isReadable(table)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(table)) {
            return lines.map(l -> l.split(" ")).filter(f -> f.length > 4).map(f -> unescape(f[4])).anyMatch(wanted::equals);
        } catch (IOException e) {
            throw new PlatformCallFailed("Could not read this host's mount table: " + e.getMessage(), e);
        }
    }

    /** The mount point, made if missing; refused when something is mounted there already. */
    private Path prepared(Path mountPoint) {
        Path target = mountPoint.toAbsolutePath().normalize();
        if (isMounted(target)) {
            throw new PlatformCallFailed("Something is mounted on " + target + " already; unmount it first");
        }
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new PlatformCallFailed("Could not make the mount point " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** Null once the mount answers a listing; otherwise why not (s3fs's log). */
    private String probe(Path target, Path log) {
        CompletableFuture<Void> listing = CompletableFuture.runAsync(() -> {
            try (Stream<Path> entries = Files.list(target)) {
                entries.findAny();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            listing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String text = Files.exists(log) ? Files.readString(log) : "";
            return text.contains("Exiting FUSE event loop") || !isMounted(target) ? logReason(text) : null;
        } catch (TimeoutException e) {
            listing.cancel(true);
            return "the mount did not answer within " + CallFailures.inWords(timeout);
        } catch (ExecutionException e) {
            try {
                return logReason(Files.exists(log) ? Files.readString(log) : "");
            } catch (IOException io) {
                return String.valueOf(e.getCause().getMessage());
            }
        } catch (IOException e) {
            return "its log could not be read: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the mount";
        }
    }

    /** s3fs's critical lines (and S3's error code and message) from its log. */
    private static String logReason(String log) {
        List<String> said = new ArrayList<>();
        log.lines().filter(l -> l.contains("[CRT]") && !l.contains("change debug level"))
                .map(l -> l.replaceFirst("^.*\\[CRT\\]\\s*\\S+:\\s*", "").strip()).forEach(said::add);
        Matcher s3 = S3_ERROR.matcher(log);
        if (s3.find()) {
            said.add("S3 answered " + s3.group(1) + ": " + s3.group(2).strip());
        }
        return said.isEmpty() ? "s3fs stopped (see its log)" : String.join("; ", said);
    }

    private static String reason(ProcessRunner.Outcome outcome) {
        String tail = outcome.tail();
        return tail.isEmpty() ? "exit code " + outcome.exitCode() : tail;
    }

    private static URI url(String text) {
        try {
            URI url = URI.create(text == null ? "" : text.strip());
            if (url.getHost() == null || !List.of("http", "https").contains(url.getScheme()) || url.getRawUserInfo() != null
                    || text.contains(",")) {
                throw new IllegalArgumentException("not an S3 endpoint URL: " + CallFailures.where(text));
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an S3 endpoint URL: " + CallFailures.where(text), e);
        }
    }

    /** The numeric user or group id ({@code -u}, {@code -g}) of the storage user. */
    private String id(String which) {
        ProcessRunner.Outcome outcome = ProcessRunner.run(List.of("id", which, storageUser), timeout, "id");
        String id = outcome.output().strip();
        if (!outcome.ok() || !id.matches("\\d+")) {
            throw new PlatformCallFailed("The user " + storageUser + " who writes the backups is unknown on this host: "
                    + reason(outcome));
        }
        return id;
    }

    private Path passwordFile(Path target) { return secretsDirectory.resolve(fileName(target) + ".passwd"); }

    private Path logFile(Path target) { return secretsDirectory.resolve(fileName(target) + ".s3fs.log"); }

    private static String fileName(Path target) { return target.toString().replaceAll("[^A-Za-z0-9_-]", "_"); }

    private void writeSecret(Path file, String text) {
        try {
            Files.createDirectories(secretsDirectory);
            Files.setPosixFilePermissions(secretsDirectory, PosixFilePermissions.fromString("rwx------"));
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new PlatformCallFailed("Could not write s3fs's password file: " + e.getMessage(), e);
        }
    }

    private static void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing else to do; the folder is 0700
        }
    }

    /** Mount table fields escape blanks and backslashes as octal (\040). */
    private static String unescape(String field) {
        Matcher m = Pattern.compile("\\\\([0-7]{3})").matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        return m.appendTail(out).toString();
    }

    private static boolean isRoot() { return "root".equals(System.getProperty("user.name")); }
}
