package io.opsledger.platform.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB wire protocol served in-process by mongo-java-server over one file
 * ({@link EmbeddedMongoBackend}: the projections' indexes), and the driver's client to it or to an
 * external MongoDB. Every projection speaks to either through the ordinary driver.
 */
public record EmbeddedMongo(MongoServer server, H2Backend backend, InetSocketAddress address) implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    /**
     * The projections file's format, kept in a map of its own. 2: documents as BSON and unique keys
     * compared as values ({@link EmbeddedMongoBackend}); 1 (no such map) was H2Backend's own.
     */
    static final int FORMAT = 2;
    private static final String FORMAT_MAP = "format";

    /**
     * Deletes {@code file} if it holds projections in another format than this version writes, or if
     * MVStore cannot read it at all (a damaged file: MVStore reports such a file as corrupt, e.g. after a
     * power loss). They are derived data: the caller rebuilds them from the event store as for a
     * missing file. A file another process holds is left alone, and the start fails on it as before.
     */
    public static boolean discardIfUnusable(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        String reason;
        try {
            int format;
            MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
            try {
                format = store.hasMap(FORMAT_MAP) ? store.<String, Integer>openMap(FORMAT_MAP).getOrDefault("projections", 1) : 1;
            } finally {
                store.close();
            }
            if (format == FORMAT) {
                return false;
            }
            reason = "was written in projections format " + format + ", this version writes " + FORMAT;
        } catch (MVStoreException unreadable) {
            if (unreadable.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw unreadable;
            }
            reason = "cannot be read (" + unreadable.getMessage() + ")";
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not discard " + file + ", which " + reason, e);
        }
        log.warn("{} {}: discarded, the projections are rebuilt from the event store", file, reason);
        return true;
    }

    /**
     * Serves {@code file} on 127.0.0.1:{@code port} (0: any free port) with a page cache of
     * {@code cacheMb} (0 or less: {@link #defaultCacheMb()}).
     */
    public static EmbeddedMongo start(Path file, int port, int cacheMb) {
        // the background writer commits and compacts the file; ProjectionDurability also commits at
        // the end of every projection batch, so no token passes projection writes still in memory.
        // the documents and indexes in use (about 550 MB for 100,000 assets) should stay in memory:
        // with MVStore's default 16 MB page cache every list re-reads and decodes them from the
        // file (seconds); a cache that holds the working set keeps reads in memory.
        int cache = cacheMb > 0 ? cacheMb : defaultCacheMb();
        // pages are compressed (LZF) when written: the BSON of documents and index keys halves on disk, at no
        // cost the inventory bench could tell apart from noise (a file written without it still reads)
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cache).compress().open();
        // MVStore keeps replaced chunks for 45 s by default (a guard against disks that reorder
        // writes on power loss); under a commit per projection batch that made the file grow by
        // ~40 KB a write. Reusing them at once keeps it near its live size; should a power loss ever
        // damage this derived file, deleting it rebuilds the projections (MongoConfiguration).
        store.setRetentionTime(0);
        store.<String, Integer>openMap(FORMAT_MAP).putIfAbsent("projections", FORMAT);
        H2Backend backend = new EmbeddedMongoBackend(store);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        log.info("embedded MongoDB wire server on {} over {} ({} MB page cache)", address, file, cache);
        return new EmbeddedMongo(server, backend, address);
    }

    /** A quarter of the heap, at most 1 GB: room for about 200,000 assets' documents. */
    static int defaultCacheMb() {
        long quarterOfHeapMb = Runtime.getRuntime().maxMemory() / (4L * 1024 * 1024);
        return (int) Math.max(16, Math.min(1024, quarterOfHeapMb));
    }

    /**
     * The client to {@code local} if there is one, else to {@code uri}: an external MongoDB
     * acknowledges journaled majority writes, the embedded one commits at each batch's end.
     */
    public static MongoClient client(String uri, EmbeddedMongo local) {
        String target = local == null ? uri
                : "mongodb://" + local.address().getHostString() + ":" + local.address().getPort();
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(target))
                .writeConcern(local == null ? WriteConcern.MAJORITY.withJournal(true) : WriteConcern.ACKNOWLEDGED)
                .build());
    }

    /** The database {@code uri} names, else "opsledger" (always so for the embedded engine). */
    public static String databaseName(String uri) {
        String name = uri.isBlank() ? null : new ConnectionString(uri).getDatabase();
        return name == null ? "opsledger" : name;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
