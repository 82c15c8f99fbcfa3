package io.opsledger.gateway.mail;

/** How outgoing mail leaves the process. */
public enum MailBackend {
    /** Write the message to the log instead of sending it (development, demos). */
    CONSOLE,
    /** Deliver through an SMTP server. */
    SMTP
}
