package io.opsledger.identity.api;

import io.opsledger.common.EncryptedSecret;

import java.util.List;

/**
 * The whole of the site settings (asset inventory's admin settings, platform-wide in OpsLedger:
 * they decide session length and how mail is sent). Secrets are encrypted.
 */
public record SiteSettingsValues(
        boolean oidcEnabled, String oidcProviderName, String oidcClientId, EncryptedSecret oidcClientSecret,
        String oidcAuthorizationEndpoint, String oidcTokenEndpoint, String oidcUserinfoEndpoint,
        String oidcJwksEndpoint, String oidcSignAlgo, String oidcDefaultRole,
        String emailBackend, String emailHost, int emailPort, String emailHostUser,
        EncryptedSecret emailHostPassword, boolean emailUseTls, boolean emailUseSsl, String defaultFromEmail,
        int sessionTimeoutMinutes, String discoveryInterval) {

    public static final List<String> EMAIL_BACKENDS = List.of("console", "smtp");
    public static final List<String> DISCOVERY_INTERVALS = List.of("disabled", "daily", "weekly", "monthly");

    public static SiteSettingsValues defaults() {
        return new SiteSettingsValues(false, "", "", null, "", "", "", "", "RS256", "readonly",
                "console", "localhost", 25, "", null, false, false, "opsledger@localhost", 480, "disabled");
    }
}
