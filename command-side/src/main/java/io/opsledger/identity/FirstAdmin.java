package io.opsledger.identity;

import io.opsledger.identity.api.IdentityCommands;
import io.opsledger.identity.api.IdentityEvents.UserRegistered;
import io.opsledger.identity.api.Role;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.concurrent.TimeUnit;

/**
 * Whether the first admin (the superadmin) exists, as the event store says, never a projection
 * (a rebuilding projection would say "no"). It exists once the stream of
 * {@link IdentityCommands#FIRST_ADMIN_ID} does; installations from before that id kept their
 * superadmin under another id, so the events are read once per process to find one.
 */
public class FirstAdmin {

    private final EventStore events;
    private volatile boolean exists;
    private volatile boolean noEarlierSuperadmin;
    private TrackingToken scanned;

    public FirstAdmin(EventStore events) {
        this.events = events;
    }

    public boolean exists() {
        if (!exists && (events.lastSequenceNumberFor(IdentityCommands.FIRST_ADMIN_ID).isPresent() || earlierSuperadminRegistered())) {
            exists = true; // the superadmin can be neither deleted nor demoted: once true, true for good
        }
        return exists;
    }

    /** The username the first admin registered with, or null when it registered under no first-admin id. */
    public String registeredUsername() {
        // from sequence 0: the events themselves, not a snapshot of the aggregate
        return events.readEvents(IdentityCommands.FIRST_ADMIN_ID, 0).asStream()
                .map(m -> m.getPayload() instanceof UserRegistered r ? r.username() : null)
                .findFirst().orElse(null);
    }

    /**
     * A superadmin registered under another id (before the first-admin id existed). The aggregate
     * refuses that since, so once the events have been read to the end, nothing new can turn up.
     */
    private synchronized boolean earlierSuperadminRegistered() {
        if (noEarlierSuperadmin) {
            return false;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(scanned)) {
            while (stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                scanned = event.trackingToken();
                if (UserRegistered.class.equals(event.getPayloadType())
                        && ((UserRegistered) event.getPayload()).role() == Role.SUPERADMIN) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the events", e);
        }
        noEarlierSuperadmin = true;
        return false;
    }
}
