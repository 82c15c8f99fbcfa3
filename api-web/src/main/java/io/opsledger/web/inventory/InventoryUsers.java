package io.opsledger.web.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;

import java.time.Instant;

/** How the asset inventory shows a user: to themselves, and to admins. */
final class InventoryUsers {
    private InventoryUsers() {}

    record Me(long id, String username, String email, String role, @JsonProperty("is_superadmin") boolean superadmin) {
        static Me of(UserView u) {
            return new Me(u.userNumber(), u.username(), u.email(), InventoryWeb.roleName(u.role()), u.role() == Role.SUPERADMIN);
        }
    }

    record AdminUser(long id, String username, String email, @JsonProperty("is_active") boolean active, String role,
                     @JsonProperty("is_superadmin") boolean superadmin, @JsonProperty("auth_source") String authSource,
                     @JsonProperty("date_joined") Instant dateJoined, @JsonProperty("last_login") Instant lastLogin) {
        static AdminUser of(UserView u) {
            return new AdminUser(u.userNumber(), u.username(), u.email(), u.active(), InventoryWeb.roleName(u.role()),
                    u.role() == Role.SUPERADMIN, u.authSource() == null ? "local" : u.authSource(), u.dateJoined(),
                    u.lastLogin());
        }
    }
}
