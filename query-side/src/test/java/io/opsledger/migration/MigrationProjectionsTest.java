package io.opsledger.migration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.migration.api.MigrationMessages;
import io.opsledger.migration.api.MigrationMessages.*;
import io.opsledger.migration.api.MigrationQueries.*;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration read models over the MongoDB wire protocol, redeliveries included. */
class MigrationProjectionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String M = "migration.migration:4";
    private MongoServer server;
    private MongoClient client;
    private MigrationCredentialProjection credentials;
    private WorkLoadProjection workLoads;
    private MigrationTargetProjection targets;
    private MigrationProjection migrations;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoDatabase db = client.getDatabase("test");
        credentials = new MigrationCredentialProjection(db);
        workLoads = new WorkLoadProjection(db);
        targets = new MigrationTargetProjection(db);
        migrations = new MigrationProjection(db, SimpleQueryUpdateEmitter.builder().build());
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void objectsAreTheirOwnersSortedByNumberAndGoneWhenDeleted() {
        credentials.on(new CredentialCreated("migration.credential:2", 2, "u1", "b", new EncryptedSecret("c2"), "d"), 0);
        credentials.on(new CredentialCreated("migration.credential:1", 1, "u1", "a", new EncryptedSecret("c1"), "d"), 0);
        credentials.on(new CredentialCreated("migration.credential:3", 3, "u2", "c", new EncryptedSecret("c3"), "d"), 0);
        credentials.on(new CredentialUpdated("migration.credential:1", 1, "root", new EncryptedSecret("c9"), "corp"), 1);
        credentials.on(new CredentialCreated("migration.credential:1", 1, "u1", "a", new EncryptedSecret("c1"), "d"), 0);
        assertThat(credentials.handle(new ListCredentials("u1"))).extracting(CredentialView::number).containsExactly(1L, 2L);
        assertThat(credentials.handle(new FindCredential("u1", 1)))
                .isEqualTo(new CredentialView(1, "u1", "root", new EncryptedSecret("c9"), "corp"));
        assertThat(credentials.handle(new FindCredential("u2", 1))).isNull();
        credentials.on(new CredentialDeleted("migration.credential:2", 2, "u1"), 1);
        credentials.on(new CredentialCreated("migration.credential:2", 2, "u1", "b", new EncryptedSecret("c2"), "d"), 0);
        assertThat(credentials.handle(new FindCredential("u1", 2))).isNull();
        assertThat(credentials.handle(new ListCredentials("u1"))).hasSize(1);

        workLoads.on(new WorkLoadCreated("migration.work_load:3", 3, "u1", "10.0.0.1", 1, List.of(2L), null, null), 0);
        workLoads.on(new WorkLoadCreated("migration.work_load:9", 9, "u1", "10.0.0.1", 1, List.of(2L), 3L, "run-1"), 0);
        assertThat(workLoads.handle(new FindWorkLoad("u1", 9)))
                .isEqualTo(new WorkLoadView(9, "u1", "10.0.0.1", 1, List.of(2L), 3L));
        targets.on(new MigrationTargetCreated("migration.migration_target:5", 5, "u1", CloudType.aws, 1, null), 0);
        targets.on(new TargetVmPlaced("migration.migration_target:5", 5, 9, "run-1"), 1);
        assertThat(targets.handle(new FindMigrationTarget("u1", 5)).targetVm()).isEqualTo(9L);
    }

    @Test
    void aMigrationShowsItsLatestRunsSteps() {
        migrations.on(new MigrationCreated(M, 4, "u1", List.of(1L, 2L), 3, 5, MigrationState.not_started), 0);
        migrations.on(new MigrationRunStarted(M, 4, "u1", "run-1", 3, 5, List.of(1L, 2L)), 1, T0);
        migrations.on(new MigrationRunFailed(M, 4, "run-1", MigrationMessages.NOT_IN_SOURCE), 2, T0);
        assertThat(migrations.handle(new FindMigration("u1", 4)).state()).isEqualTo(MigrationState.error);

        migrations.on(new MigrationRunStarted(M, 4, "u1", "run-2", 3, 5, List.of(1L, 2L)), 3, T0.plusSeconds(1));
        migrations.on(new MigrationCopyMade(M, 4, "run-2", 9, List.of(1L, 2L)), 4, T0.plusSeconds(2));
        migrations.on(new TargetVmPlaced("migration.migration_target:5", 5, 9, "run-2"), T0.plusSeconds(3));
        migrations.on(new TargetVmPlaced("migration.migration_target:5", 5, 9, "run-2"), T0.plusSeconds(3)); // twice
        migrations.on(new MigrationRunSucceeded(M, 4, "run-2", 9), 5, T0.plusSeconds(4));
        migrations.on(new MigrationCopyMade(M, 4, "run-2", 9, List.of(1L, 2L)), 4, T0.plusSeconds(2)); // redelivered

        MigrationView view = migrations.handle(new FindMigration("u1", 4));
        assertThat(view.state()).isEqualTo(MigrationState.success);
        assertThat(view.runId()).isEqualTo("run-2");
        assertThat(view.steps()).extracting(RunStep::step)
                .containsExactly("started", "copied", "target_vm_placed", "succeeded");
        assertThat(view.steps().get(1).detail()).isEqualTo("copied workload 3 as 9 with mount points [1, 2]");
        assertThat(view.steps().get(3).state()).isEqualTo(MigrationState.success);
        assertThat(view.steps()).allSatisfy(s -> assertThat(s.runId()).isEqualTo("run-2"));
        assertThat(migrations.handle(new WatchMigrationRun("u1", 4))).isEqualTo(view);
        assertThat(migrations.handle(new ListMigrations("u2"))).isEmpty();
    }
}
