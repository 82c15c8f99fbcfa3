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

    /** Another process tries to take the state file's fcntl lock the way Terraform does; true if it could. */
    static boolean othersCanLock(Path state) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import fcntl,sys\nf=open(sys.argv[1],'r+')\ntry:\n fcntl.lockf(f, fcntl.LOCK_EX|fcntl.LOCK_NB)\nexcept OSError:\n sys.exit(3)",
                state.toString()).redirectErrorStream(true).start();
        return p.waitFor() == 0;
    }

    @Test
    void ourLockIsTerraformsFileLockAndAnotherProcesssLockIsSeen(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("terraform.tfstate");
        Files.writeString(state, "{\"version\":4}");
        BackendConfig backend = BackendConfig.local(dir.toString());
        assertThat(othersCanLock(state)).isTrue();
        assertThat(storage.writeLock(backend, "terraform.tfstate", S3StateStorageTest.lock("L1", state.toString()))).isEmpty();
        assertThat(othersCanLock(state)).isFalse();
        // reading and writing while locked keep the lock (one descriptor per file)
        storage.write(backend, "terraform.tfstate", "{\"version\":4,\"serial\":9}".getBytes());
        assertThat(new String(storage.read(backend, "terraform.tfstate").orElseThrow().bytes())).contains("\"serial\":9");
        assertThat(storage.readLock(backend, "terraform.tfstate")).hasValueSatisfying(l -> assertThat(l.id()).isEqualTo("L1"));
        assertThat(othersCanLock(state)).isFalse();
        assertThat(storage.deleteLock(backend, "terraform.tfstate", "L1")).isTrue();
        assertThat(othersCanLock(state)).isTrue();

        // a process holding the lock (as terraform does), with its lock info beside the state
        Process terraform = new ProcessBuilder("/usr/bin/python3", "-c",
                "import fcntl,sys,time\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f, fcntl.LOCK_EX)\n"
                        + "open(sys.argv[2],'w').write('{\"ID\":\"tf-1\",\"Who\":\"carol@laptop\"}')\nprint('locked', flush=True)\ntime.sleep(300)",
                state.toString(), dir.resolve(".terraform.tfstate.lock.info").toString()).redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(terraform.getInputStream())).readLine()).isEqualTo("locked");
            assertThat(storage.readLock(backend, "terraform.tfstate")).hasValueSatisfying(l -> assertThat(l.who()).isEqualTo("carol@laptop"));
            assertThat(storage.writeLock(backend, "terraform.tfstate", S3StateStorageTest.lock("L2", state.toString())))
                    .hasValueSatisfying(l -> assertThat(l.id()).isEqualTo("tf-1"));
        } finally {
            terraform.destroyForcibly().waitFor();
        }
        // it died without cleaning up: the lock info file is stale, and Terraform would take the lock
        assertThat(dir.resolve(".terraform.tfstate.lock.info")).exists();
        assertThat(storage.readLock(backend, "terraform.tfstate")).isEmpty();
        assertThat(storage.writeLock(backend, "terraform.tfstate", S3StateStorageTest.lock("L3", state.toString()))).isEmpty();
        assertThat(storage.deleteLock(backend, "terraform.tfstate", null)).isTrue();
    }

    /** Another of our nodes holds the state's lock; this one writes the edit: the holder's lock must still stand on the file. */
    @Test
    void aWriteWhileAnotherProcessHoldsTheLockKeepsItsLock(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("terraform.tfstate");
        Files.writeString(state, "{\"version\":4,\"serial\":1}");
        BackendConfig backend = BackendConfig.local(dir.toString());
        Object inode = Files.getAttribute(state, "unix:ino");
        Process holder = new ProcessBuilder("/usr/bin/python3", "-c",
                "import fcntl,sys,time\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(300)",
                state.toString()).redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine()).isEqualTo("locked");
            storage.write(backend, "terraform.tfstate", "{\"version\":4,\"serial\":2}".getBytes());
            assertThat(Files.readString(state)).isEqualTo("{\"version\":4,\"serial\":2}");
            assertThat(Files.getAttribute(state, "unix:ino")).isEqualTo(inode);
            assertThat(othersCanLock(state)).as("the holder's lock stands on the file").isFalse();
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }
}
