package io.opsledger.identity;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.identity.api.DirectoryMessages.*;
import io.opsledger.identity.api.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A group imported from the directory: its members as the last import saw them, and the role it
 * gives them. Imports record only what changed, so the group's history reads as who joined and who
 * left, sync by sync.
 */
@Aggregate(cache = AggregateCache.NAME)
public class DirectoryGroup {

    @AggregateIdentifier
    private String groupId;
    private String name;
    private boolean present;
    private Set<String> members = new TreeSet<>();
    private Role role;

    protected DirectoryGroup() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ImportDirectoryGroup command) {
        if (command.name() == null || command.name().isBlank()) {
            throw RuleViolation.invalid("group_name", "This field is required.");
        }
        Set<String> seen = new TreeSet<>(command.members());
        if (!present) {
            apply(new DirectoryGroupImported(command.groupId(), command.name(), command.dn(), List.copyOf(seen),
                    command.syncId()));
            return;
        }
        List<String> added = new ArrayList<>(seen);
        added.removeAll(members);
        List<String> removed = new ArrayList<>(members);
        removed.removeAll(seen);
        if (!added.isEmpty() || !removed.isEmpty()) {
            apply(new DirectoryGroupMembersChanged(groupId, name, added, removed, command.syncId()));
        }
    }

    @CommandHandler
    public void handle(RemoveDirectoryGroup command) {
        if (present) {
            apply(new DirectoryGroupRemoved(groupId, name, command.syncId()));
        }
    }

    @CommandHandler
    public void handle(AssignGroupRole command) {
        if (!present) {
            throw RuleViolation.invalid("group_name", "Group " + name + " does not exist");
        }
        if (command.role() != Role.ADMIN && command.role() != Role.STANDARD) {
            throw RuleViolation.invalid("role_name", "A group gives Admin or Standard.");
        }
        if (command.role() != role) {
            apply(new GroupRoleAssigned(groupId, name, role, command.role()));
        }
    }

    @EventSourcingHandler
    void on(DirectoryGroupImported event) {
        groupId = event.groupId();
        name = event.name();
        present = true;
        members = new TreeSet<>(event.members());
    }

    @EventSourcingHandler
    void on(DirectoryGroupMembersChanged event) {
        members.addAll(event.added());
        members.removeAll(event.removed());
    }

    @EventSourcingHandler
    void on(DirectoryGroupRemoved event) {
        present = false;
        members.clear();
        // a group of the same name made later is another group: it earns no role by its name
        role = null;
    }

    @EventSourcingHandler
    void on(GroupRoleAssigned event) { role = event.role(); }
}
