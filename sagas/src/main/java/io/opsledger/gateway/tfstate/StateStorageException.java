package io.opsledger.gateway.tfstate;

/** The backend could not be reached or refused the call; the message says why (no secrets in it). */
public class StateStorageException extends RuntimeException {
    public StateStorageException(String message) { super(message); }
    public StateStorageException(String message, Throwable cause) { super(message, cause); }
}
