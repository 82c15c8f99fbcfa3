package io.opsledger.inventory;

import io.opsledger.identity.api.SiteSettingsMessages;
import io.opsledger.identity.api.SiteSettingsMessages.SiteSettingsUpdated;
import io.opsledger.identity.api.SiteSettingsValues;
import io.opsledger.inventory.DiscoveryScheduleSaga.DiscoveryDue;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of the discovery schedule, with the one-job trigger played by the test. */
class DiscoveryScheduleSagaTest {

    private static final Instant T0 = Instant.parse("2025-01-31T10:00:00Z");
    private static final String NAME = DiscoveryScheduleSaga.DEADLINE;

    private final ScriptedTrigger trigger = new ScriptedTrigger();
    private SagaTestFixture<DiscoveryScheduleSaga> fixture;
    private Clock clock;

    @BeforeEach
    void setUp() {
        clock = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(T0, ZoneOffset.UTC);
        fixture = new SagaTestFixture<>(DiscoveryScheduleSaga.class);
        fixture.registerResource(trigger);
        fixture.givenCurrentTime(T0);
    }

    @AfterEach
    void restoreClock() { GenericEventMessage.clock = clock; }

    private static SiteSettingsUpdated settings(String interval) {
        SiteSettingsValues d = SiteSettingsValues.defaults();
        return new SiteSettingsUpdated(SiteSettingsMessages.SITE, new SiteSettingsValues(d.oidcEnabled(), d.oidcProviderName(),
                d.oidcClientId(), d.oidcClientSecret(), d.oidcAuthorizationEndpoint(), d.oidcTokenEndpoint(),
                d.oidcUserinfoEndpoint(), d.oidcJwksEndpoint(), d.oidcSignAlgo(), d.oidcDefaultRole(), d.emailBackend(),
                d.emailHost(), d.emailPort(), d.emailHostUser(), d.emailHostPassword(), d.emailUseTls(), d.emailUseSsl(),
                d.defaultFromEmail(), d.sessionTimeoutMinutes(), interval, d.emailFromName(), d.oidcAuthorityUrl(), d.oidcRoleClaim(),
                d.oidcAdminRoleValue()));
    }

    private static SiteSettingsUpdated otherChange(String interval) {
        SiteSettingsValues s = settings(interval).settings();
        return new SiteSettingsUpdated(SiteSettingsMessages.SITE, new SiteSettingsValues(s.oidcEnabled(), s.oidcProviderName(),
                s.oidcClientId(), s.oidcClientSecret(), s.oidcAuthorizationEndpoint(), s.oidcTokenEndpoint(),
                s.oidcUserinfoEndpoint(), s.oidcJwksEndpoint(), s.oidcSignAlgo(), s.oidcDefaultRole(), s.emailBackend(),
                s.emailHost(), s.emailPort(), s.emailHostUser(), s.emailHostPassword(), s.emailUseTls(), s.emailUseSsl(),
                s.defaultFromEmail(), 60, interval, s.emailFromName(), s.oidcAuthorityUrl(), s.oidcRoleClaim(),
                s.oidcAdminRoleValue()));
    }

