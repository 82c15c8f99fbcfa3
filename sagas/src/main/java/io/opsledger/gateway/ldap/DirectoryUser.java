package io.opsledger.gateway.ldap;

/**
 * A person in the directory. {@code username} is sAMAccountName, else uid, else the part of
 * userPrincipalName before the @; {@code enabled} is false for an Active Directory account with
 * ACCOUNTDISABLE (0x2) in userAccountControl or an OpenLDAP account locked by ppolicy
 * (pwdAccountLockedTime). Missing names and mail are empty strings.
 */
public record DirectoryUser(String dn, String username, String email, String firstName, String lastName,
                            boolean enabled) {}
