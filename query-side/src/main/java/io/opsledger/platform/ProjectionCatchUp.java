package io.opsledger.platform;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Whether this node's projections have caught up with the event store as it stood when the node
 * started: after their file was lost (every projection reads the whole store again) or after a
 * long stop. While they have not, {@link #caughtUp()} says no (the health endpoint answers
 * "rebuilding") and a log line every few seconds gives the percentage, the rate and the groups
 * still behind.
 */
@Component
public class ProjectionCatchUp {

    private static final Logger log = LoggerFactory.getLogger(ProjectionCatchUp.class);
    private static final long REPORT_EVERY_NANOS = 2_000_000_000L;
    /** How often the reporter looks: the end of the rebuild is logged (and timed) within this. */
    private static final long LOOK_EVERY_MILLIS = 100;

    private final ProjectionBarrier barrier;
    private final EventProcessingConfiguration processing;
    /** The store's head when this node started; null when the store was empty. */
    private final TrackingToken startHead;
    private volatile boolean caughtUp;

    public ProjectionCatchUp(ProjectionBarrier barrier, EventProcessingConfiguration processing, EventStore eventStore) {
        this.barrier = barrier;
        this.processing = processing;
        this.startHead = eventStore.createHeadToken();
        this.caughtUp = startHead == null || startHead.position().orElse(-1) < 0;
    }

    /** Whether every projection has applied what the store held when this node started; once yes, always yes. */
    public boolean caughtUp() {
        if (!caughtUp && behind().groups().isEmpty()) {
            caughtUp = true;
        }
        return caughtUp;
    }

    /** The groups still behind, and the position of the slowest of those this node runs (-1: unknown). */
    record Behind(List<String> groups, long slowest) {}

    Behind behind() {
        List<String> groups = new ArrayList<>();
        long slowest = Long.MAX_VALUE;
        for (String group : barrier.projectionGroups()) {
            Map<Integer, EventTrackerStatus> segments = processing.eventProcessor(group, StreamingEventProcessor.class)
                    .map(StreamingEventProcessor::processingStatus).orElse(Map.of());
            if (segments.isEmpty()) {
                // not started yet, or another node holds it: its token in the shared store says
                if (!barrier.reached(group, startHead)) {
                    groups.add(group);
                }
                continue;
            }
            for (EventTrackerStatus segment : segments.values()) {
                TrackingToken token = segment.getTrackingToken();
                if (!segment.isCaughtUp() && (token == null || !token.covers(startHead))) {
                    groups.add(group);
                    OptionalLong at = segment.getCurrentPosition();
                    slowest = Math.min(slowest, at.orElse(-1));
                    break;
                }
            }
        }
        return new Behind(groups, slowest == Long.MAX_VALUE ? -1 : slowest);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void reportWhileBehind() {
        if (caughtUp()) {
            return;
        }
        Thread reporter = new Thread(this::report, "projection-catch-up");
        reporter.setDaemon(true);
        reporter.start();
    }

    private void report() {
        long head = startHead.position().orElse(0);
        long started = System.nanoTime();
        long lastAt = started - REPORT_EVERY_NANOS;
        long lastPosition = -1;
        long firstPosition = -1;
        try {
            while (true) {
                Behind behind = behind();
                long now = System.nanoTime();
                if (behind.groups().isEmpty()) {
                    caughtUp = true;
                    double seconds = (now - started) / 1e9;
                    long applied = firstPosition < 0 ? 0 : head - firstPosition;
                    log.info("projections caught up with the event store (position {}) in {} s, {} events/s",
                            head, String.format("%.1f", seconds), seconds > 0 ? Math.round(applied / seconds) : applied);
                    return;
                }
                if (now - lastAt < REPORT_EVERY_NANOS) {
                    Thread.sleep(LOOK_EVERY_MILLIS);
                    continue;
                }
                long position = behind.slowest();
                String behindGroups = String.join(", ", behind.groups());
                if (position < 0) {
                    log.info("projections rebuilding: waiting for {}", behindGroups);
                } else if (lastPosition < 0) {
                    firstPosition = position;
                    log.info("projections rebuilding from position {} of {}: {}", position, head, behindGroups);
                } else {
                    long rate = Math.round((position - lastPosition) / ((now - lastAt) / 1e9));
                    log.info("projections rebuilding: {}% ({} of {} events), {} events/s, behind: {}",
                            head > 0 ? Math.min(100, position * 100 / head) : 100, position, head, rate, behindGroups);
                }
                lastPosition = position;
                lastAt = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("could not tell how far the projections are", e);
        }
    }
}
