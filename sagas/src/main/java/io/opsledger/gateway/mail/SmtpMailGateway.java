package io.opsledger.gateway.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real mail adapter: logs (console backend) or delivers over SMTP with jakarta.mail.
 * Settings are read on every send, because operators can change them while the process runs.
 */
public class SmtpMailGateway implements MailGateway {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailGateway.class);

    private final Supplier<MailSettings> settings;

    public SmtpMailGateway(Supplier<MailSettings> settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void send(MailMessage message) {
        Objects.requireNonNull(message, "message");
        MailSettings current = settings.get();
        if (current == null) {
            throw new MailDeliveryException("Mail settings are not configured");
        }
        switch (current.backend()) {
            case CONSOLE -> logToConsole(current, message);
            case SMTP -> sendOverSmtp(current, message);
        }
    }

    private static void logToConsole(MailSettings settings, MailMessage message) {
        // the log is read by more people than the recipient: secrets in the body stay out of it
        log.info("Console mail backend, message not sent:\nFrom: {}\nTo: {}\nSubject: {}\n\n{}",
                settings.fromAddress(), message.to(), message.subject(), message.loggableBody());
    }

    private static void sendOverSmtp(MailSettings settings, MailMessage message) {
        String server = "SMTP server " + settings.host() + ":" + settings.port();
        Session session = Session.getInstance(sessionProperties(settings));
        MimeMessage mime = toMime(session, settings, message);
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(settings.host(), settings.port(),
                    settings.hasCredentials() ? settings.username() : null,
                    settings.hasCredentials() ? settings.password() : null);
            transport.sendMessage(mime, mime.getAllRecipients());
        } catch (MessagingException e) {
            throw translate(e, server, settings);
        } finally {
            closeQuietly(transport);
        }
        log.debug("Sent mail to {} through {}", message.to(), server);
    }

    // The message is accepted once sendMessage returns; a failing QUIT must not report it as lost.
    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            log.debug("Closing the SMTP connection failed", e);
        }
    }

    private static Properties sessionProperties(MailSettings settings) {
        String timeoutMillis = String.valueOf(settings.timeoutSeconds() * 1000L);
        Properties props = new Properties();
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", String.valueOf(settings.port()));
        props.put("mail.smtp.auth", String.valueOf(settings.hasCredentials()));
        // Without these, jakarta.mail waits forever on a server that accepts but never answers.
        props.put("mail.smtp.connectiontimeout", timeoutMillis);
        props.put("mail.smtp.timeout", timeoutMillis);
        props.put("mail.smtp.writetimeout", timeoutMillis);
        if (settings.useSsl()) {
            props.put("mail.smtp.ssl.enable", "true");
        }
        if (settings.useTls()) {
            props.put("mail.smtp.starttls.enable", "true");
            // Never fall back to plain text when the operator asked for TLS.
            props.put("mail.smtp.starttls.required", "true");
        }
        if (settings.useSsl() || settings.useTls()) {
            props.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return props;
    }

    private static MimeMessage toMime(Session session, MailSettings settings, MailMessage message) {
        MimeMessage mime = new MimeMessage(session);
        try {
            mime.setFrom(parseAddress(settings.fromAddress(), "sender"));
            mime.setRecipient(Message.RecipientType.TO, parseAddress(message.to(), "recipient"));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setText(message.textBody(), StandardCharsets.UTF_8.name());
            mime.setSentDate(new Date());
            return mime;
        } catch (MessagingException e) {
            throw new MailDeliveryException("Could not build the mail message: " + e.getMessage(), e);
        }
    }

    private static InternetAddress parseAddress(String address, String role) {
        try {
            return new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new MailDeliveryException("Invalid " + role + " address '" + address + "': " + e.getMessage(), e);
        }
    }

    /** Turns jakarta.mail's layered exceptions into one sentence an operator can act on. */
    private static MailDeliveryException translate(MessagingException e, String server, MailSettings settings) {
        if (e instanceof AuthenticationFailedException) {
            return new MailDeliveryException(server + " rejected the credentials for user '"
                    + settings.username() + "'", e);
        }
        if (e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                && failed.getInvalidAddresses().length > 0) {
            String rejected = Arrays.stream(failed.getInvalidAddresses())
                    .map(Object::toString).collect(Collectors.joining(", "));
            return new MailDeliveryException(server + " rejected the recipient " + rejected, e);
        }
        Throwable cause = findCause(e, ConnectException.class, SocketTimeoutException.class,
                UnknownHostException.class, SSLException.class);
        if (cause instanceof ConnectException) {
            return new MailDeliveryException(server + " refused the connection", e);
        }
        if (cause instanceof SocketTimeoutException) {
            return new MailDeliveryException(server + " did not answer within "
                    + settings.timeoutSeconds() + "s", e);
        }
        if (cause instanceof UnknownHostException) {
            return new MailDeliveryException("SMTP host " + settings.host() + " could not be resolved", e);
        }
        if (cause instanceof SSLException) {
            return new MailDeliveryException("TLS with " + server + " failed: " + cause.getMessage(), e);
        }
        return new MailDeliveryException("Sending mail through " + server + " failed: " + e.getMessage(), e);
    }

    @SafeVarargs
    private static Throwable findCause(Throwable e, Class<? extends Throwable>... wanted) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : wanted) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }
}
