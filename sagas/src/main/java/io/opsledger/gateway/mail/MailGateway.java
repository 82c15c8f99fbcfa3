package io.opsledger.gateway.mail;

/** Port to the outside mail system. */
public interface MailGateway {

    /**
     * Sends one message now.
     *
     * @throws MailDeliveryException when the message could not be delivered to the mail server
     */
    void send(MailMessage message);
}
