package io.opsledger.dbaas.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands and events of the Project aggregate: a user's named folder of clusters (BitBlast's integer id is its number). */
public final class ProjectMessages {
    private ProjectMessages() {}

    public static String id(long number) { return "dbaas-project-" + number; }

    public record CreateProject(@TargetAggregateIdentifier String id, long number, String ownerId, String name) {}
    public record RenameProject(@TargetAggregateIdentifier String id, String ownerId, String name) {}

    public record ProjectCreated(String id, long number, String ownerId, String name) {}
    public record ProjectRenamed(String id, String ownerId, String name) {}
}
