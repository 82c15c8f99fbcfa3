package io.opsledger.gateway.tfstate;

import io.opsledger.drift.api.BackendMessages.BackendConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local adapter on real files. */
class LocalStateStorageTest {

    final LocalStateStorage storage = new LocalStateStorage();

    @Test
    void listsStateFilesButNotTerraformsWorkingFolder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("prod/.terraform"));
        Files.writeString(dir.resolve("terraform.tfstate"), "{}");
        Files.writeString(dir.resolve("terraform.tfstate.backup"), "{}");
        Files.writeString(dir.resolve("prod/app.tfstate"), "{\"version\":4}");
        Files.writeString(dir.resolve("prod/.terraform/terraform.tfstate"), "{}");
        BackendConfig backend = BackendConfig.local(dir.toString());
        assertThat(storage.list(backend)).extracting(StateStorage.StoredState::path)
                .containsExactly("prod/app.tfstate", "terraform.tfstate");
        assertThat(storage.read(backend, "prod/app.tfstate").orElseThrow().bytes()).isEqualTo("{\"version\":4}".getBytes());
        storage.write(backend, "prod/app.tfstate", "{\"version\":4,\"serial\":2}".getBytes());
        assertThat(Files.readString(dir.resolve("prod/app.tfstate"))).contains("serial");
        assertThatThrownBy(() -> storage.read(backend, "../etc/passwd")).isInstanceOf(StateStorageException.class);
        assertThat(storage.test(backend).reachable()).isTrue();
        assertThat(storage.test(BackendConfig.local(dir.resolve("missing").toString())).reachable()).isFalse();
    }

    @Test
    void theLockIsTerraformsLockInfoFileBesideTheState(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("terraform.tfstate"), "{}");
        BackendConfig backend = BackendConfig.local(dir.toString());
        String path = dir.resolve("terraform.tfstate").toString();
        assertThat(storage.writeLock(backend, "terraform.tfstate", S3StateStorageTest.lock("L1", path))).isEmpty();
        assertThat(Files.readString(dir.resolve(".terraform.tfstate.lock.info"))).contains("\"ID\":\"L1\"");
        assertThat(storage.writeLock(backend, "terraform.tfstate", S3StateStorageTest.lock("L2", path)))
                .hasValueSatisfying(holder -> assertThat(holder.id()).isEqualTo("L1"));
        assertThat(storage.deleteLock(backend, "terraform.tfstate", "L2")).isFalse();
        assertThat(storage.deleteLock(backend, "terraform.tfstate", "L1")).isTrue();
        assertThat(dir.resolve(".terraform.tfstate.lock.info")).doesNotExist();
    }
}
