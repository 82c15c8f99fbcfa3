package io.opsledger.gateway.ldap;

/**
 * What a successful connection test learnt: the product (e.g. "OpenLDAP", "Active Directory"), the
 * search bases in use after defaults, and whether nested groups are resolved by the server.
 */
public record DirectoryInfo(String vendor, String userSearchBase, String groupSearchBase, boolean activeDirectory) {}
