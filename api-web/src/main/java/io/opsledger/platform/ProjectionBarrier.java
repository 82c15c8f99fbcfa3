package io.opsledger.platform;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Read your writes, once for the whole platform: after a command has stored its events, wait until
 * every projection processing group has applied everything up to the event store's head. Tokens
 * are read from the shared token store, so it holds whichever node owns the projection.
 */
@Component
public class ProjectionBarrier {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBarrier.class);
    public static final String PROJECTION_PREFIX = "projection.";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final TokenSchema tokens = new TokenSchema();
    private final EventSchema events = new EventSchema();
    private final boolean jdbcEvents;
    private static final AnnotationCommandTargetResolver TARGETS = AnnotationCommandTargetResolver.builder().build();

    public ProjectionBarrier(EventStore eventStore, EventProcessingConfiguration processing, JdbcTemplate jdbc,
                             @Qualifier("serializer") Serializer serializer, ObjectProvider<EventStorageEngine> storage) {
        this.jdbcEvents = storage.getIfAvailable() instanceof JdbcEventStorageEngine;
        this.eventStore = eventStore;
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Waits for everything in the event store up to now (used where no command is at hand). */
    public void awaitProjections() {
        await(eventStore.createHeadToken());
    }

    /**
     * Waits for the events the command just stored. On the JDBC store that is its aggregate's last
     * event, so concurrent writers do not wait for each other; elsewhere it is the store's head.
     */
    public void awaitProjections(CommandMessage<?> command) {
        await(ownLastEvent(command).orElseGet(eventStore::createHeadToken));
    }

    private Optional<TrackingToken> ownLastEvent(CommandMessage<?> command) {
        if (!jdbcEvents) {
            return Optional.empty();
        }
        String aggregateId;
        try {
            aggregateId = TARGETS.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return Optional.empty();
        }
        Long last = jdbc.queryForObject("SELECT MAX(" + events.globalIndexColumn() + ") FROM " + events.domainEventTable()
                + " WHERE " + events.aggregateIdentifierColumn() + " = ?", Long.class, aggregateId);
        return last == null ? Optional.empty() : Optional.of(GapAwareTrackingToken.newInstance(last, java.util.Collections.emptySet()));
    }

    private void await(TrackingToken head) {
        if (head == null) {
            return;
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (String group : projectionGroups()) {
            long pause = 1;
            while (!reached(group, head)) {
                if (System.nanoTime() > deadline) {
                    log.warn("projection {} has not reached {} within {}; answering anyway", group, head, TIMEOUT);
                    return;
                }
                sleep(pause);
                pause = Math.min(pause * 2, 20);
            }
        }
    }

    List<String> projectionGroups() {
        return processing.eventProcessors().keySet().stream()
                .filter(name -> name.startsWith(PROJECTION_PREFIX)).sorted().collect(Collectors.toList());
    }

    private boolean reached(String group, TrackingToken head) {
        List<TrackingToken> segmentTokens = jdbc.query(
                "SELECT " + tokens.tokenColumn() + ", " + tokens.tokenTypeColumn() + " FROM " + tokens.tokenTable()
                        + " WHERE " + tokens.processorNameColumn() + " = ?",
                (rs, i) -> {
                    byte[] bytes = rs.getBytes(1);
                    String type = rs.getString(2);
                    return bytes == null ? null
                            : serializer.<byte[], TrackingToken>deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
                }, group);
        if (segmentTokens.isEmpty()) {
            return false;
        }
        for (TrackingToken token : segmentTokens) {
            if (pending(group, token, head)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the processor still has to apply something up to {@code head}. */
    private boolean pending(String group, TrackingToken token, TrackingToken head) {
        if (token == null) {
            return true;
        }
        // a replay (a rebuilt projection) wraps its position: null until it has applied its first event
        TrackingToken processed = WrappedToken.unwrapLowerBound(token);
        if ((processed == null || processed instanceof GapAwareTrackingToken) && head instanceof GapAwareTrackingToken headToken) {
            GapAwareTrackingToken gapAware = (GapAwareTrackingToken) processed;
            if (gapAware != null) {
                // a gap is an index the processor has not seen: ours are committed, so a gap holding a
                // committed event may be ours and must be waited for (the others are open or rolled back)
                SortedSet<Long> gaps = gapAware.getGaps().headSet(headToken.getIndex() + 1);
                if (!gaps.isEmpty() && committedEventsAt(gaps)) {
                    return true;
                }
                if (gapAware.getIndex() >= headToken.getIndex()) {
                    return false;
                }
            }
            return jdbcEvents ? handlesStoredBetween(group, gapAware == null ? -1 : gapAware.getIndex(), headToken.getIndex())
                    : handlesAnythingBetween(group, processed, head);
        }
        return (processed == null || !processed.covers(head)) && handlesAnythingBetween(group, processed, head);
    }

    /**
     * A processor stores its token lazily while it only skips events it has no handler for, so a
     * token behind the head may still mean "done": it is, unless an event it handles lies between.
     * Used where the store is not JDBC (Axon Server's global sequence is dense and ordered).
     * {@code processed}: what the processor has applied (null: nothing yet).
     */
    private boolean handlesAnythingBetween(String group, TrackingToken processed, TrackingToken head) {
        EventHandlerInvoker invoker = invoker(group);
        OptionalLong end = head.position();
        if (invoker == null || end.isEmpty()) {
            return true;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(processed)) {
            while (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> next = stream.nextAvailable();
                OptionalLong at = next.trackingToken().position();
                if (at.isPresent() && at.getAsLong() > end.getAsLong()) {
                    return false;
                }
                if (invoker.canHandleType(next.getPayloadType())) {
                    return true;
                }
                if (at.isPresent() && at.getAsLong() == end.getAsLong()) {
                    return false;
                }
            }
            return true; // could not read up to the head yet: keep waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * The JDBC store's own answer to "does anything this processor handles lie in (from, to]": read
     * from the table, because a stream may deliver a late-committed event after higher ones.
     */
    private boolean handlesStoredBetween(String group, long from, long to) {
        EventHandlerInvoker invoker = invoker(group);
        if (invoker == null) {
            return true;
        }
        List<String> types = jdbc.queryForList("SELECT DISTINCT " + events.payloadTypeColumn() + " FROM "
                + events.domainEventTable() + " WHERE " + events.globalIndexColumn() + " > ? AND "
                + events.globalIndexColumn() + " <= ?", String.class, from, to);
        for (String type : types) {
            try {
                if (invoker.canHandleType(Class.forName(type))) {
                    return true;
                }
            } catch (ClassNotFoundException unknown) {
                return true; // cannot tell: wait
            }
        }
        return false;
    }

    private EventHandlerInvoker invoker(String group) {
        return processing.eventProcessor(group).filter(AbstractEventProcessor.class::isInstance)
                .map(p -> ((AbstractEventProcessor) p).eventHandlerInvoker()).orElse(null);
    }

    private boolean committedEventsAt(SortedSet<Long> indexes) {
        String in = indexes.stream().map(String::valueOf).collect(Collectors.joining(","));
        Long found = jdbc.queryForObject("SELECT COUNT(*) FROM " + events.domainEventTable() + " WHERE "
                + events.globalIndexColumn() + " IN (" + in + ")", Long.class);
        return found != null && found > 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for projections", e);
        }
    }
}
