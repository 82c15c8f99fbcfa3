package io.opsledger.migration;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.RuleViolation;
import io.opsledger.migration.api.MigrationIds;
import io.opsledger.migration.api.MigrationMessages.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** References must exist and be the owner's; what is referenced is not deleted (H2 in PostgreSQL mode, as the app runs). */
class MigrationReferencesTest {

    private MigrationReferences refs;

    @BeforeEach
    void setUp() {
        DriverManagerDataSource data = new DriverManagerDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        refs = new MigrationReferences(new JdbcTemplate(data));
        // u1 has credential 1, mount points 2 and 4, workload 3 (credential 1, storage [2]); u2 has credential 7
        refs.on(new CredentialCreated(id(MigrationIds.CREDENTIAL, 1), 1, "u1", "root", new EncryptedSecret("x"), "corp"));
        refs.on(new CredentialCreated(id(MigrationIds.CREDENTIAL, 7), 7, "u2", "root", new EncryptedSecret("x"), "corp"));
        refs.on(new MountPointCreated(id(MigrationIds.MOUNT_POINT, 2), 2, "u1", "/data", 10));
        refs.on(new MountPointCreated(id(MigrationIds.MOUNT_POINT, 4), 4, "u1", "/logs", 10));
        refs.on(new WorkLoadCreated(id(MigrationIds.WORK_LOAD, 3), 3, "u1", "10.0.0.1", 1, List.of(2L), null, null));
    }

    private static String id(MigrationIds type, long number) { return type.aggregateId(number); }

    private RuleViolation refused(Object command) {
        return catchThrowableOfType(() -> refs.check(command), RuleViolation.class);
    }

    @Test
    void referencesMustExistAndBeTheOwners() {
        assertThatCode(() -> refs.check(new CreateWorkLoad(id(MigrationIds.WORK_LOAD, 8), 8, "u1", "10.0.0.2", 1,
                List.of(2L, 4L), null, null))).doesNotThrowAnyException();
        RuleViolation foreign = refused(new CreateWorkLoad(id(MigrationIds.WORK_LOAD, 8), 8, "u1", "10.0.0.2", 7,
                List.of(2L), null, null));
        assertThat(foreign.kind()).isEqualTo(RuleViolation.Kind.INVALID);
        assertThat(foreign.field()).isEqualTo("credentials");
        assertThat(foreign.getMessage()).isEqualTo("Invalid pk \"7\" - object does not exist.");
        assertThat(refused(new CreateWorkLoad(id(MigrationIds.WORK_LOAD, 8), 8, "u1", "10.0.0.2", 1, List.of(2L, 99L),
                null, null)).getMessage()).isEqualTo("Invalid pk \"99\" - object does not exist.");
        assertThat(refused(new UpdateWorkLoad(id(MigrationIds.WORK_LOAD, 3), null, null, List.of(5L))).field())
                .isEqualTo("storage");
        assertThat(refused(new CreateMigrationTarget(id(MigrationIds.MIGRATION_TARGET, 5), 5, "u1", null, 1, 2L)).field())
                .as("a mount point is no workload").isEqualTo("target_vm");
        assertThat(refused(new CreateMigrationTarget(id(MigrationIds.MIGRATION_TARGET, 5), 5, "u2", null, 7, 3L)).field())
                .as("u1's workload is not u2's").isEqualTo("target_vm");
        assertThat(refused(new CreateMigration(id(MigrationIds.MIGRATION, 6), 6, "u1", List.of(2L), 3, 5)).field())
                .isEqualTo("migration_target");
        assertThat(refused(new CreateMigration(id(MigrationIds.MIGRATION, 6), 6, "u1", List.of(2L), 8, 5)).field())
                .isEqualTo("source_of_type");
        assertThat(refused(new CreateMigration(id(MigrationIds.MIGRATION, 6), 6, "u1", List.of(3L), 3, 5)).field())
                .isEqualTo("selected_mount_points");
        // references not given are the aggregate's to refuse ("This field is required.")
        assertThatCode(() -> refs.check(new CreateWorkLoad(id(MigrationIds.WORK_LOAD, 8), 8, "u1", "10.0.0.2", 0,
                List.of(), null, null))).doesNotThrowAnyException();
    }

    @Test
    void whatIsInUseIsNotDeletedUntilItsUsersAreGone() {
        refs.on(new MigrationTargetCreated(id(MigrationIds.MIGRATION_TARGET, 5), 5, "u1", CloudType.aws, 1, null));
        refs.on(new MigrationCreated(id(MigrationIds.MIGRATION, 6), 6, "u1", List.of(2L), 3, 5, MigrationState.not_started));
        assertThat(refused(new DeleteCredential(id(MigrationIds.CREDENTIAL, 1))).getMessage())
                .isEqualTo("Cannot delete this credential: it is used by migration target 5 and workload 3.");
        RuleViolation mountPoint = refused(new DeleteMountPoint(id(MigrationIds.MOUNT_POINT, 2)));
        assertThat(mountPoint.field()).isNull();
        assertThat(mountPoint.getMessage()).isEqualTo("Cannot delete this mount point: it is used by migration 6 and workload 3.");
        assertThat(refused(new DeleteWorkLoad(id(MigrationIds.WORK_LOAD, 3))).getMessage())
                .isEqualTo("Cannot delete this workload: it is used by migration 6.");
        assertThatCode(() -> refs.check(new DeleteMountPoint(id(MigrationIds.MOUNT_POINT, 4)))).doesNotThrowAnyException();

        // a run places a copy on the target: the copy is then in use; the migration's delete frees the source
        refs.on(new WorkLoadCreated(id(MigrationIds.WORK_LOAD, 9), 9, "u1", "10.0.0.1", 1, List.of(2L), 3L, "run-1"));
        refs.on(new TargetVmPlaced(id(MigrationIds.MIGRATION_TARGET, 5), 5, 9, "run-1"));
        assertThat(refused(new DeleteWorkLoad(id(MigrationIds.WORK_LOAD, 9))).getMessage())
                .isEqualTo("Cannot delete this workload: it is used by migration target 5.");
        refs.on(new MigrationDeleted(id(MigrationIds.MIGRATION, 6), 6, "u1"));
        refs.on(new MigrationDeleted(id(MigrationIds.MIGRATION, 6), 6, "u1")); // delivered twice
        assertThatCode(() -> refs.check(new DeleteWorkLoad(id(MigrationIds.WORK_LOAD, 3)))).doesNotThrowAnyException();
        refs.on(new MigrationTargetUpdated(id(MigrationIds.MIGRATION_TARGET, 5), 5, CloudType.aws, 1, null));
        assertThatCode(() -> refs.check(new DeleteWorkLoad(id(MigrationIds.WORK_LOAD, 9)))).doesNotThrowAnyException();

        // a deleted object is no longer a valid reference
        refs.on(new MountPointDeleted(id(MigrationIds.MOUNT_POINT, 4), 4, "u1"));
        assertThat(refused(new UpdateWorkLoad(id(MigrationIds.WORK_LOAD, 3), null, null, List.of(4L))).getMessage())
                .isEqualTo("Invalid pk \"4\" - object does not exist.");
    }
}
