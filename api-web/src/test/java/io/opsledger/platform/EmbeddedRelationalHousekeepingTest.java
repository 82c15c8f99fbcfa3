package io.opsledger.platform;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded relational file under the event store's pattern of writes (an append and a token
 * update per commit, each commit on disk at once): without housekeeping most of what the file holds
 * is dead; with it the chunks are mostly live again, so H2 can reuse the rest.
 */
class EmbeddedRelationalHousekeepingTest {

    @Test
    void passesCopyTheLivePagesOutOfMostlyDeadChunks(@TempDir Path folder) throws Exception {
        // H2 rewrites only chunks older than its retention time: 45 s in production, 0.1 s here
        String url = "jdbc:h2:file:" + folder.resolve("opsledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0"
                + ";RETENTION_TIME=100";
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        EmbeddedRelationalHousekeeping housekeeping = new EmbeddedRelationalHousekeeping(dataSource, url);
        try (Connection keepOpen = dataSource.getConnection()) {
            try (Statement ddl = keepOpen.createStatement()) {
                ddl.execute("CREATE TABLE events (global_index BIGINT PRIMARY KEY, payload VARCHAR(1000))");
                ddl.execute("CREATE TABLE tokens (name VARCHAR(100) PRIMARY KEY, position BIGINT)");
                ddl.execute("INSERT INTO tokens VALUES ('projection', 0)");
            }
            try (PreparedStatement append = keepOpen.prepareStatement("INSERT INTO events VALUES (?, ?)");
                 PreparedStatement token = keepOpen.prepareStatement("UPDATE tokens SET position = ?")) {
                for (long i = 1; i <= 3_000; i++) {
                    append.setLong(1, i);
                    append.setString(2, "asset created " + i + " ".repeat(300));
                    append.executeUpdate();
                    token.setLong(1, i);
                    token.executeUpdate();
                }
            }
            MVStore store = EmbeddedRelationalHousekeeping.mvStore(keepOpen);
            assertThat(store).isNotNull();
            int before = store.getFileStore().getChunksFillRate();
            assertThat(before).as("live share of the chunks before").isLessThan(50);

            // as the timer does: a pass now and then, each copying a little
            int passes = 0;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (store.getFileStore().getChunksFillRate() < EmbeddedRelationalHousekeeping.TARGET_FILL_RATE
                    && System.nanoTime() < deadline) {
                Thread.sleep(150);
                passes += housekeeping.compactOnce() ? 1 : 0;
            }
            assertThat(passes).isPositive();
            assertThat(store.getFileStore().getChunksFillRate()).as("live share after %d passes (%d%% before)", passes, before)
                    .isGreaterThanOrEqualTo(EmbeddedRelationalHousekeeping.TARGET_FILL_RATE);
            try (Statement check = keepOpen.createStatement(); var rows = check.executeQuery(
                    "SELECT COUNT(*), MAX(global_index), (SELECT position FROM tokens) FROM events")) {
                rows.next();
                assertThat(rows.getLong(1)).as("nothing lost").isEqualTo(3_000);
                assertThat(rows.getLong(2)).isEqualTo(3_000);
                assertThat(rows.getLong(3)).isEqualTo(3_000);
            }
        }
    }

    @Test
    void anyOtherDatabaseIsLeftAlone() throws SQLException {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:housekeeping");
        EmbeddedRelationalHousekeeping housekeeping = new EmbeddedRelationalHousekeeping(memory, "jdbc:postgresql://db/opsledger");
        housekeeping.start();
        assertThat(housekeeping.isRunning()).isFalse();
    }
}
