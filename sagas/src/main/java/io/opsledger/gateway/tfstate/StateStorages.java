package io.opsledger.gateway.tfstate;

import io.opsledger.drift.api.BackendMessages;

/** The storage adapter for a backend type. */
public record StateStorages(S3StateStorage s3, LocalStateStorage local) {

    public StateStorage forType(String type) {
        return switch (type) {
            case BackendMessages.S3 -> s3;
            case BackendMessages.LOCAL -> local;
            default -> throw new StateStorageException("Backend type " + type + " is not supported.");
        };
    }
}
