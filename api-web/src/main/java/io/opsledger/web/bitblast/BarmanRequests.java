package io.opsledger.web.bitblast;

import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.identity.Principal;
import io.opsledger.identity.Users;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.RequestContext;
import org.springframework.http.HttpStatus;

import java.util.function.Supplier;

/** What BitBlast's Barman and mount endpoints read alike: their parameters, whose servers, and this host's tools failing. */
final class BarmanRequests {
    private BarmanRequests() {}

    /** A parameter's text, stripped; null when missing or blank. */
    static String text(Fields f, String name) {
        String value = f.text(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Whether a yes/no parameter says yes (true, 1 or yes); missing is no. */
    static boolean flag(Fields f, String name) {
        String value = text(f, name);
        return value != null && java.util.List.of("true", "1", "yes").contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    /** The caller, or the user an Admin names in {@code username} (a Standard user's {@code username} is ignored). */
    static String owner(RequestContext ctx, Fields f, Users accounts) {
        Principal caller = ctx.requireUser();
        String username = text(f, "username");
        if (username == null || username.equals(caller.username()) || !caller.has(Role.ADMIN)) {
            return caller.userId();
        }
        UserView user = accounts.byUsername(username);
        if (user == null) {
            throw ApiException.notFound("User not found.");
        }
        return user.userId();
    }

    /** Barman or a mount tool refusing or failing is a 502 that carries the tool's reason. */
    static <T> T hostCall(Supplier<T> call) {
        try {
            return call.get();
        } catch (PlatformCallFailed e) {
            throw ApiException.of(HttpStatus.BAD_GATEWAY, e.getMessage());
        }
    }
}
