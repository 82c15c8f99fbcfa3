package io.opsledger.identity;

import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;

/**
 * Who is calling, however they proved it. {@code sessionHash} names the session or key they used,
 * so that logging out ends exactly that one.
 */
public record Principal(UserView user, Credential credential, String sessionHash) {

    public enum Credential { TOKEN, JWT, WEB_SESSION, API_KEY }

    public String userId() { return user.userId(); }
    public String username() { return user.username(); }
    public Role role() { return user.role(); }
    public boolean has(Role atLeast) { return user.role().atLeast(atLeast); }
}
