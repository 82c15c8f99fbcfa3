package io.opsledger.platform;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the embedded relational file (H2) near its live size while it runs.
 * <p>
 * Its URL says WRITE_DELAY=0, so that every commit is in the file before the write is
 * acknowledged (kill -9 loses nothing). That setting also stops H2's background writer, and with
 * it the housekeeping that copies the live pages out of chunks that are mostly dead: H2 reuses a
 * chunk's room only once all of it is dead, and nearly every commit leaves a page or two live in
 * its chunk (a full page of events, an index page). The file grew by whatever that pinned: 100,000
 * asset creations left 1.18 GB, 6% of it live. This runs that housekeeping instead, a little at a
 * time; the rewritten chunks are reused once H2's retention time (45 s) has passed.
 */
@Component
class EmbeddedRelationalHousekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRelationalHousekeeping.class);
    /** Chunks less live than this are rewritten, as H2's own housekeeping aims under writes. */
    static final int TARGET_FILL_RATE = 80;
    /** At most about this much live data is copied per pass, so that commits wait on it only briefly. */
    private static final int WRITE_PER_PASS = 512 * 1024;
    private static final long PERIOD_MILLIS = 1_000;

    private final DataSource dataSource;
    private final boolean embedded;
    private ScheduledExecutorService timer;

    EmbeddedRelationalHousekeeping(DataSource dataSource, @Value("${spring.datasource.url}") String url) {
        this.dataSource = dataSource;
        this.embedded = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:");
    }

    /** One pass: copies the live pages of the emptiest chunks, and stores them. True if it rewrote any. */
    boolean compactOnce() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = mvStore(connection);
            if (store == null || store.isClosed() || !store.compact(TARGET_FILL_RATE, WRITE_PER_PASS)) {
                return false;
            }
            // the rewritten pages are only in memory until a commit stores them
            store.commit();
            return true;
        }
    }

    /** The file behind an embedded H2 connection; null for any other database. */
    static MVStore mvStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        Store store = session.getDatabase().getStore();
        return store == null ? null : store.getMvStore();
    }

    @Override
    public synchronized void start() {
        if (!embedded || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "relational-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                compactOnce();
            } catch (Exception | AssertionError e) {
                // the next pass tries again; said out loud, since a pass that always fails lets the file grow again
                log.warn("relational housekeeping pass failed: {}", e.toString());
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
