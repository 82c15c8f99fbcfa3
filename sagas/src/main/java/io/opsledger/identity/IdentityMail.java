package io.opsledger.identity;

import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.mail.MailGateway;
import io.opsledger.gateway.mail.SmtpMailGateway;
import io.opsledger.identity.api.IdentityQueries.GetSiteSettings;
import io.opsledger.identity.api.IdentityQueries.SiteSettingsView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mail goes out as the site settings say ({@link SiteMail}), read afresh for every message. */
@Configuration
public class IdentityMail {

    @Bean
    public MailGateway mailGateway(Queries queries, SecretCipher cipher) {
        return new SmtpMailGateway(() -> SiteMail.settings(queries.one(new GetSiteSettings(), SiteSettingsView.class).values(), cipher));
    }

    @Bean
    public PasswordResetMailer passwordResetMailer(MailGateway mail, SecretCipher cipher,
                                                   @Value("${opsledger.public-url}") String publicUrl) {
        return new PasswordResetMailer(mail, cipher, publicUrl);
    }

    @Bean
    public TestMail testMail(MailGateway mail) { return new TestMail(mail); }
}
