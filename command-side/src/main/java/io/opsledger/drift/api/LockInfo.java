package io.opsledger.drift.api;

import java.time.Instant;

/**
 * A state lock as Terraform describes one (its {@code statemgr.LockInfo}: ID, Path, Operation,
 * Who, Version, Created, Info). The same record describes our locks and locks Terraform holds.
 *
 * @param id        the lock id (a UUID); needed to unlock
 * @param path      what is locked: {@code bucket/key} for S3, the state file's path for local backends
 * @param operation e.g. {@code OperationTypeApply}, or what the locker said
 * @param who       {@code user@host} of the holder
 * @param version   the Terraform (or OpsLedger) version of the holder
 * @param created   when the lock was taken
 * @param info      free text: the reason given
 */
public record LockInfo(String id, String path, String operation, String who, String version, Instant created,
                       String info) {}
