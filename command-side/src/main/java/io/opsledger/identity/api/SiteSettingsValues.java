package io.opsledger.identity.api;

import io.opsledger.common.EncryptedSecret;

import java.util.List;

/**
 * The whole of the site settings (asset inventory's admin settings, platform-wide in OpsLedger:
 * they decide session length and how mail is sent). Secrets are encrypted.
 *
 * <p>The last four components came later: events saved before them hold none, and read back with
 * their defaults.
 */
public record SiteSettingsValues(
        boolean oidcEnabled, String oidcProviderName, String oidcClientId, EncryptedSecret oidcClientSecret,
        String oidcAuthorizationEndpoint, String oidcTokenEndpoint, String oidcUserinfoEndpoint,
        String oidcJwksEndpoint, String oidcSignAlgo, String oidcDefaultRole,
        String emailBackend, String emailHost, int emailPort, String emailHostUser,
        EncryptedSecret emailHostPassword, boolean emailUseTls, boolean emailUseSsl, String defaultFromEmail,
        int sessionTimeoutMinutes, String discoveryInterval,
        String emailFromName, String oidcAuthorityUrl, String oidcRoleClaim, String oidcAdminRoleValue) {

    public static final List<String> EMAIL_BACKENDS = List.of("console", "smtp");
    public static final List<String> DISCOVERY_INTERVALS = List.of("disabled", "daily", "weekly", "monthly");
    public static final String DEFAULT_FROM_NAME = "OpsLedger";
    public static final String DEFAULT_ROLE_CLAIM = "roles";
    public static final String DEFAULT_ADMIN_ROLE_VALUE = "admin";

    public SiteSettingsValues {
        emailFromName = emailFromName == null ? DEFAULT_FROM_NAME : emailFromName;
        oidcAuthorityUrl = oidcAuthorityUrl == null ? "" : oidcAuthorityUrl;
        oidcRoleClaim = oidcRoleClaim == null ? DEFAULT_ROLE_CLAIM : oidcRoleClaim;
        oidcAdminRoleValue = oidcAdminRoleValue == null ? DEFAULT_ADMIN_ROLE_VALUE : oidcAdminRoleValue;
    }

    public static SiteSettingsValues defaults() {
        return new SiteSettingsValues(false, "", "", null, "", "", "", "", "RS256", "readonly",
                "console", "localhost", 25, "", null, false, false, "opsledger@localhost", 480, "disabled",
                DEFAULT_FROM_NAME, "", DEFAULT_ROLE_CLAIM, DEFAULT_ADMIN_ROLE_VALUE);
    }
}
