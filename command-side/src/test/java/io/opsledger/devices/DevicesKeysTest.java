package io.opsledger.devices;

import io.opsledger.platform.DataFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's migasfree keys are made once under the data folder, readable by the owner only, and kept across starts. */
class DevicesKeysTest {

    @Test
    void madeOnceKeptAcrossStarts(@TempDir Path data) throws Exception {
        DevicesKeys first = new DevicesKeys(new DataFolder(data.toString()));
        String serverPublic = first.server().publicPem();
        String repositories = first.repositoriesPublicKey();
        assertThat(serverPublic).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(repositories).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----").doesNotContain("PRIVATE");
        for (String file : new String[]{"migasfree-server.pem", "migasfree-repositories.asc"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("keys").resolve(file))))
                    .isEqualTo("rw-------");
        }

        DevicesKeys restarted = new DevicesKeys(new DataFolder(data.toString()));
        assertThat(restarted.server().publicPem()).isEqualTo(serverPublic);
        assertThat(restarted.server().kid()).isEqualTo(first.server().kid());
        assertThat(restarted.repositoriesPublicKey()).isEqualTo(repositories);
    }
}
