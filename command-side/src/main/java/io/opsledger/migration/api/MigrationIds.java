package io.opsledger.migration.api;

/**
 * api_migration's objects are known by integer ids, one sequence per type (IdSequences, under the
 * names below); their aggregates by "<type>:<id>", so one number never names two aggregates.
 */
public enum MigrationIds {
    CREDENTIAL("migration.credential"),
    MOUNT_POINT("migration.mount_point"),
    WORK_LOAD("migration.work_load"),
    MIGRATION_TARGET("migration.migration_target"),
    MIGRATION("migration.migration");

    private final String sequence;

    MigrationIds(String sequence) { this.sequence = sequence; }

    /** The IdSequences name the integer ids of this type come from. */
    public String sequence() { return sequence; }

    public String aggregateId(long id) { return sequence + ":" + id; }
}
