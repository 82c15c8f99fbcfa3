package io.opsledger.gateway.mail;

import java.util.List;
import java.util.Objects;

/**
 * One plain-text message to one recipient.
 *
 * @param to       recipient address, e.g. {@code ops@example.com} or {@code Ops <ops@example.com>}
 * @param subject  subject line (may be empty)
 * @param textBody plain-text body (may be empty)
 * @param secrets  parts of the body meant for the recipient only (a reset token): delivered, never logged
 */
public record MailMessage(String to, String subject, String textBody, List<String> secrets) {

    public MailMessage(String to, String subject, String textBody) {
        this(to, subject, textBody, List.of());
    }

    public MailMessage {
        secrets = secrets == null ? List.of() : secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(textBody, "textBody");
        if (to.isBlank()) {
            throw new IllegalArgumentException("to must not be blank");
        }
        // A line break in a header would let a caller inject extra headers or recipients.
        rejectLineBreaks("to", to);
        rejectLineBreaks("subject", subject);
    }

    private static void rejectLineBreaks(String field, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(field + " must not contain line breaks");
        }
    }

    /** The body as it may be written to a log: every secret replaced by asterisks. */
    public String loggableBody() {
        String body = textBody;
        for (String secret : secrets) {
            body = body.replace(secret, io.opsledger.common.Masked.MASK);
        }
        return body;
    }
}
