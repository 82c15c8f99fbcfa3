package io.opsledger.web.inventory;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.web.inventory.InventoryClient.Response;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Real SMTP delivery through GreenMail: the reset link and the settings' test mail. */
class InventoryMailTest extends AppTest {

    private GreenMail greenMail;
    private int smtpPort;

    private InventoryClient root() { return InventoryClient.withToken(http(), superadmin().token()); }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @BeforeEach
    void startSmtp() throws IOException {
        smtpPort = freePort();
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        useSmtp(smtpPort);
    }

    @AfterEach
    void stopSmtp() {
        root().patch("/api/admin/settings", Map.of("email_backend", "console"));
        greenMail.stop();
    }

    private void useSmtp(int port) {
        Response r = root().patch("/api/admin/settings", Map.of("email_backend", "smtp", "email_host", "127.0.0.1",
                "email_port", port, "email_use_tls", false, "email_use_ssl", false, "email_host_user", "",
                "default_from_email", "inventory@example.com", "email_from_name", "Ops Ledger Inventory"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @Test
    void forgotPasswordMailsAWorkingOneTimeLink() throws Exception {
        TestUser u = user(Role.READONLY);
        InventoryClient anonymous = new InventoryClient(http());
        String same = "If an account with that email exists, a reset link has been sent.";

        Response malformed = anonymous.post("/api/auth/forgot-password/", Map.of("email", "not-an-email"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.at("/email/0").asText()).isEqualTo("Enter a valid email address.");
        Response unknown = anonymous.post("/api/auth/forgot-password/", Map.of("email", "nobody-" + u.user().email()));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.at("/detail").asText()).isEqualTo(same);
        Response known = anonymous.post("/api/auth/forgot-password/", Map.of("email", u.user().email()));
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.json()).isEqualTo(unknown.json());

        assertThat(greenMail.waitForIncomingEmail(20_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(u.user().email());
        String body = received[0].getContent().toString();
        Matcher link = Pattern.compile("uid=([A-Za-z0-9_-]+)&token=([0-9a-f]+)").matcher(body);
        assertThat(link.find()).as(body).isTrue();
        String uid = link.group(1);
        String token = link.group(2);

        Response shortPassword = anonymous.post("/api/auth/reset-password/", Map.of("uid", uid, "token", token, "password", "short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.at("/password/0").asText()).isEqualTo("Ensure this field has at least 8 characters.");
        Response wrongToken = anonymous.post("/api/auth/reset-password/", Map.of("uid", uid,
                "token", token.substring(0, token.length() - 1) + (token.endsWith("a") ? "b" : "a"), "password", "brand-new-pass"));
        assertThat(wrongToken.status()).isEqualTo(400);
        assertThat(wrongToken.at("/detail").asText()).isEqualTo("Invalid or expired token.");
        assertThat(anonymous.post("/api/auth/reset-password/", Map.of("uid", "!!", "token", token, "password", "brand-new-pass"))
                .status()).isEqualTo(400);

        Response reset = anonymous.post("/api/auth/reset-password/", Map.of("uid", uid, "token", token, "password", "brand-new-pass"));
        assertThat(reset.status()).as(reset.text()).isEqualTo(200);
        assertThat(reset.at("/detail").asText()).isEqualTo("Password has been reset.");
        // whoever held a session with the old password is out, as after a logout
        assertThat(InventoryClient.withToken(http(), u.token()).get("/api/auth/me").status()).isEqualTo(401);

        assertThat(new InventoryClient(http()).post("/api/auth/login", Map.of("username", u.username(), "password", "brand-new-pass"))
                .status()).isEqualTo(200);
        assertThat(new InventoryClient(http()).post("/api/auth/login", Map.of("username", u.username(), "password", u.password()))
                .status()).isEqualTo(400);

        Response reused = anonymous.post("/api/auth/reset-password/", Map.of("uid", uid, "token", token, "password", "another-pass-2"));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.at("/detail").asText()).isEqualTo("Invalid or expired token.");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void testEmailIsDeliveredAndFailuresAre400() throws Exception {
        InventoryClient admin = InventoryClient.withToken(http(), user(Role.ADMIN).token());
        Response sent = admin.post("/api/admin/settings/test-email/", Map.of("to", "ops@example.com"));
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        assertThat(sent.at("/detail").asText()).isEqualTo("Test email sent successfully.");
        // synchronous: already there when the answer comes
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
        InternetAddress from = (InternetAddress) received[0].getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("inventory@example.com");
        assertThat(from.getPersonal()).isEqualTo("Ops Ledger Inventory"); // email_from_name

        Response badTo = admin.post("/api/admin/settings/test-email/", Map.of("to", "nope"));
        assertThat(badTo.status()).isEqualTo(400);
        assertThat(badTo.at("/to/0").asText()).isEqualTo("Enter a valid email address.");
        assertThat(admin.post("/api/admin/settings/test-email/", Map.of()).at("/to/0").asText()).isEqualTo("This field is required.");

        useSmtp(freePort()); // nothing listens there
        Response failed = admin.post("/api/admin/settings/test-email/", Map.of("to", "ops@example.com"));
        assertThat(failed.status()).as(failed.text()).isEqualTo(400);
        assertThat(failed.at("/detail").asText()).contains("refused the connection");
    }
}
