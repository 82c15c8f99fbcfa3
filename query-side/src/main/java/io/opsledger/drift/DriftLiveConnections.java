package io.opsledger.drift;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WebSocket connections open on this node, and the counts of every node for
 * /api/v1/ws/stats: each node keeps its own counts in one shared MongoDB document (written
 * whenever they change and refreshed periodically), and the stats add up the documents of nodes
 * seen recently. A node that died without saying so drops out after {@link #STALE}. The drift
 * context's bookkeeping of its live feed's audience: the web's socket opens and closes connections,
 * the contract's stats read the counts.
 */
public class DriftLiveConnections {

    private static final Logger log = LoggerFactory.getLogger(DriftLiveConnections.class);
    static final String COLLECTION = "driftmgr_ws_nodes";
    static final Duration REFRESH = Duration.ofSeconds(10);
    static final Duration STALE = Duration.ofSeconds(35);

    /** One open connection: anonymous when userId is null. */
    public record Connection(String id, String userId, boolean admin) {
        public boolean anonymous() { return userId == null; }
    }

    /** DriftMgr's counts: authenticated_users counts authenticated connections (user + admin). */
    public record Stats(long total, long authenticated, long anonymous, long user, long admin) {
        Stats plus(Stats o) {
            return new Stats(total + o.total, authenticated + o.authenticated, anonymous + o.anonymous, user + o.user, admin + o.admin);
        }
    }

    private final String nodeId = UUID.randomUUID().toString();
    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private final MongoCollection<Document> nodes;
    private final ScheduledExecutorService publisher;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final Duration publishDelay;

    public DriftLiveConnections(MongoDatabase db, Duration publishDelay) {
        this.nodes = db.getCollection(COLLECTION);
        this.publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "driftmgr-ws-stats");
            thread.setDaemon(true);
            return thread;
        });
        this.publishDelay = publishDelay;
        publisher.scheduleWithFixedDelay(this::publish, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A connection of {@code userId} (null: anonymous), counted as an admin's when {@code admin}. */
    public Connection open(String userId, boolean admin) {
        Connection connection = new Connection(UUID.randomUUID().toString(), userId, userId != null && admin);
        open.put(connection.id(), connection);
        changed();
        return connection;
    }

    public void close(Connection connection) {
        if (open.remove(connection.id()) != null) {
            changed();
        }
    }

    /** This node's counts, straight from memory. */
    public Stats local() {
        long total = 0, anonymous = 0, admin = 0;
        for (Connection c : open.values()) {
            total++;
            if (c.anonymous()) {
                anonymous++;
            } else if (c.admin()) {
                admin++;
            }
        }
        return new Stats(total, total - anonymous, anonymous, total - anonymous - admin, admin);
    }

    /** Every live node's counts: this node's from memory, the others' from their documents. */
    public Stats cluster() {
        Stats sum = local();
        Date since = Date.from(Instant.now().minus(STALE));
        for (Document d : nodes.find(Filters.and(Filters.ne("_id", nodeId), Filters.gte("seenAt", since)))) {
            sum = sum.plus(new Stats(number(d, "total"), number(d, "authenticated"), number(d, "anonymous"),
                    number(d, "user"), number(d, "admin")));
        }
        return sum;
    }

    /** Coalesces changes: one write shortly after a burst of connects or disconnects. */
    private void changed() {
        if (dirty.compareAndSet(false, true)) {
            publisher.schedule(this::publish, publishDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void publish() {
        dirty.set(false);
        try {
            Stats s = local();
            nodes.replaceOne(Filters.eq("_id", nodeId), new Document("_id", nodeId).append("total", s.total())
                    .append("authenticated", s.authenticated()).append("anonymous", s.anonymous()).append("user", s.user())
                    .append("admin", s.admin()).append("seenAt", new Date()), new ReplaceOptions().upsert(true));
            nodes.deleteMany(Filters.lt("seenAt", Date.from(Instant.now().minus(STALE.multipliedBy(10)))));
        } catch (RuntimeException e) {
            log.warn("could not publish this node's WebSocket counts: {}", e.toString());
        }
    }

    /** Stops publishing and removes this node's counts (the node is going away). */
    public void stop() {
        publisher.shutdownNow();
        try {
            nodes.deleteOne(Filters.eq("_id", nodeId));
        } catch (RuntimeException e) {
            log.debug("could not remove this node's WebSocket counts", e);
        }
    }

    private static long number(Document d, String key) {
        Object value = d.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
