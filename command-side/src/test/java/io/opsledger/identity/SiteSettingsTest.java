package io.opsledger.identity;

import io.opsledger.identity.api.SiteSettingsMessages.SiteSettingsUpdated;
import io.opsledger.identity.api.SiteSettingsMessages.UpdateSiteSettings;
import io.opsledger.identity.api.SiteSettingsValues;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static io.opsledger.identity.api.SiteSettingsMessages.SITE;

class SiteSettingsTest {

    private final AggregateTestFixture<SiteSettings> fixture = new AggregateTestFixture<>(SiteSettings.class);

    private static SiteSettingsValues with(String backend, int port, int timeout, String interval, boolean tls, boolean ssl) {
        SiteSettingsValues d = SiteSettingsValues.defaults();
        return new SiteSettingsValues(d.oidcEnabled(), d.oidcProviderName(), d.oidcClientId(), d.oidcClientSecret(),
                d.oidcAuthorizationEndpoint(), d.oidcTokenEndpoint(), d.oidcUserinfoEndpoint(), d.oidcJwksEndpoint(),
                d.oidcSignAlgo(), d.oidcDefaultRole(), backend, d.emailHost(), port, d.emailHostUser(),
                d.emailHostPassword(), tls, ssl, d.defaultFromEmail(), timeout, interval, d.emailFromName(), d.oidcAuthorityUrl(),
                d.oidcRoleClaim(), d.oidcAdminRoleValue());
    }

    @Test
    void firstUpdateCreatesTheSettings() {
        SiteSettingsValues values = with("smtp", 2525, 60, "daily", true, false);
        fixture.givenNoPriorActivity()
                .when(new UpdateSiteSettings(SITE, values))
                .expectEvents(new SiteSettingsUpdated(SITE, values));
    }

    @Test
    void unknownChoicesAndBadNumbersAreRefused() {
        fixture.givenNoPriorActivity().when(new UpdateSiteSettings(SITE, with("sendmail", 25, 480, "disabled", false, false)))
                .expectExceptionMessage("\"sendmail\" is not a valid choice.");
        fixture.givenNoPriorActivity().when(new UpdateSiteSettings(SITE, with("smtp", 25, 480, "hourly", false, false)))
                .expectExceptionMessage("\"hourly\" is not a valid choice.");
        fixture.givenNoPriorActivity().when(new UpdateSiteSettings(SITE, with("smtp", 0, 480, "daily", false, false)))
                .expectExceptionMessage("Ensure this value is between 1 and 65535.");
        fixture.givenNoPriorActivity().when(new UpdateSiteSettings(SITE, with("smtp", 25, 0, "daily", false, false)))
                .expectExceptionMessage("Ensure this value is greater than or equal to 1.");
        fixture.givenNoPriorActivity().when(new UpdateSiteSettings(SITE, with("smtp", 25, 480, "daily", true, true)))
                .expectExceptionMessage("smtp_use_tls and smtp_use_ssl are mutually exclusive.");
    }
}
