package io.opsledger.identity;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.mail.MailBackend;
import io.opsledger.gateway.mail.MailSettings;
import io.opsledger.identity.api.SiteSettingsValues;
import jakarta.mail.internet.InternetAddress;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/** Mail goes out as the site settings say: their mail fields as the mail gateway's settings. */
public final class SiteMail {
    private SiteMail() {}

    public static MailSettings settings(SiteSettingsValues s, SecretCipher cipher) {
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
}
