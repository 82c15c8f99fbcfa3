package io.opsledger.gateway.ldap;

import java.time.Duration;

/**
 * Where and how to reach a directory. {@code uri} is ldap://host[:port] or ldaps://host[:port];
 * {@code startTls} upgrades a plain ldap:// connection before binding. A blank bind DN binds
 * anonymously. Search bases left blank default to the server's naming context (AD's
 * defaultNamingContext, else the first namingContexts value). Filters narrow which entries count as
 * users and groups; blank ones default to the usual classes of OpenLDAP and Active Directory.
 */
public record DirectoryConnection(String uri, String bindDn, char[] bindPassword, String userSearchBase,
                                  String userFilter, String groupSearchBase, String groupFilter, boolean startTls,
                                  Duration connectTimeout, Duration readTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String toString() { // never the password
        return "DirectoryConnection[" + uri + " as " + bindDn + "]";
    }
}
