package io.opsledger.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class SmtpMailGatewayTest {

    private static final String USER = "relay";
    private static final String PASSWORD = "s3cret-relay-pw";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@opsledger.test", USER, PASSWORD));

    private final AtomicReference<MailSettings> settings = new AtomicReference<>();
    private final SmtpMailGateway gateway = new SmtpMailGateway(settings::get);

    private final Logger gatewayLog = (Logger) LoggerFactory.getLogger(SmtpMailGateway.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        gatewayLog.addAppender(logged);
        gatewayLog.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLog() {
        gatewayLog.detachAppender(logged);
    }

    private static String smtpHost() {
        return greenMail.getSmtp().getServerSetup().getBindAddress();
    }

    private static int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    private static MailSettings smtp(String username, String password, String from) {
        return new MailSettings(MailBackend.SMTP, smtpHost(), smtpPort(), username, password,
                false, false, from, 5);
    }

    @Test
    void deliversPlainTextUtf8MessageWithRecipientSubjectBodyAndFrom() throws Exception {
        settings.set(smtp(null, null, "OpsLedger <noreply@opsledger.test>"));

        gateway.send(new MailMessage("ops@example.com", "Backup fertig — café ✓", "Cluster pg-1 backed up.\nGrüße"));

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getRecipients(Message.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("ops@example.com");
        assertThat(received.getFrom())
                .extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("noreply@opsledger.test");
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("OpsLedger");
        assertThat(received.getSubject()).isEqualTo("Backup fertig — café ✓");
        assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(((String) received.getContent()).replace("\r\n", "\n")).isEqualTo("Cluster pg-1 backed up.\nGrüße");
        assertThat(received.getSentDate()).isNotNull();
    }

    @Test
    void authenticatesWithTheConfiguredUser() throws Exception {
        settings.set(smtp(USER, PASSWORD, "relay@opsledger.test"));

        gateway.send(new MailMessage("dba@example.com", "auth", "authenticated send"));

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(GreenMailUtil.getBody(greenMail.getReceivedMessages()[0])).isEqualTo("authenticated send");
    }

    @Test
    void wrongPasswordIsADeliveryFailureThatDoesNotLeakThePassword() {
        settings.set(smtp(USER, "not-the-password", "relay@opsledger.test"));

        assertThatThrownBy(() -> gateway.send(new MailMessage("dba@example.com", "auth", "body")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessage("SMTP server " + smtpHost() + ":" + smtpPort() + " rejected the credentials for user 'relay'")
                .message().doesNotContain("not-the-password");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void unreachablePortFailsWithAClearMessage() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        settings.set(new MailSettings(MailBackend.SMTP, "127.0.0.1", closedPort, null, null,
                false, false, "noreply@opsledger.test", 5));

        assertThatThrownBy(() -> gateway.send(new MailMessage("ops@example.com", "s", "b")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessage("SMTP server 127.0.0.1:" + closedPort + " refused the connection");
    }

    @Test
    void serverThatNeverAnswersFailsWithinTheTimeout() throws IOException {
        // Accepts TCP connections (through the backlog) but never sends the SMTP greeting.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            settings.set(new MailSettings(MailBackend.SMTP, "127.0.0.1", silent.getLocalPort(), null, null,
                    false, false, "noreply@opsledger.test", 1));

            long start = System.nanoTime();
            assertThatThrownBy(() -> gateway.send(new MailMessage("ops@example.com", "s", "b")))
                    .isInstanceOf(MailDeliveryException.class)
                    .hasMessage("SMTP server 127.0.0.1:" + silent.getLocalPort() + " did not answer within 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void implicitTlsAgainstAPlainServerFailsInsteadOfSendingInClear() {
        settings.set(new MailSettings(MailBackend.SMTP, smtpHost(), smtpPort(), null, null,
                false, true, "noreply@opsledger.test", 2));

        assertThatThrownBy(() -> gateway.send(new MailMessage("ops@example.com", "s", "b")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageStartingWith("TLS with SMTP server " + smtpHost() + ":" + smtpPort() + " failed");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void readsTheSettingsAgainOnEverySend() throws Exception {
        settings.set(smtp(null, null, "first@opsledger.test"));
        gateway.send(new MailMessage("ops@example.com", "one", "1"));

        settings.set(smtp(USER, PASSWORD, "second@opsledger.test"));
        gateway.send(new MailMessage("ops@example.com", "two", "2"));

        settings.set(MailSettings.console("third@opsledger.test"));
        gateway.send(new MailMessage("ops@example.com", "three", "3"));

        settings.set(smtp(USER, "wrong", "fourth@opsledger.test"));
        assertThatThrownBy(() -> gateway.send(new MailMessage("ops@example.com", "four", "4")))
                .isInstanceOf(MailDeliveryException.class);

        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("one");
        assertThat(((InternetAddress) received[0].getFrom()[0]).getAddress()).isEqualTo("first@opsledger.test");
        assertThat(received[1].getSubject()).isEqualTo("two");
        assertThat(((InternetAddress) received[1].getFrom()[0]).getAddress()).isEqualTo("second@opsledger.test");
    }

    @Test
    void consoleBackendLogsTheMessageAndSendsNothingOverSmtp() {
        settings.set(MailSettings.console("noreply@opsledger.test"));

        gateway.send(new MailMessage("ops@example.com", "Drift detected", "State prod/network drifted."));

        assertThat(greenMail.waitForIncomingEmail(500, 1)).isFalse();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        List<ILoggingEvent> infos = logged.list.stream().filter(e -> e.getLevel() == Level.INFO).toList();
        assertThat(infos).hasSize(1);
        assertThat(infos.get(0).getFormattedMessage())
                .contains("From: noreply@opsledger.test", "To: ops@example.com",
                        "Subject: Drift detected", "State prod/network drifted.");
    }

    @Test
    void missingSettingsAreADeliveryFailure() {
        assertThatThrownBy(() -> gateway.send(new MailMessage("ops@example.com", "s", "b")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessage("Mail settings are not configured");
    }

    @Test
    void invalidRecipientIsADeliveryFailure() {
        settings.set(smtp(null, null, "noreply@opsledger.test"));

        assertThatThrownBy(() -> gateway.send(new MailMessage("not an address@", "s", "b")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageStartingWith("Invalid recipient address 'not an address@'");
    }

    @Test
    void headersCannotCarryLineBreaks() {
        assertThatThrownBy(() -> new MailMessage("ops@example.com", "hi\r\nBcc: evil@example.com", "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailMessage("ops@example.com\nBcc: evil@example.com", "s", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsToStringRedactsThePassword() {
        MailSettings withPassword = new MailSettings(MailBackend.SMTP, "smtp.example.com", 587, "relay",
                "hunter2-very-secret", true, false, "noreply@opsledger.test", 10);

        assertThat(withPassword.toString())
                .doesNotContain("hunter2-very-secret")
                .contains("password=<redacted>", "host=smtp.example.com", "username=relay");
        assertThat(MailSettings.console("noreply@opsledger.test").toString()).contains("backend=CONSOLE");
    }

    @Test
    void settingsRejectContradictoryTlsModes() {
        assertThatThrownBy(() -> new MailSettings(MailBackend.SMTP, "smtp.example.com", 465, null, null,
                true, true, "noreply@opsledger.test", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mutually exclusive");
    }
}
