package io.opsledger.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The data folder ($OPSLEDGER_DATA): embedded databases and the keys generated on first start. */
@Component
public class DataFolder {

    private final Path root;

    public DataFolder(@Value("${opsledger.data}") String root) {
        this.root = Path.of(root);
        try {
            Files.createDirectories(this.root);
            Path keys = this.root.resolve("keys");
            if (!Files.isDirectory(keys)) {
                try {
                    Files.createDirectory(keys, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(keys);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + root, e);
        }
    }

    public Path root() { return root; }

    public Path resolve(String name) { return root.resolve(name); }

    /**
     * A key from the environment variable {@code envName} (base64 of exactly {@code bytes} bytes) if
     * given, else from keys/NAME, generated on first start with owner-only permissions. A key of
     * the wrong size stops the start with a message that says which one and why.
     */
    public synchronized byte[] key(String name, String envName, String envValue, int bytes) {
        if (envValue != null && !envValue.isBlank()) {
            return decode(envValue, bytes, envName);
        }
        Path file = root.resolve("keys").resolve(name);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file), bytes, "the key file " + file);
            }
            byte[] key = new byte[bytes];
            new SecureRandom().nextBytes(key);
            writePrivate(file, Base64.getEncoder().encodeToString(key));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key " + file, e);
        }
    }

    /**
     * The text of keys/NAME, made by {@code make} on first start and written with owner-only
     * permissions (key pairs in PEM or OpenPGP armor).
     */
    public synchronized String keyFile(String name, java.util.function.Supplier<String> make) {
        Path file = root.resolve("keys").resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file);
            }
            String content = make.get();
            writePrivate(file, content);
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key " + file, e);
        }
    }

    private static byte[] decode(String base64, int bytes, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " must be base64 (e.g. the output of `openssl rand -base64 "
                    + bytes + "`): " + e.getMessage());
        }
        if (key.length != bytes) {
            throw new IllegalStateException(source + " must be the base64 of exactly " + bytes + " bytes, but it holds "
                    + key.length + " bytes (make one with `openssl rand -base64 " + bytes + "`)");
        }
        return key;
    }

    /**
     * Writes a file nobody else can ever read: the temporary file is created with owner-only
     * permissions (never written first and restricted after), under a fresh name, then moved into place.
     */
    private static void writePrivate(Path file, String content) throws IOException {
        Path tmp;
        try {
            tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        }
        try {
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
