package io.opsledger.identity;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.Claim;
import io.opsledger.common.claims.ClaimRules;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.identity.api.IdentityCommands.RegisterUser;
import io.opsledger.identity.api.IdentityCommands.UpdateUserProfile;
import io.opsledger.identity.api.IdentityEvents.UserDeleted;
import io.opsledger.identity.api.IdentityEvents.UserProfileUpdated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;

/**
 * A username belongs to one user: registering and renaming claim its {@link Usernames#key};
 * a rename frees the old name, a delete every name the user held.
 */
@Component
@ProcessingGroup(ClaimRules.GROUP)
public class IdentityClaims implements ClaimRules {

    /** The scope usernames have always been claimed under (existing claims live there). */
    public static final String USERNAME_SCOPE = "username";

    private final UniqueClaims claims;

    public IdentityClaims(UniqueClaims claims) {
        this.claims = claims;
        // one-time migration, idempotent: usernames claimed before they were keyed are re-claimed by key
        claims.rekey(USERNAME_SCOPE, Usernames::key);
    }

    @Override
    public List<Claim> claimsOf(Object command) {
        if (command instanceof RegisterUser register) {
            return List.of(username(register.username(), register.userId()));
        }
        if (command instanceof UpdateUserProfile update && update.username() != null) {
            return List.of(username(update.username(), update.userId()));
        }
        return List.of();
    }

    private static Claim username(String username, String userId) {
        return new Claim(USERNAME_SCOPE, Usernames.key(username), userId,
                RuleViolation.conflict("username", "A user with that username already exists."));
    }

    /** Frees the old name's key, and a claim on the raw old name from before keys, if any. */
    @EventHandler
    public void on(UserProfileUpdated event) {
        if (!Objects.equals(event.previousUsername(), event.username())) {
            claims.keepOnly(USERNAME_SCOPE, event.userId(), Usernames.key(event.username()));
        }
    }

    @EventHandler
    public void on(UserDeleted event) {
        claims.releaseAll(USERNAME_SCOPE, event.userId());
    }

    /**
     * The first admin's name stays claimed when a second attempt to create it, holding the same
     * key under the same id, failed and gave its claim back.
     */
    public void keepFirstAdminName(String userId, String username) {
        claims.claim(USERNAME_SCOPE, Usernames.key(username), userId);
    }
}
