package io.opsledger.web.identity;

import io.opsledger.identity.Users;
import io.opsledger.web.Fields;

/** The checks every contract applies to a user's fields, as field errors of the request. */
public final class UserFields {
    private UserFields() {}

    /** The length limits of a user's fields (those present), as Django's model serializers apply them. */
    public static void checkUserFieldLengths(Fields fields) {
        fields.maxLength("username", Users.MAX_USERNAME);
        fields.maxLength("first_name", Users.MAX_PERSON_NAME);
        fields.maxLength("last_name", Users.MAX_PERSON_NAME);
        fields.maxLength("email", Users.MAX_EMAIL);
    }

    /** Password rules shared by every contract; adds field errors under {@code field}. */
    public static void checkPassword(Fields fields, String field, String password) {
        String problem = Users.passwordProblem(password);
        if (problem != null) {
            fields.error(field, problem);
        }
    }
}
