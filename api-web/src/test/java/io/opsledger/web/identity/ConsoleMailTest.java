package io.opsledger.web.identity;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opsledger.gateway.mail.SmtpMailGateway;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console mail backend (the default) logs a reset mail without the secret that resets the password. */
class ConsoleMailTest extends AppTest {

    @Test
    void theResetMailIsLoggedWithoutItsToken() throws Exception {
        TestUser u = user(Role.READONLY);
        Logger mailLog = (Logger) LoggerFactory.getLogger(SmtpMailGateway.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        mailLog.addAppender(logged);
        try {
            http().post().uri("/api/auth/forgot-password/").bodyValue(Map.of("email", u.user().email()))
                    .exchange().expectStatus().isOk();
            String mail = null;
            for (int i = 0; i < 200 && mail == null; i++) {
                mail = logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                        .filter(m -> m.contains("To: " + u.user().email())).findFirst().orElse(null);
                if (mail == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(mail).as("the console backend logged the mail").isNotNull();
            assertThat(mail).contains("Subject: Password reset", "/reset-password?uid=", "token=********", "token: ********");
            assertThat(Pattern.compile("[0-9a-f]{40}").matcher(mail).find()).as("no reset token in the log:\n" + mail).isFalse();
        } finally {
            mailLog.detachAppender(logged);
        }
    }
}
