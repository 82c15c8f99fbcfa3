package io.opsledger.web.driftmgr;

import io.opsledger.drift.api.LockInfo;
import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Principal;
import io.opsledger.web.RequestContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** DriftMgr's permission levels on the shared roles (viewer reads, operator changes state, admin manages backends). */
final class DriftMgrWeb {
    private DriftMgrWeb() {}

    static Principal viewer(RequestContext ctx) { return ctx.require(Role.READONLY); }

    static Principal operator(RequestContext ctx) { return ctx.require(Role.STANDARD); }

    static Principal admin(RequestContext ctx) { return ctx.require(Role.ADMIN); }

    /** The collected field errors as DriftMgr's 400 VALIDATION_ERROR. */
    static void validate(Fields f) {
        if (!f.valid()) {
            try {
                f.validate();
            } catch (ApiException e) {
                throw new ApiException(e.status(), "VALIDATION_ERROR", "Request validation failed", e.fieldErrors(), e.fieldErrors());
            }
        }
    }

    /** Terraform's LockInfo JSON (its field names). */
    static Map<String, Object> lockJson(LockInfo lock) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ID", lock.id());
        out.put("Path", lock.path());
        out.put("Operation", lock.operation());
        out.put("Who", lock.who());
        out.put("Version", lock.version());
        out.put("Created", lock.created());
        out.put("Info", lock.info());
        return out;
    }
}
