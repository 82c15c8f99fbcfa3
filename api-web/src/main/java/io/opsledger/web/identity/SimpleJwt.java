package io.opsledger.web.identity;

import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.InvalidToken;
import io.opsledger.identity.Users;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.RequestContext;
import org.springframework.http.HttpStatus;

/** djangorestframework-simplejwt's token views (api_migration and migasfree), on {@link Users}. */
public final class SimpleJwt {
    private SimpleJwt() {}

    public record Pair(String refresh, String access) {}

    public record Access(String access) {}

    /** TokenObtainPairView: {"refresh", "access"} for a valid login, else 401 in SimpleJWT's words. */
    public static Pair obtainPair(Users accounts, RequestContext ctx, Fields f) {
        String username = f.requireText("username");
        String password = f.requireText("password");
        f.validate();
        UserView user = accounts.verify(ctx, username, password);
        if (user == null) {
            throw ApiException.of(HttpStatus.UNAUTHORIZED, "No active account found with the given credentials");
        }
        Users.JwtPair pair = accounts.openJwt(ctx, user);
        return new Pair(pair.refresh(), pair.access());
    }

    /** TokenRefreshView: {"access"} for a live refresh token, else 401 token_not_valid. */
    public static Access refresh(Users accounts, Fields f) {
        String refresh = f.requireText("refresh");
        f.validate();
        try {
            return new Access(accounts.refreshAccess(refresh));
        } catch (InvalidToken e) {
            throw ApiException.of(HttpStatus.UNAUTHORIZED, "Token is invalid or expired").withExtra("code", "token_not_valid");
        }
    }
}
