package io.opsledger.identity;

import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.mail.MailBackend;
import io.opsledger.gateway.mail.MailGateway;
import io.opsledger.gateway.mail.MailSettings;
import io.opsledger.gateway.mail.SmtpMailGateway;
import io.opsledger.identity.api.IdentityQueries.GetSiteSettings;
import io.opsledger.identity.api.IdentityQueries.SiteSettingsView;
import io.opsledger.identity.api.SiteSettingsValues;
import jakarta.mail.internet.InternetAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/** Mail goes out as the site settings say, read afresh for every message. */
@Configuration
public class MailWiring {

    @Bean
    public MailGateway mailGateway(Queries queries, SecretCipher cipher) {
        return new SmtpMailGateway(() -> toMailSettings(queries.one(new GetSiteSettings(), SiteSettingsView.class).values(), cipher));
    }

    public static MailSettings toMailSettings(SiteSettingsValues s, SecretCipher cipher) {
        String from = from(s.defaultFromEmail(), s.emailFromName());
        if (!"smtp".equals(s.emailBackend())) {
            return MailSettings.console(from);
        }
        return new MailSettings(MailBackend.SMTP, s.emailHost(), s.emailPort(), s.emailHostUser(),
                cipher.decrypt(s.emailHostPassword()), s.emailUseTls(), s.emailUseSsl(), from,
                MailSettings.DEFAULT_TIMEOUT_SECONDS);
    }

    /** The From header: "Name <address>" (the name quoted or encoded as mail needs), or the bare address. */
    static String from(String address, String name) {
        if (name == null || name.isBlank()) {
            return address;
        }
        try {
            return new InternetAddress(address, name.trim(), StandardCharsets.UTF_8.name()).toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    @Bean
    public PasswordResetMailer passwordResetMailer(MailGateway mail, SecretCipher cipher,
                                                   @Value("${opsledger.public-url}") String publicUrl) {
        return new PasswordResetMailer(mail, cipher, publicUrl);
    }

    @Bean
    public TestMail testMail(MailGateway mail) { return new TestMail(mail); }
}
