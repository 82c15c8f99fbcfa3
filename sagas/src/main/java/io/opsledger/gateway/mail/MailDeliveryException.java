package io.opsledger.gateway.mail;

/** A message could not be handed to the mail server; the message says why in operator terms. */
public class MailDeliveryException extends RuntimeException {

    public MailDeliveryException(String message) {
        super(message);
    }

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
