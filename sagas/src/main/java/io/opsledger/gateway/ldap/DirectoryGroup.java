package io.opsledger.gateway.ldap;

import java.util.List;

/** A group by its cn (its name in the contract), with its members' usernames, sorted, nested ones included. */
public record DirectoryGroup(String dn, String name, List<String> members) {}
