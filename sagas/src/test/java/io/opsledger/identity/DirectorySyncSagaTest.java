package io.opsledger.identity;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.identity.DirectorySyncSaga.SyncDue;
import io.opsledger.identity.api.DirectoryMessages;
import io.opsledger.identity.api.DirectoryMessages.DirectorySettings;
import io.opsledger.identity.api.DirectoryMessages.DirectorySettingsCleared;
import io.opsledger.identity.api.DirectoryMessages.DirectorySettingsSaved;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled directory sync: from saved settings until a reset, every interval, failures or not. */
class DirectorySyncSagaTest {

    private static final Instant T0 = Instant.parse("2026-03-06T10:00:00Z");
    private static final String ID = DirectoryMessages.DIRECTORY;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final DirectorySettingsSaved SAVED = new DirectorySettingsSaved(ID, new DirectorySettings(
            "ldap://127.0.0.1:389", "cn=admin", new EncryptedSecret("c"), "", "", "", "", false,
            Duration.ofSeconds(5), Duration.ofSeconds(10)), "OpenLDAP");

    private int syncs;
    private boolean failing;
    private Duration interval = HOUR;
    private SagaTestFixture<DirectorySyncSaga> fixture;
    private Clock clock;

    @BeforeEach
    void setUp() {
        clock = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(T0, ZoneOffset.UTC);
        fixture = new SagaTestFixture<>(DirectorySyncSaga.class);
        fixture.registerResource(new DirectorySyncTrigger() {
            @Override
            public Duration interval() { return interval; }

            @Override
            public void sync() {
                syncs++;
                if (failing) {
                    throw new IllegalStateException("LDAP server unreachable");
                }
            }
        });
        fixture.givenCurrentTime(T0);
    }

    @AfterEach
    void restoreClock() { GenericEventMessage.clock = clock; }

    @Test
    void savedSettingsScheduleASyncOneIntervalLater() {
        fixture.givenNoPriorActivity().whenPublishingA(SAVED)
                .expectActiveSagas(1)
                .expectScheduledDeadline(HOUR, new SyncDue(T0.plus(HOUR)));
        assertThat(syncs).isZero();
    }

    @Test
    void savingAgainKeepsTheOnePendingSync() {
        fixture.givenAPublished(SAVED).whenPublishingA(SAVED)
                .expectActiveSagas(1)
                .expectScheduledDeadline(HOUR, new SyncDue(T0.plus(HOUR)));
    }

    @Test
    void aDueSyncRunsAndTheNextIsScheduled() {
        fixture.givenAPublished(SAVED).whenTimeElapses(HOUR)
                .expectTriggeredDeadlines(new SyncDue(T0.plus(HOUR)))
                .expectScheduledDeadline(HOUR, new SyncDue(T0.plus(HOUR).plus(HOUR)));
        assertThat(syncs).isEqualTo(1);
    }

    @Test
    void aFailedSyncStillSchedulesTheNext() {
        failing = true;
        fixture.givenAPublished(SAVED).whenTimeElapses(HOUR)
                .expectTriggeredDeadlines(new SyncDue(T0.plus(HOUR)))
                .expectScheduledDeadline(HOUR, new SyncDue(T0.plus(HOUR).plus(HOUR)));
        assertThat(syncs).isEqualTo(1);
    }

    @Test
    void aResetEndsTheScheduleAndTheSaga() {
        fixture.givenAPublished(SAVED).whenPublishingA(new DirectorySettingsCleared(ID))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aZeroIntervalSchedulesNothing() {
        interval = Duration.ZERO;
        fixture.givenNoPriorActivity().whenPublishingA(SAVED)
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines();
    }
}
