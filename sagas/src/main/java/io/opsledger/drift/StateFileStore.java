package io.opsledger.drift;

import io.opsledger.common.SecretCipher;
import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.tfstate.InvalidStateException;
import io.opsledger.drift.tfstate.SensitiveValues;
import io.opsledger.drift.tfstate.TerraformState;
import io.opsledger.drift.tfstate.TerraformStates;
import io.opsledger.gateway.tfstate.StateStorage.StateObject;
import io.opsledger.gateway.tfstate.StateStorageException;
import io.opsledger.gateway.tfstate.StateStorages;

import java.time.Instant;
import java.util.Optional;

/**
 * State files' content in their backends, for the StateFile aggregate. A file read is parsed and
 * its sensitive values sealed (encrypted, masked) before anything of it goes into a command; a
 * state written back has them opened again, so the backend keeps the real values. This is the one
 * place that decrypts them. Backend failures are {@link StateStorageException}s.
 */
public class StateFileStore {

    /**
     * A state file as read: its size, time and checksum are those of the bytes in the backend;
     * {@code state} is sealed, or null when the bytes are not a state ({@code parseError} says why).
     */
    public record Content(long size, Instant lastModified, String checksum, TerraformState state, String parseError) {}

    private final StateStorages storages;
    private final SecretCipher cipher;

    public StateFileStore(StateStorages storages, SecretCipher cipher) {
        this.storages = storages;
        this.cipher = cipher;
    }

    /** The file at {@code path} in the backend, if it holds one. */
    public Optional<Content> read(String backendType, BackendConfig backend, String path) {
        Optional<StateObject> read = storages.forType(backendType).read(backend, path);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = read.get().bytes();
        TerraformState state = null;
        String error = null;
        try {
            state = SensitiveValues.seal(TerraformStates.parse(bytes), cipher);
        } catch (InvalidStateException e) {
            error = e.getMessage();
        }
        return Optional.of(new Content(bytes.length, read.get().lastModified(), TerraformStates.checksum(bytes), state, error));
    }

    /** Writes the state (as the aggregate holds it, sealed) to the backend with its real values. */
    public void write(String backendType, BackendConfig backend, String path, TerraformState state) {
        storages.forType(backendType).write(backend, path, TerraformStates.write(SensitiveValues.open(state, cipher)));
    }
}
