package io.opsledger.identity;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a fresh installation, OPSLEDGER_ADMIN_USERNAME / _PASSWORD (/ _EMAIL) create the superadmin,
 * as the original tools' "create superuser" commands did (once the server is ready). Nothing
 * happens once one exists.
 */
public class BootstrapAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private final Users accounts;
    private final String username;
    private final String password;
    private final String email;

    public BootstrapAdmin(Users accounts, String username, String password, String email) {
        this.accounts = accounts;
        this.username = username;
        this.password = password;
        this.email = email;
    }

    public void createSuperadminIfAsked() {
        if (username.isBlank() || accounts.superadminExists()) {
            return;
        }
        if (password.length() < Users.MIN_PASSWORD) {
            log.error("OPSLEDGER_ADMIN_PASSWORD must have at least {} characters; no superadmin created", Users.MIN_PASSWORD);
            return;
        }
        try {
            accounts.createFirstAdmin(Actor.system("bootstrap"),
                    new Users.NewUser(username, email, "", "", password, io.opsledger.identity.api.Role.SUPERADMIN, true));
            log.info("created the superadmin '{}' from OPSLEDGER_ADMIN_USERNAME", username);
        } catch (RuleViolation taken) {
            log.warn("no superadmin created from OPSLEDGER_ADMIN_USERNAME: {}", taken.getMessage());
        }
    }
}
