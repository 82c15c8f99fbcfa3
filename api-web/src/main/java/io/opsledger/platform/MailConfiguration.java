package io.opsledger.platform;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.mail.MailBackend;
import io.opsledger.gateway.mail.MailGateway;
import io.opsledger.gateway.mail.MailSettings;
import io.opsledger.gateway.mail.SmtpMailGateway;
import io.opsledger.identity.IdentityQueries.GetSiteSettings;
import io.opsledger.identity.IdentityQueries.SiteSettingsView;
import io.opsledger.identity.PasswordResetMailer;
import io.opsledger.identity.api.SiteSettingsValues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mail goes out as the site settings say, read afresh for every message. */
@Configuration
public class MailConfiguration {

    @Bean
    public MailGateway mailGateway(Queries queries, SecretCipher cipher) {
        return new SmtpMailGateway(() -> toMailSettings(queries.one(new GetSiteSettings(), SiteSettingsView.class).values(), cipher));
    }

    public static MailSettings toMailSettings(SiteSettingsValues s, SecretCipher cipher) {
        if (!"smtp".equals(s.emailBackend())) {
            return MailSettings.console(s.defaultFromEmail());
        }
        return new MailSettings(MailBackend.SMTP, s.emailHost(), s.emailPort(), s.emailHostUser(),
                cipher.decrypt(s.emailHostPassword()), s.emailUseTls(), s.emailUseSsl(), s.defaultFromEmail(),
                MailSettings.DEFAULT_TIMEOUT_SECONDS);
    }

    @Bean
    public PasswordResetMailer passwordResetMailer(MailGateway mail, SecretCipher cipher,
                                                   @Value("${opsledger.public-url}") String publicUrl) {
        return new PasswordResetMailer(mail, cipher, publicUrl);
    }
}
