package io.opsledger.drift.tfstate;

/** The bytes are not a Terraform state this model reads (not JSON, or not format version 4). */
public class InvalidStateException extends RuntimeException {
    public InvalidStateException(String message) { super(message); }
    public InvalidStateException(String message, Throwable cause) { super(message, cause); }
}
