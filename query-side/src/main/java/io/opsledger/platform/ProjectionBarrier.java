package io.opsledger.platform;

import io.opsledger.common.Commands;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Read your writes, once for the whole platform: a write answers only after every projection that
 * handles one of its events has applied it.
 * <p>
 * The sender learns which events its command stored (where the command is handled on this node,
 * which is every command on a single node) and waits only for the projection groups that handle
 * those types. Where this node runs the group's processor, it is woken by the
 * processor itself (a status listener after each committed batch) and compares the processor's
 * position with its event's, without polling anything; otherwise (the processor runs on another
 * node) it polls the shared token store.
 */
@Component
public class ProjectionBarrier {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBarrier.class);
    public static final String PROJECTION_PREFIX = "projection.";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long a waiter sleeps before it looks again at a processor that runs on another node. */
    private static final long REMOTE_POLL_MAX_MILLIS = 20;

    /**
     * Woken whenever a processor of this node has committed a batch (or moved past events it
     * ignores). Static because the processors' configuration is built before this bean exists; a
     * wake-up meant for another application in the same JVM (tests) only costs a re-check.
     */
    private static final Object PROGRESS = new Object();

    /** For every processor's configuration: wakes the waiters whenever a processor's position moves. */
    public static final EventTrackerStatusChangeListener PROGRESS_LISTENER = new EventTrackerStatusChangeListener() {
        @Override
        public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updated) {
            synchronized (PROGRESS) {
                PROGRESS.notifyAll();
            }
        }

        @Override
        public boolean validatePositions() {
            return true; // called for every move of the position, not only for status flags
        }
    };

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final TokenSchema tokens = new TokenSchema();
    private final EventSchema events = new EventSchema();
    private final boolean jdbcEvents;

    public ProjectionBarrier(EventStore eventStore, CommandBus commandBus, EventProcessingConfiguration processing,
                             JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer,
                             ObjectProvider<EventStorageEngine> storage) {
        this.jdbcEvents = storage.getIfAvailable() instanceof JdbcEventStorageEngine;
        this.eventStore = eventStore;
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
        eventStore.registerDispatchInterceptor(recordEvents());
        commandBus.registerHandlerInterceptor(markHandledHere());
    }

    /**
     * What a command sent through {@link Commands} stored: filled in where it is handled, if that is
     * this node. Events are intercepted when the command's unit of work commits them.
     */
    static final class Ticket {
        private volatile boolean handledHere;
        private final List<String> eventIds = Collections.synchronizedList(new ArrayList<>());
        private final Set<Class<?>> types = Collections.synchronizedSet(new LinkedHashSet<>());
    }

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

    /** Opens a ticket for a command about to be sent. */
    Ticket open(CommandMessage<?> command) {
        Ticket ticket = new Ticket();
        tickets.put(command.getIdentifier(), ticket);
        return ticket;
    }

    /** The command has been handled (or failed): nothing more is recorded on its ticket. */
    void close(CommandMessage<?> command) {
        tickets.remove(command.getIdentifier());
    }

    private MessageHandlerInterceptor<CommandMessage<?>> markHandledHere() {
        return (unitOfWork, chain) -> {
            Ticket ticket = tickets.get(unitOfWork.getMessage().getIdentifier());
            if (ticket != null) {
                ticket.handledHere = true;
            }
            return chain.proceed();
        };
    }

    private MessageDispatchInterceptor<EventMessage<?>> recordEvents() {
        return messages -> {
            if (CurrentUnitOfWork.isStarted()) {
                Ticket ticket = tickets.get(CurrentUnitOfWork.get().root().getMessage().getIdentifier());
                if (ticket != null) {
                    messages.forEach(m -> {
                        ticket.eventIds.add(m.getIdentifier());
                        ticket.types.add(m.getPayloadType());
                    });
                }
            }
            return (index, message) -> message;
        };
    }

    /** Waits for everything in the event store up to now (used where no command is at hand). */
    public void awaitProjections() {
        TrackingToken head = eventStore.createHeadToken();
        if (head != null) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            for (String group : projectionGroups()) {
                await(group, head, deadline);
            }
        }
    }

    /**
     * Waits until the projections that handle the events on the closed ticket have applied them. A
     * command handled on another node left nothing on it: then every projection is waited for up
     * to the store's head.
     */
    void awaitProjections(Ticket ticket) {
        if (!ticket.handledHere) {
            awaitProjections();
            return;
        }
        List<String> ids;
        Set<Class<?>> types;
        synchronized (ticket.eventIds) {
            ids = List.copyOf(ticket.eventIds);
        }
        synchronized (ticket.types) {
            types = Set.copyOf(ticket.types);
        }
        if (ids.isEmpty()) {
            return; // the command stored nothing
        }
        List<String> groups = projectionGroups().stream()
                .filter(group -> types.stream().anyMatch(type -> handles(group, type))).toList();
        if (groups.isEmpty()) {
            return;
        }
        TrackingToken position = position(ids);
        if (position == null) {
            return;
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (String group : groups) {
            await(group, position, deadline);
        }
    }

    /** The position of the last of these events: exact on the JDBC store, the store's head elsewhere. */
    private TrackingToken position(List<String> eventIds) {
        if (!jdbcEvents) {
            return eventStore.createHeadToken();
        }
        String in = eventIds.stream().map(id -> "?").collect(Collectors.joining(","));
        Long last = jdbc.queryForObject("SELECT MAX(" + events.globalIndexColumn() + ") FROM " + events.domainEventTable()
                + " WHERE " + events.eventIdentifierColumn() + " IN (" + in + ")", Long.class, eventIds.toArray());
        return last == null ? null : GapAwareTrackingToken.newInstance(last, Collections.emptySet());
    }

    private void await(String group, TrackingToken position, long deadline) {
        TrackingEventProcessor local = localProcessor(group);
        if (local != null) {
            synchronized (PROGRESS) {
                while (true) {
                    Boolean applied = appliedHere(local, position);
                    if (applied == null) {
                        break; // the processor let go of its segment meanwhile: ask the token store
                    }
                    if (applied) {
                        return;
                    }
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        timedOut(group, position);
                        return;
                    }
                    waitForProgress(left);
                }
            }
        }
        long pause = 1;
        while (!reached(group, position)) {
            if (System.nanoTime() > deadline) {
                timedOut(group, position);
                return;
            }
            sleep(pause);
            pause = Math.min(pause * 2, REMOTE_POLL_MAX_MILLIS);
        }
    }

    private static void timedOut(String group, TrackingToken position) {
        log.warn("projection {} has not reached {} within {}; answering anyway", group, position, TIMEOUT);
    }

    /** The group's processor, if this node runs it and holds its segments; null otherwise. */
    private TrackingEventProcessor localProcessor(String group) {
        return processing.eventProcessor(group).filter(TrackingEventProcessor.class::isInstance)
                .map(TrackingEventProcessor.class::cast)
                .filter(p -> p.isRunning() && !p.processingStatus().isEmpty()).orElse(null);
    }

    /** Whether the local processor has passed {@code position}; null when it holds no segment now. */
    private static Boolean appliedHere(TrackingEventProcessor processor, TrackingToken position) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return null;
        }
        for (EventTrackerStatus segment : status.values()) {
            TrackingToken token = segment.getTrackingToken();
            if (token == null || !token.covers(position)) {
                return false;
            }
        }
        return true;
    }

    private static void waitForProgress(long maxMillis) {
        try {
            PROGRESS.wait(Math.min(maxMillis, 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for projections", e);
        }
    }

    List<String> projectionGroups() {
        return processing.eventProcessors().keySet().stream()
                .filter(name -> name.startsWith(PROJECTION_PREFIX)).sorted().collect(Collectors.toList());
    }

    private boolean handles(String group, Class<?> type) {
        EventHandlerInvoker invoker = invoker(group);
        return invoker == null || invoker.canHandleType(type);
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException unknown) {
            return null; // a type this node does not know: wait for every group
        }
    }

    // ---- a processor that runs on another node: its token in the shared token store

    /** Whether the group's token in the shared token store has passed {@code head}. */
    boolean reached(String group, TrackingToken head) {
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
            Class<?> known = type(type);
            if (known == null || invoker.canHandleType(known)) {
                return true;
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
