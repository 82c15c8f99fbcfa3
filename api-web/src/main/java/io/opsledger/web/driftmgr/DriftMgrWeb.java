package io.opsledger.web.driftmgr;

import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Principal;
import io.opsledger.web.RequestContext;

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
}