    @Test
    void enablingDailySchedulesADeadline24HoursAhead() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(settings("daily"))
                .expectActiveSagas(1)
                .expectScheduledDeadline(Duration.ofHours(24), new DiscoveryDue("daily", T0.plus(Duration.ofHours(24))))
                .expectNoDispatchedCommands();
        assertThat(trigger.calls).isEmpty();
    }

    @Test
    void disabledSchedulesNothing() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(settings("disabled"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void whenTheDeadlineIsDueDiscoveryIsTriggeredAndTheNextOneScheduled() {
        Instant first = T0.plus(Duration.ofHours(24));
        fixture.givenAPublished(settings("daily"))
                .whenTimeElapses(Duration.ofHours(24))
                .expectTriggeredDeadlines(new DiscoveryDue("daily", first))
                .expectScheduledDeadline(Duration.ofHours(24), new DiscoveryDue("daily", first.plus(Duration.ofHours(24))));
        assertThat(trigger.calls).containsExactly(DiscoveryScheduleSaga.TRIGGERED_BY);
    }

    @Test
    void changingToWeeklyCancelsTheDailyDeadlineAndSchedulesSevenDaysAhead() {
        fixture.givenAPublished(settings("daily"))
                .whenPublishingA(settings("weekly"))
                .expectNoScheduledDeadline(Duration.ofHours(24), new DiscoveryDue("daily", T0.plus(Duration.ofHours(24))))
                .expectScheduledDeadline(Duration.ofDays(7), new DiscoveryDue("weekly", T0.plus(Duration.ofDays(7))));
        fixture.whenTimeElapses(Duration.ofDays(7))
                .expectTriggeredDeadlines(new DiscoveryDue("weekly", T0.plus(Duration.ofDays(7))));
        assertThat(trigger.calls).hasSize(1);
    }

    @Test
    void monthlyIsOneCalendarMonth() {
        Instant firstDue = Instant.parse("2025-02-28T10:00:00Z"); // from Jan 31st: the end of February
        fixture.givenAPublished(settings("monthly"))
                .whenTimeElapses(Duration.ofDays(1))
                .expectScheduledDeadline(firstDue, new DiscoveryDue("monthly", firstDue))
                .expectNoScheduledDeadlineWithName(T0.plus(Duration.ofDays(30)), NAME);
        assertThat(DiscoveryScheduleSaga.next("monthly", firstDue)).isEqualTo(Instant.parse("2025-03-28T10:00:00Z"));
    }

    @Test
    void disablingCancelsThePendingDeadline() {
        fixture.givenAPublished(settings("daily"))
                .whenPublishingA(settings("disabled"))
                .expectNoScheduledDeadlines();
        fixture.whenTimeElapses(Duration.ofDays(2)).expectTriggeredDeadlines();
        assertThat(trigger.calls).isEmpty();
    }

    @Test
    void otherSettingChangesKeepTheSchedule() throws Exception {
        fixture.givenAPublished(settings("daily"))
                .andThenTimeElapses(Duration.ofHours(12))
                .whenPublishingA(otherChange("daily"))
                .expectScheduledDeadline(Duration.ofHours(12), new DiscoveryDue("daily", T0.plus(Duration.ofHours(24))));
    }

    @Test
    void aDueDeadlineIsSkippedWhileAJobIsActiveAndTheNextOneStillScheduled() {
        trigger.active = true;
        Instant first = T0.plus(Duration.ofHours(24));
        fixture.givenAPublished(settings("daily"))
                .whenTimeElapses(Duration.ofHours(24))
                .expectTriggeredDeadlines(new DiscoveryDue("daily", first))
                .expectScheduledDeadline(Duration.ofHours(24), new DiscoveryDue("daily", first.plus(Duration.ofHours(24))))
                .expectSuccessfulHandlerExecution();
        assertThat(trigger.calls).containsExactly(DiscoveryScheduleSaga.TRIGGERED_BY);
        assertThat(trigger.started).isEmpty();
    }

    @Test
    void aFailingTriggerDoesNotStopTheSchedule() {
        trigger.failure = new IllegalStateException("query side unreachable");
        Instant first = T0.plus(Duration.ofHours(24));
        fixture.givenAPublished(settings("daily"))
                .whenTimeElapses(Duration.ofHours(24))
                .expectScheduledDeadline(Duration.ofHours(24), new DiscoveryDue("daily", first.plus(Duration.ofHours(24))));
    }

    /** Plays the platform's one-job trigger. */
    static class ScriptedTrigger implements ScheduledDiscoveryTrigger {
        final List<String> calls = new ArrayList<>();
        final List<String> started = new ArrayList<>();
        boolean active;
        RuntimeException failure;

        @Override
        public Optional<String> triggerAll(String triggeredBy) {
            calls.add(triggeredBy);
            if (failure != null) {
                throw failure;
            }
            if (active) {
                return Optional.empty();
            }
            String id = "job-" + calls.size();
            started.add(id);
            return Optional.of(id);
        }
    }
}
