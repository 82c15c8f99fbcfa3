package io.opsledger.gateway.mail;

import java.util.Objects;

/**
 * How to send mail, in the shape of Django's site settings (EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT,
 * EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL, DEFAULT_FROM_EMAIL, EMAIL_TIMEOUT).
 *
 * @param backend        console (log only) or SMTP
 * @param host           SMTP host
 * @param port           SMTP port
 * @param username       SMTP user; null or empty means no authentication
 * @param password       SMTP password; held in memory only and never printed
 * @param useTls         upgrade the connection with STARTTLS (usually port 587)
 * @param useSsl         connect with implicit TLS (usually port 465)
 * @param fromAddress    From header and envelope sender
 * @param timeoutSeconds limit for connecting and for each server answer
 */
public record MailSettings(
        MailBackend backend,
        String host,
        int port,
        String username,
        String password,
        boolean useTls,
        boolean useSsl,
        String fromAddress,
        int timeoutSeconds) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    public MailSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(fromAddress, "fromAddress");
        if (fromAddress.isBlank()) {
            throw new IllegalArgumentException("fromAddress must not be blank");
        }
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds must be positive");
        }
        if (backend == MailBackend.SMTP) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host is required for the SMTP backend");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535");
            }
            // Same rule as Django: the two TLS modes exclude each other.
            if (useTls && useSsl) {
                throw new IllegalArgumentException("useTls and useSsl are mutually exclusive");
            }
        }
    }

    /** Settings that only log messages, as Django's console backend does. */
    public static MailSettings console(String fromAddress) {
        return new MailSettings(MailBackend.CONSOLE, null, 0, null, null, false, false,
                fromAddress, DEFAULT_TIMEOUT_SECONDS);
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        // Settings end up in logs and error reports; the password must not.
        return "MailSettings[backend=" + backend
                + ", host=" + host
                + ", port=" + port
                + ", username=" + username
                + ", password=" + (password == null || password.isEmpty() ? "<none>" : "<redacted>")
                + ", useTls=" + useTls
                + ", useSsl=" + useSsl
                + ", fromAddress=" + fromAddress
                + ", timeoutSeconds=" + timeoutSeconds + "]";
    }
}
