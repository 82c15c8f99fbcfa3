package io.opsledger.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void startsARealServerThatTakesWritesAndCleansUpOnClose() throws Exception {
        Path directory;
        String jdbcUrl;
        try (PostgresServer pg = PostgresServer.start()) {
            directory = pg.directory();
            jdbcUrl = pg.jdbcUrl();
            assertThat(jdbcUrl).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/opsledger");

            try (Connection connection = DriverManager.getConnection(jdbcUrl, pg.username(), pg.password());
                 Statement statement = connection.createStatement()) {
                try (ResultSet rs = statement.executeQuery("select version(), current_database(), current_setting('wal_level')")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).startsWith("PostgreSQL 15");
                    assertThat(rs.getString(2)).isEqualTo("opsledger");
                    assertThat(rs.getString(3)).isEqualTo("replica");
                }

                statement.execute("create table ledger_entry (id bigserial primary key, note text not null)");
                try (PreparedStatement insert = connection.prepareStatement("insert into ledger_entry (note) values (?)")) {
                    for (String note : List.of("first", "second")) {
                        insert.setString(1, note);
                        insert.executeUpdate();
                    }
                }
                List<String> notes = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("select note from ledger_entry order by id")) {
                    while (rs.next()) {
                        notes.add(rs.getString(1));
                    }
                }
                assertThat(notes).containsExactly("first", "second");
            }

            assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, pg.username(), "wrong-password").close())
                    .isInstanceOf(SQLException.class);
        }

        assertThat(Files.exists(directory)).isFalse();
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, "postgres", "any").close())
                .isInstanceOf(SQLException.class);
    }
}
