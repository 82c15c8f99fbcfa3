package io.opsledger.migration;

import io.opsledger.common.RuleViolation;
import io.opsledger.migration.api.MigrationIds;
import io.opsledger.migration.api.MigrationMessages.*;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The migration context's references, a set-based rule checked where commands are dispatched
 * against an event-maintained lookup (two relational tables, kept in the unit of work of the events
 * that change them, like unique claims):
 * <ul>
 * <li>what a command references (a workload's credentials and storage, a target's cloud_credentials
 * and target_vm, a migration's source, target and mount points) must exist and be the same owner's,
 * else {@code {"<field>": ["Invalid pk \"7\" - object does not exist."]}} (DRF's words, the field
 * as on the wire);</li>
 * <li>an object still referenced is not deleted: a field-less refusal (400 {@code {"detail": "Cannot
 * delete this credential: it is used by workload 3."}}) naming every object that uses it.</li>
 * </ul>
 * A number below 1 stands for a reference not given; the aggregate says it is required.
 */
@ProcessingGroup(MigrationReferences.GROUP)
public class MigrationReferences {

    /** A subscribing processor: the lookup changes with the command that changed the references. */
    public static final String GROUP = "migration.references";

    private final JdbcTemplate jdbc;

    public MigrationReferences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS migration_objects (
                  aggregate_id VARCHAR(200) NOT NULL PRIMARY KEY, object_number BIGINT NOT NULL,
                  owner_id VARCHAR(200))""");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS migration_references (
                  from_id VARCHAR(200) NOT NULL, field VARCHAR(60) NOT NULL, to_id VARCHAR(200) NOT NULL,
                  PRIMARY KEY (from_id, field, to_id))""");
        jdbc.execute("CREATE INDEX IF NOT EXISTS migration_references_to ON migration_references (to_id)");
    }

    /** Checks every command before it is dispatched (registered on the command bus). */
    public MessageDispatchInterceptor<CommandMessage<?>> interceptor() {
        return messages -> (index, message) -> {
            check(message.getPayload());
            return message;
        };
    }

    // ---- the check

    static String invalidPk(long number) {
        return "Invalid pk \"" + number + "\" - object does not exist.";
    }

    /** Refuses {@code command} if it references what is missing or someone else's, or deletes what is in use. */
    public void check(Object command) {
        if (command instanceof CreateWorkLoad c) {
            exists(c.ownerId(), "credentials", MigrationIds.CREDENTIAL, c.credentials());
            allExist(c.ownerId(), "storage", MigrationIds.MOUNT_POINT, c.storage());
        } else if (command instanceof UpdateWorkLoad u) {
            String owner = ownerOf(u.id());
            if (owner != null) {
                exists(owner, "credentials", MigrationIds.CREDENTIAL, u.credentials());
                allExist(owner, "storage", MigrationIds.MOUNT_POINT, u.storage());
            }
        } else if (command instanceof CreateMigrationTarget c) {
            exists(c.ownerId(), "cloud_credentials", MigrationIds.CREDENTIAL, c.cloudCredentials());
            exists(c.ownerId(), "target_vm", MigrationIds.WORK_LOAD, c.targetVm());
        } else if (command instanceof UpdateMigrationTarget u) {
            String owner = ownerOf(u.id());
            if (owner != null) {
                exists(owner, "cloud_credentials", MigrationIds.CREDENTIAL, u.cloudCredentials());
                exists(owner, "target_vm", MigrationIds.WORK_LOAD, u.clearTargetVm() ? null : u.targetVm());
            }
        } else if (command instanceof PlaceTargetVm p) {
            String owner = ownerOf(p.id());
            if (owner != null) {
                exists(owner, "target_vm", MigrationIds.WORK_LOAD, p.workLoad());
            }
        } else if (command instanceof CreateMigration c) {
            allExist(c.ownerId(), "selected_mount_points", MigrationIds.MOUNT_POINT, c.selectedMountPoints());
            exists(c.ownerId(), "source_of_type", MigrationIds.WORK_LOAD, c.source());
            exists(c.ownerId(), "migration_target", MigrationIds.MIGRATION_TARGET, c.target());
        } else if (command instanceof UpdateMigration u) {
            String owner = ownerOf(u.id());
            if (owner != null) {
                allExist(owner, "selected_mount_points", MigrationIds.MOUNT_POINT, u.selectedMountPoints());
                exists(owner, "source_of_type", MigrationIds.WORK_LOAD, u.source());
                exists(owner, "migration_target", MigrationIds.MIGRATION_TARGET, u.target());
            }
        } else if (command instanceof DeleteCredential d) {
            unused(d.id());
        } else if (command instanceof DeleteMountPoint d) {
            unused(d.id());
        } else if (command instanceof DeleteWorkLoad d) {
            unused(d.id());
        } else if (command instanceof DeleteMigrationTarget d) {
            unused(d.id());
        }
    }

    private void exists(String owner, String field, MigrationIds type, Long number) {
        if (number == null || number < 1) {
            return;
        }
        if (!owner(type.aggregateId(number)).equals(String.valueOf(owner))) {
            throw RuleViolation.invalid(field, invalidPk(number));
        }
    }

    private void allExist(String owner, String field, MigrationIds type, Collection<Long> numbers) {
        if (numbers != null) {
            for (Long number : numbers) {
                exists(owner, field, type, number);
            }
        }
    }

    /** The owner of an object, or "" when there is no such object (so it equals no owner). */
    private String owner(String aggregateId) {
        String owner = ownerOf(aggregateId);
        return owner == null ? "" : owner;
    }

    private String ownerOf(String aggregateId) {
        List<String> owners = jdbc.queryForList("SELECT owner_id FROM migration_objects WHERE aggregate_id = ?",
                String.class, aggregateId);
        return owners.isEmpty() ? null : owners.get(0);
    }

    private void unused(String aggregateId) {
        List<Map<String, Object>> users = jdbc.queryForList("""
                SELECT DISTINCT r.from_id, o.object_number FROM migration_references r
                JOIN migration_objects o ON o.aggregate_id = r.from_id WHERE r.to_id = ?""", aggregateId);
        if (users.isEmpty()) {
            return;
        }
        List<Map<String, Object>> sorted = new ArrayList<>(users);
        sorted.sort(Comparator.comparing((Map<String, Object> row) -> kindOf((String) row.get("from_id")))
                .thenComparingLong(row -> ((Number) row.get("object_number")).longValue()));
        List<String> names = sorted.stream()
                .map(row -> kindOf((String) row.get("from_id")) + " " + ((Number) row.get("object_number")).longValue())
                .toList();
        String list = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        throw RuleViolation.invalid(null, "Cannot delete this " + kindOf(aggregateId) + ": it is used by " + list + ".");
    }

    /** How a message names an object of this aggregate id's type. */
    static String kindOf(String aggregateId) {
        for (MigrationIds type : MigrationIds.values()) {
            if (aggregateId.startsWith(type.sequence() + ":")) {
                return switch (type) {
                    case CREDENTIAL -> "credential";
                    case MOUNT_POINT -> "mount point";
                    case WORK_LOAD -> "workload";
                    case MIGRATION_TARGET -> "migration target";
                    case MIGRATION -> "migration";
                };
            }
        }
        return "object";
    }

    // ---- the lookup, kept by the events (idempotent: each write replaces what it writes)

    @EventHandler
    public void on(CredentialCreated e) { remember(e.id(), e.number(), e.ownerId()); }

    @EventHandler
    public void on(CredentialDeleted e) { forget(e.id()); }

    @EventHandler
    public void on(MountPointCreated e) { remember(e.id(), e.number(), e.ownerId()); }

    @EventHandler
    public void on(MountPointDeleted e) { forget(e.id()); }

    @EventHandler
    public void on(WorkLoadCreated e) {
        remember(e.id(), e.number(), e.ownerId());
        workLoadRefs(e.id(), e.credentials(), e.storage());
    }

    @EventHandler
    public void on(WorkLoadUpdated e) { workLoadRefs(e.id(), e.credentials(), e.storage()); }

    @EventHandler
    public void on(WorkLoadDeleted e) { forget(e.id()); }

    @EventHandler
    public void on(MigrationTargetCreated e) {
        remember(e.id(), e.number(), e.ownerId());
        targetRefs(e.id(), e.cloudCredentials(), e.targetVm());
    }

    @EventHandler
    public void on(MigrationTargetUpdated e) { targetRefs(e.id(), e.cloudCredentials(), e.targetVm()); }

    @EventHandler
    public void on(TargetVmPlaced e) { refer(e.id(), "target_vm", MigrationIds.WORK_LOAD, List.of(e.workLoad())); }

    @EventHandler
    public void on(MigrationTargetDeleted e) { forget(e.id()); }

    @EventHandler
    public void on(MigrationCreated e) {
        remember(e.id(), e.number(), e.ownerId());
        migrationRefs(e.id(), e.selectedMountPoints(), e.source(), e.target());
    }

    @EventHandler
    public void on(MigrationUpdated e) { migrationRefs(e.id(), e.selectedMountPoints(), e.source(), e.target()); }

    @EventHandler
    public void on(MigrationDeleted e) { forget(e.id()); }

    private void workLoadRefs(String id, long credentials, List<Long> storage) {
        refer(id, "credentials", MigrationIds.CREDENTIAL, List.of(credentials));
        refer(id, "storage", MigrationIds.MOUNT_POINT, storage);
    }

    private void targetRefs(String id, long cloudCredentials, Long targetVm) {
        refer(id, "cloud_credentials", MigrationIds.CREDENTIAL, List.of(cloudCredentials));
        refer(id, "target_vm", MigrationIds.WORK_LOAD, targetVm == null ? List.of() : List.of(targetVm));
    }

    private void migrationRefs(String id, List<Long> mountPoints, long source, long target) {
        refer(id, "selected_mount_points", MigrationIds.MOUNT_POINT, mountPoints);
        refer(id, "source_of_type", MigrationIds.WORK_LOAD, List.of(source));
        refer(id, "migration_target", MigrationIds.MIGRATION_TARGET, List.of(target));
    }

    private void remember(String id, long number, String ownerId) {
        jdbc.update("DELETE FROM migration_objects WHERE aggregate_id = ?", id);
        jdbc.update("INSERT INTO migration_objects (aggregate_id, object_number, owner_id) VALUES (?, ?, ?)", id, number, ownerId);
    }

    /** {@code id}'s references through {@code field} are now {@code numbers} (of {@code type}). */
    private void refer(String id, String field, MigrationIds type, List<Long> numbers) {
        jdbc.update("DELETE FROM migration_references WHERE from_id = ? AND field = ?", id, field);
        if (numbers != null) {
            numbers.stream().distinct().forEach(number -> jdbc.update(
                    "INSERT INTO migration_references (from_id, field, to_id) VALUES (?, ?, ?)", id, field,
                    type.aggregateId(number)));
        }
    }

    private void forget(String id) {
        jdbc.update("DELETE FROM migration_references WHERE from_id = ?", id);
        jdbc.update("DELETE FROM migration_objects WHERE aggregate_id = ?", id);
    }
}
