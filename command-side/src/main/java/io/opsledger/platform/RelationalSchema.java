package io.opsledger.platform;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.GenericDeadLetterTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Creates the relational tables on start, idempotently: Axon's events, tokens, sagas and dead
 * letters, db-scheduler's persistent deadlines, and OpsLedger's id sequences and unique claims.
 * PostgreSQL DDL throughout; the embedded H2 runs in PostgreSQL mode so the same DDL serves both.
 */
@Component
public class RelationalSchema {

    public RelationalSchema(JdbcTemplate jdbc, ConnectionProvider connections) throws SQLException {
        try (Connection c = connections.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            run(c, PostgresEventTableFactory.INSTANCE.createDomainEventTable(c, new EventSchema()));
            run(c, PostgresEventTableFactory.INSTANCE.createSnapshotEventTable(c, new EventSchema()));
            run(c, PostgresTokenTableFactory.INSTANCE.createTable(c, new TokenSchema()));
            run(c, new PostgresSagaSqlSchema(new SagaSchema()).sql_createTableSagaEntry(c));
            run(c, new PostgresSagaSqlSchema(new SagaSchema()).sql_createTableAssocValueEntry(c));
            runBatch(c, DEAD_LETTER_TABLES.createTableStatement(c, DeadLetterSchema.defaultSchema()));
            c.setAutoCommit(auto);
        }
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS scheduled_tasks (
                  task_name VARCHAR(100) NOT NULL, task_instance VARCHAR(100) NOT NULL, task_data BYTEA,
                  execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL, picked_by VARCHAR(50),
                  last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE,
                  consecutive_failures INT, last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,
                  priority SMALLINT, PRIMARY KEY (task_name, task_instance))""");
        jdbc.execute("CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS unique_claims (
                  scope VARCHAR(100) NOT NULL, claim_value VARCHAR(512) NOT NULL, owner VARCHAR(200) NOT NULL,
                  claimed_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (scope, claim_value))""");
    }

    /** Axon's generic dead-letter DDL says BLOB, which PostgreSQL lacks. */
    private static final GenericDeadLetterTableFactory DEAD_LETTER_TABLES = new GenericDeadLetterTableFactory() {
        @Override
        protected String serializedDataType() { return "BYTEA"; }
    };

    private static void run(Connection c, java.sql.PreparedStatement statement) throws SQLException {
        createIfMissing(statement, statement::execute);
    }

    private static void runBatch(Connection c, java.sql.Statement statement) throws SQLException {
        createIfMissing(statement, statement::executeBatch);
    }

    private interface Ddl {
        Object run() throws SQLException;
    }

    private static void createIfMissing(java.sql.Statement statement, Ddl ddl) throws SQLException {
        try (statement) {
            ddl.run();
        } catch (SQLException e) {
            // "already exists" on engines whose DDL lacks IF NOT EXISTS
            if (!String.valueOf(e.getMessage()).toLowerCase().contains("exist")) {
                throw e;
            }
        }
    }
}
