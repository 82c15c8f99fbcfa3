package io.opsledger.dbaas;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.dbaas.api.ProjectMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A user's project: a name (unique among the owner's projects, see {@link DbaasClaims}) that clusters live in. */
@Aggregate(cache = AggregateCache.NAME)
public class Project {

    static final int MAX_NAME = 255;
    public static final String NAME_REQUIRED = "Project name is required";
    public static final String NEW_NAME_REQUIRED = "new_project_name is required";

    @AggregateIdentifier
    private String id;
    private String ownerId;
    private String name;

    protected Project() {}

    @CommandHandler
    public Project(CreateProject command) {
        apply(new ProjectCreated(command.id(), command.number(), command.ownerId(), checked(command.name(), NAME_REQUIRED)));
    }

    @CommandHandler
    public void handle(RenameProject command) {
        if (!ownerId.equals(command.ownerId())) {
            throw RuleViolation.notFound("Not found.");
        }
        String renamed = checked(command.name(), NEW_NAME_REQUIRED);
        if (!renamed.equals(name)) {
            apply(new ProjectRenamed(id, ownerId, renamed));
        }
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        id = event.id();
        ownerId = event.ownerId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(ProjectRenamed event) { name = event.name(); }

    /** The name trimmed, or the refusal: blank names are missing ones. */
    static String checked(String name, String whenMissing) {
        if (name == null || name.isBlank()) {
            throw RuleViolation.invalid(null, whenMissing);
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME) {
            throw RuleViolation.invalid(null, "Project name can have at most " + MAX_NAME + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw RuleViolation.invalid(null, "Project name may not contain control characters");
        }
        return trimmed;
    }
}
