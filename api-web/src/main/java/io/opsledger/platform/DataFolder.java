package io.opsledger.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/** The data folder ($OPSLEDGER_DATA): embedded databases and the keys generated on first start. */
@Component
public class DataFolder {

    private final Path root;

    public DataFolder(@Value("${opsledger.data}") String root) {
        this.root = Path.of(root);
        try {
            Files.createDirectories(this.root.resolve("keys"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + root, e);
        }
    }

    public Path root() { return root; }

    public Path resolve(String name) { return root.resolve(name); }

    /**
     * A key from the environment (base64) if given, else from keys/NAME, generated on first start
     * with owner-only permissions.
     */
    public synchronized byte[] key(String name, String envValue, int bytes) {
        if (envValue != null && !envValue.isBlank()) {
            return Base64.getDecoder().decode(envValue.trim());
        }
        Path file = root.resolve("keys").resolve(name);
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] key = new byte[bytes];
            new SecureRandom().nextBytes(key);
            writePrivate(file, () -> Base64.getEncoder().encodeToString(key));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key " + file, e);
        }
    }

    private static void writePrivate(Path file, Supplier<String> content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content.get());
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
