package io.opsledger.platform;

import io.opsledger.testing.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys: a configured one of the wrong size stops the start; generated ones are never readable by others. */
class KeysTest {

    private static String base64(int bytes) { return Base64.getEncoder().encodeToString(new byte[bytes]); }

    @Test
    void aJwtSecretOfTheWrongSizeStopsTheStartWithAClearMessage(@TempDir Path data) {
        assertThatThrownBy(() -> AppProcess.start(data, Map.of("OPSLEDGER_JWT_SECRET", base64(32))))
                .hasMessageContaining("exited during start")
                .hasMessageContaining("OPSLEDGER_JWT_SECRET must be the base64 of exactly 64 bytes, but it holds 32 bytes");
    }

    @Test
    void aWrongSizedOrUnreadableKeyIsRefusedAndARightOneTaken(@TempDir Path data) {
        DataFolder folder = new DataFolder(data.toString());
        assertThatThrownBy(() -> folder.key("jwt.key", "OPSLEDGER_JWT_SECRET", base64(63), 64))
                .hasMessageContaining("OPSLEDGER_JWT_SECRET must be the base64 of exactly 64 bytes, but it holds 63 bytes");
        assertThatThrownBy(() -> folder.key("master.key", "OPSLEDGER_MASTER_KEY", "not base64 at all!", 32))
                .hasMessageContaining("OPSLEDGER_MASTER_KEY must be base64");
        assertThat(folder.key("jwt.key", "OPSLEDGER_JWT_SECRET", base64(64), 64)).hasSize(64);
    }

    @Test
    void generatedKeysAreOwnerOnlyFromTheirFirstByte(@TempDir Path data) throws Exception {
        Path keys = data.resolve("keys");
        Files.createDirectories(keys);
        // a world-readable leftover under the temporary name, held open by another local user
        Path leftover = keys.resolve("master.key.tmp");
        Files.writeString(leftover, "");
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rw-r--r--"));
        try (InputStream watcher = Files.newInputStream(leftover)) {
            byte[] key = new DataFolder(data.toString()).key("master.key", "OPSLEDGER_MASTER_KEY", "", 32);
            assertThat(watcher.readAllBytes()).as("nothing of the key reached a file someone else could open").isEmpty();
            assertThat(Base64.getDecoder().decode(Files.readString(keys.resolve("master.key")).trim())).isEqualTo(key);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("master.key")))).isEqualTo("rw-------");

        Path fresh = data.resolve("fresh");
        new DataFolder(fresh.toString()).key("jwt.key", "OPSLEDGER_JWT_SECRET", "", 64);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("keys")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("keys/jwt.key")))).isEqualTo("rw-------");
        try (var listing = Files.list(fresh.resolve("keys"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("jwt.key");
        }
    }
}
