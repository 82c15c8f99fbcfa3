package io.opsledger.identity;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.mail.MailGateway;
import io.opsledger.gateway.mail.MailMessage;
import io.opsledger.identity.api.IdentityEvents.PasswordResetRequested;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Mails the reset link when a reset is requested. The token travels encrypted in the event and
 * is opened only here, to be put in the link. A failed delivery is retried, then dead-lettered.
 */
@ProcessingGroup(PasswordResetMailer.GROUP)
public class PasswordResetMailer {

    public static final String GROUP = "identity-mail";
    private final MailGateway mail;
    private final SecretCipher cipher;
    private final String publicUrl;

    public PasswordResetMailer(MailGateway mail, SecretCipher cipher, String publicUrl) {
        this.mail = mail;
        this.cipher = cipher;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    @EventHandler
    void on(PasswordResetRequested event) {
        if (event.expiresAt().isBefore(Instant.now())) {
            return; // replayed or long delayed: the link would be dead on arrival
        }
        String uid = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.valueOf(event.userNumber()).getBytes(StandardCharsets.UTF_8));
        String token = cipher.decrypt(event.token());
        String link = publicUrl + "/reset-password?uid=" + uid + "&token=" + token;
        mail.send(new MailMessage(event.email(), "Password reset",
                "Someone asked to reset the password of your OpsLedger account.\n\n"
                        + "Open this link to choose a new password (valid for 24 hours):\n" + link + "\n\n"
                        + "uid: " + uid + "\ntoken: " + token + "\n\n"
                        + "If it was not you, ignore this mail; your password stays as it is.\n", List.of(token)));
    }
}
