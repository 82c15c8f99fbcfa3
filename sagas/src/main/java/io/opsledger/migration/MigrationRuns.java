package io.opsledger.migration;

import io.opsledger.common.Actor;
import io.opsledger.migration.api.MigrationQueries.MigrationView;

/**
 * TEMPORARY (wt-migweb): the signature the web layer codes against until the domain branch
 * (wt-migdomain) brings the real MigrationRuns; that branch's file replaces this one on merge.
 */
public interface MigrationRuns {

    /** Runs the owner's migration and answers once it has succeeded or failed; RuleViolation when it cannot run. */
    MigrationView run(Actor actor, String ownerId, long number);
}
