package io.opsledger.gateway.tfstate;

import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.api.LockInfo;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * State files in a local directory (Terraform's local backend). The lock file is
 * {@code .<name>.lock.info} beside the state, created exclusively; state writes go through a
 * temporary file and an atomic rename. {@code .terraform} folders (working-directory metadata) are skipped.
 */
public class LocalStateStorage implements StateStorage {

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
    public Optional<StateObject> read(BackendConfig backend, String path) {
        Path file = file(backend, path);
        try {
            return Optional.of(new StateObject(path, Files.readAllBytes(file), Files.getLastModifiedTime(file).toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateStorageException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(BackendConfig backend, String path, byte[] bytes) {
        Path file = file(backend, path);
        try {
            Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(temp, bytes);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StateStorageException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LockInfo> writeLock(BackendConfig backend, String path, LockInfo lock) {
        Path lockFile = lockFile(backend, path);
        try {
            Files.write(lockFile, LockFiles.write(lock), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return Optional.empty();
        } catch (FileAlreadyExistsException taken) {
            Optional<LockInfo> holder = readLock(backend, path);
            return holder.isPresent() ? holder : writeLock(backend, path, lock); // released in between
        } catch (IOException e) {
            throw new StateStorageException("Cannot write " + lockFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LockInfo> readLock(BackendConfig backend, String path) {
        Path lockFile = lockFile(backend, path);
        try {
            return Optional.of(LockFiles.read(Files.readAllBytes(lockFile), lockPath(backend, path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateStorageException("Cannot read " + lockFile + ": " + e.getMessage(), e);
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
            Files.deleteIfExists(lockFile(backend, path));
            return true;
        } catch (IOException e) {
            throw new StateStorageException("Cannot delete the lock file of " + path + ": " + e.getMessage(), e);
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
