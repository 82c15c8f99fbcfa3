package io.opsledger.drift;

import io.opsledger.drift.DriftLiveQueries.DriftLiveUpdate;
import io.opsledger.drift.DriftLiveQueries.WatchDriftLive;
import io.opsledger.drift.api.DriftDetectionMessages.*;
import io.opsledger.drift.api.LockInfo;
import io.opsledger.drift.api.StateMessages.StateLocked;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The live feed on Axon's own query update emitter: which events become which messages. */
class DriftLiveFeedTest {

    final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    final DriftLiveFeed feed = new DriftLiveFeed(emitter, 3);
    final List<DriftLiveUpdate> received = new CopyOnWriteArrayList<>();
    final Instant at = Instant.parse("2025-09-24T10:00:00Z");

    @BeforeEach
    void subscribe() {
        UpdateHandlerRegistration<DriftLiveUpdate> registration = emitter.registerUpdateHandler(
                new GenericSubscriptionQueryMessage<>(new WatchDriftLive(), ResponseTypes.instanceOf(String.class),
                        ResponseTypes.instanceOf(DriftLiveUpdate.class)), 1024);
        registration.getUpdates().map(SubscriptionQueryUpdateMessage::getPayload).subscribe(received::add);
    }

    List<String> types() { return received.stream().map(DriftLiveUpdate::type).toList(); }

    @Test
    void theSubscriptionIsConfirmed() {
        assertThat(feed.handle(new WatchDriftLive())).isEqualTo("subscribed");
    }

    @Test
    void aLockIsAStateUpdateAtTheEventsTime() {
        feed.on(new StateLocked("s1", new LockInfo("l1", "p", "OperationTypeApply", "me@host", "v", at, "apply")), at);
        assertThat(received).singleElement().satisfies(u -> {
            assertThat(u.type()).isEqualTo("state_update");
            assertThat(u.timestamp()).isEqualTo(at);
            assertThat(u.data()).containsEntry("state_id", "s1").containsEntry("action", "locked")
                    .containsEntry("reason", "apply").containsEntry("lock_id", "l1").containsEntry("external", false);
        });
    }

    @Test
    void aJobKeepsWhatItIsAboutFromItsRequestAndAlertsOnlyOverTheThreshold() {
        feed.on(new DriftDetectionRequested("j1", "s1", "r1", true, true, "me", at), at);
        feed.on(new DriftDetectionStarted("j1", 10, at), at);
        feed.on(new DriftDetectionCompleted("j1", null, null, 10, 2, 3, Map.of("low", 3), 0, 0, List.of("ERROR x", "done"), at), at);
        assertThat(types()).containsExactly("drift_detection", "drift_detection", "drift_detection", "log", "log", "log");
        assertThat(received.get(1).data()).containsEntry("status", "running").containsEntry("state_id", "s1")
                .containsEntry("resource_id", "r1");
        assertThat(received.get(2).data()).containsEntry("status", "completed").containsEntry("drift_detected", true)
                .containsEntry("drift_count", 3).containsEntry("state_id", "s1").containsEntry("resource_id", "r1");
        assertThat(received.get(3).data()).containsEntry("level", "error").containsEntry("message", "ERROR x");
        assertThat(received.get(5).data()).containsEntry("message", "Drift detection completed");

        received.clear();
        feed.on(new DriftDetectionCompleted("j2", "s1", null, 10, 4, 4, Map.of("high", 4), 0, 0, List.of(), at), at);
        assertThat(types()).containsExactly("drift_detection", "log", "system_alert");
        assertThat(received.get(2).data()).containsEntry("severity", "warning")
                .containsEntry("message", DriftLiveFeed.HIGH_DRIFT);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) received.get(2).data().get("details");
        assertThat(details).containsEntry("drift_count", 4).containsEntry("threshold", 3).containsEntry("job_id", "j2");
    }

    @Test
    void aFailedJobSaysWhyInItsStatusAndItsLog() {
        feed.on(new DriftDetectionFailed("j3", "no credentials", at), at);
        assertThat(types()).containsExactly("drift_detection", "log");
        assertThat(received.get(0).data()).containsEntry("status", "failed").containsEntry("error", "no credentials");
        assertThat(received.get(1).data()).containsEntry("level", "error");
    }

    @Test
    void logLevelsComeFromTheLinesOwnPrefix() {
        assertThat(DriftLiveFeed.level("WARN something")).isEqualTo("warning");
        assertThat(DriftLiveFeed.level("[ERROR] x")).isEqualTo("error");
        assertThat(DriftLiveFeed.level("debug: y")).isEqualTo("debug");
        assertThat(DriftLiveFeed.level("checked 5 resources")).isEqualTo("info");
        assertThat(DriftLiveFeed.level(null)).isEqualTo("info");
    }
}
