package io.opsledger.web;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The five served contracts (and OpsLedger's own endpoints), told apart by path. Decides the
 * error shape of a response and the "contract" every event's metadata records.
 */
public enum Contract {
    DRIFTMGR(ErrorShape.ENVELOPE, "^/(health|ws)$", "^/api/v1/(health|version|backends|state|resources|drift|ws)(/.*)?$",
            "^/api/v1/auth/(register|login|refresh|profile|change-password|api-keys)(/.*)?$"),
    MIGRATION(ErrorShape.DRF, "^/api/v1/auth$", "^/api/v1/token$", "^/api/v1/token/refresh$",
            "^/api/v1/(credentials|mount_points|work_loads|migration_targets|migrations)(/.*)?$"),
    MIGASFREE(ErrorShape.DRF, "^/token-auth(-jwt)?$", "^/api/v1/(token|safe|public)/.*$", "^/manager/.*$"),
    INVENTORY(ErrorShape.DRF, "^/api/(?!v1/).*$", "^/assets/export/.*$"),
    AUDIT(ErrorShape.ENVELOPE, "^/api/v1/audit(/.*)?$"),
    /** BitBlast's Barman and mount endpoints answer errors as {"status": "error", "message": ...}. */
    BITBLAST_BARMAN(ErrorShape.STATUS_MESSAGE, "^/api/v1/barman(/.*)?$"),
    BITBLAST(ErrorShape.BITBLAST, "^/api/v1/.*$"),
    PLATFORM(ErrorShape.DRF, ".*");

    public enum ErrorShape { ENVELOPE, DRF, BITBLAST, STATUS_MESSAGE }

    private final ErrorShape errorShape;
    private final List<Pattern> paths;

    Contract(ErrorShape errorShape, String... paths) {
        this.errorShape = errorShape;
        this.paths = java.util.Arrays.stream(paths).map(Pattern::compile).toList();
    }

    public ErrorShape errorShape() { return errorShape; }

    /** The contract's name in the audit trail: BitBlast's Barman endpoints are BitBlast's. */
    public String auditName() { return this == BITBLAST_BARMAN ? "bitblast" : name().toLowerCase(java.util.Locale.ROOT); }

    /** The contract a (trailing-slash-free) path belongs to; the order of the constants decides overlaps. */
    public static Contract of(String path) {
        for (Contract contract : values()) {
            for (Pattern pattern : contract.paths) {
                if (pattern.matcher(path).matches()) {
                    return contract;
                }
            }
        }
        return PLATFORM;
    }
}
