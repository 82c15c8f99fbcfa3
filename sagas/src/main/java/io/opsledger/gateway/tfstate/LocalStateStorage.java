package io.opsledger.gateway.tfstate;

import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.api.LockInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * State files in a local directory (Terraform's local backend). Locks work as Terraform's do: an
 * exclusive fcntl lock on the state file, held by this process (one channel per file: closing any
 * other descriptor of the file would drop a POSIX lock), plus the LockInfo in
 * {@code .<name>.lock.info} beside it. A lock lives as long as this process; several nodes share a
 * local backend only through a file system with working fcntl locks. State writes are made in
 * place, as Terraform makes them. {@code .terraform} folders are skipped.
 */
public class LocalStateStorage implements StateStorage {

    /** The state files whose Terraform file lock this process holds, with the one channel that holds it. */
    private final Map<Path, FileChannel> held = new ConcurrentHashMap<>();

    @Override
    public List<StoredState> list(BackendConfig backend) {
        Path root = root(backend);
        if (!Files.isDirectory(root)) {
            throw new StateStorageException("Directory " + root + " does not exist.");
        }
        List<StoredState> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = root.relativize(file);
                if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(".tfstate")
                        || inDotTerraform(relative)) {
                    continue;
                }
                out.add(new StoredState(relative.toString(), Files.size(file), Files.getLastModifiedTime(file).toInstant()));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StateStorageException("Cannot list " + root + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(StoredState::path));
        return out;
    }

    @Override
    public synchronized Optional<StateObject> read(BackendConfig backend, String path) {
        Path file = file(backend, path);
        try {
            FileChannel locked = held.get(file);
            if (locked != null) {
                ByteBuffer buffer = ByteBuffer.allocate((int) locked.size());
                while (buffer.hasRemaining() && locked.read(buffer, buffer.position()) >= 0) {
                    // read it all through the channel that holds the lock
                }
                return Optional.of(new StateObject(path, buffer.array(), Files.getLastModifiedTime(file).toInstant()));
            }
            return Optional.of(new StateObject(path, Files.readAllBytes(file), Files.getLastModifiedTime(file).toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateStorageException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * In place, as Terraform writes: through the locked channel while we hold the lock, else
     * through a channel of its own (the lock is then held by another process, e.g. another node of
     * ours). Never by replacing the file: an fcntl lock belongs to the file it was taken on, so a
     * new file in its place would be unlocked for Terraform while the holder still believes it
     * holds the state.
     */
    @Override
    public synchronized void write(BackendConfig backend, String path, byte[] bytes) {
        Path file = file(backend, path);
        try {
            FileChannel locked = held.get(file);
            if (locked != null) {
                overwrite(locked, bytes);
                return;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
                overwrite(channel, bytes);
            }
        } catch (IOException e) {
            throw new StateStorageException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void overwrite(FileChannel channel, byte[] bytes) throws IOException {
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = 0;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(true);
    }

    /**
     * Terraform's local lock: an exclusive fcntl lock on the state file (held by this process until
     * unlocked), then the LockInfo written to {@code .<name>.lock.info}. If another process holds the
     * file lock, its lock info file names the holder.
     */
    @Override
    public synchronized Optional<LockInfo> writeLock(BackendConfig backend, String path, LockInfo lock) {
        Path file = file(backend, path);
        Path lockFile = lockFile(backend, path);
        if (held.containsKey(file)) {
            return Optional.of(holder(backend, path));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock fileLock;
            try {
                fileLock = channel.tryLock();
            } catch (OverlappingFileLockException inThisProcess) {
                fileLock = null;
            }
            if (fileLock == null) {
                channel.close(); // we held no lock on it, so closing releases nothing of ours
                return Optional.of(holder(backend, path));
            }
            Files.write(lockFile, LockFiles.write(lock));
            held.put(file, channel);
            return Optional.empty();
        } catch (NoSuchFileException e) {
            closeQuietly(channel);
            throw new StateStorageException("State file " + path + " does not exist.");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StateStorageException("Cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lock on the state, if any: ours, or another process's (its fcntl lock is held; the lock
     * info file says who). A lock info file nobody's file lock stands behind is stale and ignored,
     * as Terraform ignores it.
     */
    @Override
    public synchronized Optional<LockInfo> readLock(BackendConfig backend, String path) {
        Path file = file(backend, path);
        if (held.containsKey(file)) {
            return lockInfo(backend, path);
        }
        if (!Files.exists(lockFile(backend, path)) || !Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel probe = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock free = probe.tryLock();
            if (free != null) {
                free.release();
                return Optional.empty();
            }
            return Optional.of(holder(backend, path));
        } catch (OverlappingFileLockException inThisProcess) {
            return Optional.of(holder(backend, path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateStorageException("Cannot read the lock of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean deleteLock(BackendConfig backend, String path, String lockId) {
        Path file = file(backend, path);
        Optional<LockInfo> current = lockInfo(backend, path);
        if (lockId != null && current.isPresent() && !lockId.equals(current.get().id())) {
            return false;
        }
        try {
            Files.deleteIfExists(lockFile(backend, path));
        } catch (IOException e) {
            throw new StateStorageException("Cannot delete the lock file of " + path + ": " + e.getMessage(), e);
        }
        FileChannel channel = held.remove(file);
        closeQuietly(channel); // releases our file lock
        return true;
    }

    private Optional<LockInfo> lockInfo(BackendConfig backend, String path) {
        Path lockFile = lockFile(backend, path);
        try {
            return Optional.of(LockFiles.read(Files.readAllBytes(lockFile), lockPath(backend, path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateStorageException("Cannot read " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** Who holds the file lock, as its lock info file says (Terraform may not have written it yet). */
    private LockInfo holder(BackendConfig backend, String path) {
        return lockInfo(backend, path).orElseGet(() -> new LockInfo("", lockPath(backend, path), "", "unknown", "", null,
                "the state file is locked by another process"));
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    @Override
    public String lockPath(BackendConfig backend, String path) {
        return file(backend, path).toString();
    }

    @Override
    public Check test(BackendConfig backend) {
        long start = System.nanoTime();
        Path root = root(backend);
        boolean ok = Files.isDirectory(root) && Files.isReadable(root);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Check(ok, ok ? "Connection successful" : "Directory " + root + " does not exist or is not readable.",
                millis);
    }

    /** Terraform's local backend: {@code .terraform.tfstate.lock.info} beside {@code terraform.tfstate}. */
    Path lockFile(BackendConfig backend, String path) {
        Path file = file(backend, path);
        return file.resolveSibling("." + file.getFileName() + ".lock.info");
    }

    private static Path root(BackendConfig backend) {
        return Path.of(backend.path()).toAbsolutePath().normalize();
    }

    /** The state file's path, which must stay inside the backend's directory. */
    private static Path file(BackendConfig backend, String path) {
        Path root = root(backend);
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new StateStorageException("Path " + path + " is outside the backend's directory.");
        }
        return file;
    }

    private static boolean inDotTerraform(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals(".terraform")) {
                return true;
            }
        }
        return false;
    }
}
