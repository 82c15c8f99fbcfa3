package io.opsledger.identity;

import io.opsledger.common.Actor;
import io.opsledger.identity.api.IdentityQueries.UserView;

/**
 * Password checks for directory users (see DirectoryAccounts on the process side), so that every
 * contract's login accepts a directory user's directory password.
 */
public interface DirectoryLogins {

    DirectoryLogins NONE = new DirectoryLogins() {
        @Override
        public boolean configured() { return false; }

        @Override
        public UserView login(Actor actor, String username, String password) { return null; }

        @Override
        public UserView firstLogin(Actor actor, String username, String password) { return null; }
    };

    boolean configured();

    /**
     * The user, created or brought up to date from the directory, when the directory accepts the
     * password; null when it does not (unknown, wrong password, disabled there).
     */
    UserView login(Actor actor, String username, String password);

    /**
     * Like {@link #login} for a name not known here: a directory that cannot be asked means "not a
     * directory user" (and is logged), so a mistyped name never fails on the directory's health.
     */
    UserView firstLogin(Actor actor, String username, String password);
}
