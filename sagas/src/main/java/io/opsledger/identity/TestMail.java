package io.opsledger.identity;

import io.opsledger.gateway.mail.MailDeliveryException;
import io.opsledger.gateway.mail.MailGateway;
import io.opsledger.gateway.mail.MailMessage;

import java.util.Optional;

/** An admin's check of the site's mail settings: one message through the configured mail gateway. */
public class TestMail {

    private final MailGateway mail;

    public TestMail(MailGateway mail) {
        this.mail = mail;
    }

    /** Sends the test message to {@code to}; why it could not be delivered, if it could not. */
    public Optional<String> send(String to) {
        try {
            mail.send(new MailMessage(to.trim(), "OpsLedger test email",
                    "This is a test email from OpsLedger. Your email settings work.\n"));
            return Optional.empty();
        } catch (MailDeliveryException | IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
