package io.opsledger.gateway.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import io.opsledger.gateway.ldap.DirectoryCallFailed.Cause;
import io.opsledger.gateway.ldap.DirectoryGateway.LoginOutcome.Authenticated;
import io.opsledger.gateway.ldap.DirectoryGateway.LoginOutcome.Disabled;
import io.opsledger.gateway.ldap.DirectoryGateway.LoginOutcome.Rejected;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link DirectoryGateway} on UnboundID's LDAP SDK. Every call connects afresh (ldaps:// with the
 * JVM's trusted certificates and host name checking, or StartTLS), binds as the service account, reads
 * the root DSE for default bases and whether the server is Active Directory, does its searches with
 * paged results, and closes. Logins bind as the found entry on a second connection so the service
 * connection's identity never changes.
 */
public class UnboundIdDirectoryGateway implements DirectoryGateway {

    private static final String AD_CAPABILITY = "1.2.840.113556.1.4.800";
    private static final String IN_CHAIN_RULE = "1.2.840.113556.1.4.1941";
    private static final int ACCOUNT_DISABLE = 0x2;
    /** AD's sub-code for "account disabled" in a refused bind; AD sends it only when the password was right. */
    private static final String AD_DISABLED_BIND = "data 533";
    private static final int PAGE_SIZE = 500;

    private static final String DEFAULT_USER_FILTER = "(|(objectClass=person)(objectClass=user)(objectClass=inetOrgPerson))";
    private static final String DEFAULT_GROUP_FILTER =
            "(|(objectClass=group)(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))";
    private static final String[] USER_ATTRIBUTES = {"sAMAccountName", "uid", "userPrincipalName", "mail", "givenName", "sn",
            "userAccountControl", "pwdAccountLockedTime"};
    private static final String[] GROUP_ATTRIBUTES = {"cn", "member", "uniqueMember", "memberUid"};

    @Override
    public DirectoryInfo test(DirectoryConnection connection) {
        return withService(connection, directory -> {
            directory.requireEntry(directory.userBase);
            directory.requireEntry(directory.groupBase);
            return new DirectoryInfo(directory.vendor, directory.userBase, directory.groupBase, directory.activeDirectory);
        });
    }

    /**
     * An empty password is refused before anything is sent: a simple bind with a DN and no password
     * is an unauthenticated bind, which servers answer with success. The password is checked before a
     * disabled account is reported, so only someone who knows it learns that the account exists.
     */
    @Override
    public LoginOutcome authenticate(DirectoryConnection connection, String username, char[] password) {
        if (username == null || username.isBlank() || password == null || password.length == 0) {
            return new Rejected();
        }
        Optional<DirectoryUser> found = user(connection, username);
        if (found.isEmpty()) {
            return new Rejected();
        }
        DirectoryUser user = found.get();
        Endpoint endpoint = Endpoint.of(connection);
        try (LDAPConnection login = endpoint.connect(connection)) {
            login.bind(new SimpleBindRequest(user.dn(), utf8(password)));
        } catch (LDAPException e) {
            if (!e.getResultCode().isConnectionUsable()) {
                throw endpoint.unreachable(e);
            }
            boolean disabledByAd = e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                    && String.valueOf(e.getDiagnosticMessage()).contains(AD_DISABLED_BIND);
            return disabledByAd ? new Disabled(user) : new Rejected();
        }
        return user.enabled() ? new Authenticated(user) : new Disabled(user);
    }

    /** Empty when no entry or several entries carry the username. */
    @Override
    public Optional<DirectoryUser> user(DirectoryConnection connection, String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        Filter named = Filter.createORFilter(Filter.createEqualityFilter("sAMAccountName", username),
                Filter.createEqualityFilter("uid", username), Filter.createEqualityFilter("userPrincipalName", username));
        return withService(connection, directory -> {
            List<DirectoryUser> matches = directory.users(named);
            return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
        });
    }

    /** Sorted by username; entries with none of the username attributes are left out (nobody could log in as them). */
    @Override
    public List<DirectoryUser> users(DirectoryConnection connection) {
        return withService(connection, directory -> directory.users(null));
    }

    /** Sorted by name. */
    @Override
    public List<DirectoryGroup> groups(DirectoryConnection connection) {
        return withService(connection, directory -> {
            List<SearchResultEntry> entries = directory.search(directory.groupBase, directory.groupFilter, GROUP_ATTRIBUTES);
            List<DirectoryGroup> groups = directory.activeDirectory ? directory.groupsByChainRule(entries) : directory.groupsByWalking(entries);
            return groups.stream().sorted(Comparator.comparing(DirectoryGroup::name).thenComparing(DirectoryGroup::dn)).toList();
        });
    }

    private interface Work<T> {
        T run(Directory directory) throws LDAPException;
    }

    private static <T> T withService(DirectoryConnection connection, Work<T> work) {
        Endpoint endpoint = Endpoint.of(connection);
        try (LDAPConnection ldap = endpoint.connect(connection)) {
            bindService(ldap, connection);
            return work.run(new Directory(ldap, connection));
        } catch (LDAPException e) {
            if (!e.getResultCode().isConnectionUsable()) {
                throw endpoint.unreachable(e);
            }
            throw new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP call failed: " + describe(e), e);
        }
    }

    private static void bindService(LDAPConnection ldap, DirectoryConnection connection) throws LDAPException {
        if (connection.bindDn() == null || connection.bindDn().isBlank()) {
            return; // anonymous
        }
        char[] password = connection.bindPassword() == null ? new char[0] : connection.bindPassword();
        try {
            ldap.bind(new SimpleBindRequest(connection.bindDn(), utf8(password)));
        } catch (LDAPException e) {
            if (!e.getResultCode().isConnectionUsable()) {
                throw e;
            }
            throw new DirectoryCallFailed(Cause.BIND_REFUSED,
                    "LDAP service bind refused: " + connection.bindDn() + " (" + describe(e) + ")", e);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    /** The result code and what the server (or, for client-side codes, the SDK) said about it. */
    private static String describe(LDAPException e) {
        String detail = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getResultCode().isClientSideResultCode() ? e.getMessage() : null;
        return e.getResultCode().getName() + (detail == null || detail.isBlank() ? "" : ": " + detail);
    }

    /** The server a connection's URI names, and how to reach it. */
    private record Endpoint(String host, int port, boolean ldaps) {

        static Endpoint of(DirectoryConnection connection) {
            String uri = connection.uri() == null ? "" : connection.uri().strip();
            LDAPURL url;
            try {
                url = new LDAPURL(uri);
            } catch (LDAPException e) {
                throw new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP URI is not valid: " + uri, e);
            }
            String scheme = url.getScheme().toLowerCase();
            if (!url.hostProvided() || !(scheme.equals("ldap") || scheme.equals("ldaps"))) {
                throw new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP URI must be ldap://host[:port] or ldaps://host[:port]: " + uri, null);
            }
            return new Endpoint(url.getHost(), url.getPort(), scheme.equals("ldaps"));
        }

        /** Connected, and TLS-protected when ldaps:// or StartTLS asks for it; not yet bound. */
        LDAPConnection connect(DirectoryConnection connection) {
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis(millis(connection.connectTimeout(), DirectoryConnection.DEFAULT_CONNECT_TIMEOUT));
            int readTimeout = millis(connection.readTimeout(), DirectoryConnection.DEFAULT_READ_TIMEOUT);
            options.setResponseTimeoutMillis(readTimeout);
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            LDAPConnection ldap;
            try {
                ldap = new LDAPConnection(ldaps ? tlsSockets(readTimeout) : SocketFactory.getDefault(), options, host, port);
            } catch (LDAPException e) {
                throw unreachable(e);
            } catch (GeneralSecurityException e) {
                throw tlsFailed(e);
            }
            if (connection.startTls() && !ldaps) { // ldaps:// is TLS from the start
                try {
                    startTls(ldap, tlsSockets(readTimeout));
                } catch (GeneralSecurityException e) {
                    ldap.close();
                    throw tlsFailed(e);
                } catch (RuntimeException e) {
                    ldap.close();
                    throw e;
                }
            }
            return ldap;
        }

        /**
         * TLS with the JVM's default trust: javax.net.ssl.trustStore when set (how a private CA is
         * added), else the JDK's cacerts.
         */
        private static SSLSocketFactory tlsSockets(int handshakeTimeoutMillis) throws GeneralSecurityException {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init((KeyStore) null);
            return new TimedHandshakes(new SSLUtil(trust.getTrustManagers()).createSSLSocketFactory(), handshakeTimeoutMillis);
        }

        private void startTls(LDAPConnection ldap, SSLSocketFactory tls) {
            ExtendedResult result;
            try {
                result = ldap.processExtendedOperation(new StartTLSExtendedRequest(tls));
            } catch (LDAPException e) { // a server without TLS answers with an error result, e.g. protocolError
                throw e.getResultCode().isClientSideResultCode() ? unreachable(e) : startTlsRefused(e.getResultCode(), e.getDiagnosticMessage(), e);
            }
            if (result.getResultCode() != ResultCode.SUCCESS) {
                throw startTlsRefused(result.getResultCode(), result.getDiagnosticMessage(), null);
            }
        }

        private DirectoryCallFailed startTlsRefused(ResultCode code, String diagnostic, Throwable error) {
            return new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP server refused StartTLS: " + address() + " (" + code.getName()
                    + (diagnostic == null || diagnostic.isBlank() ? "" : ": " + diagnostic) + ")", error);
        }

        private DirectoryCallFailed tlsFailed(GeneralSecurityException e) {
            return new DirectoryCallFailed(Cause.UNREACHABLE, "LDAP server unreachable: " + address() + " (TLS: " + e.getMessage() + ")", e);
        }

        DirectoryCallFailed unreachable(LDAPException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root == e ? describe(e) : root.getClass().getSimpleName() + ": " + root.getMessage();
            return new DirectoryCallFailed(Cause.UNREACHABLE, "LDAP server unreachable: " + address() + " (" + reason + ")", e);
        }

        String address() { return host + ":" + port; }

        private static int millis(Duration timeout, Duration fallback) {
            return (int) Math.min(Integer.MAX_VALUE, (timeout == null ? fallback : timeout).toMillis());
        }
    }

    /** A bound service connection with what the root DSE and the settings say about where to search. */
    private static final class Directory {

        private final LDAPConnection ldap;
        private final boolean activeDirectory;
        private final String vendor;
        private final String userBase;
        private final String groupBase;
        private final Filter userFilter;
        private final Filter groupFilter;

        Directory(LDAPConnection ldap, DirectoryConnection settings) throws LDAPException {
            this.ldap = ldap;
            SearchResultEntry rootDse = ldap.getEntry("", "namingContexts", "defaultNamingContext", "supportedCapabilities",
                    "vendorName", "objectClass");
            if (rootDse == null) {
                throw new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP server shows no root DSE", null);
            }
            activeDirectory = Arrays.asList(valuesOf(rootDse, "supportedCapabilities")).contains(AD_CAPABILITY);
            vendor = vendorOf(rootDse, activeDirectory);
            String namingContext = namingContextOf(rootDse);
            userBase = baseOr(settings.userSearchBase(), namingContext);
            groupBase = baseOr(settings.groupSearchBase(), namingContext);
            userFilter = filter("user", DEFAULT_USER_FILTER, settings.userFilter());
            groupFilter = filter("group", DEFAULT_GROUP_FILTER, settings.groupFilter());
        }

        private static String[] valuesOf(SearchResultEntry entry, String attribute) {
            String[] values = entry.getAttributeValues(attribute);
            return values == null ? new String[0] : values;
        }

        /** OpenLDAP names no vendor, but its root DSE has a class of its own. */
        private static String vendorOf(SearchResultEntry rootDse, boolean activeDirectory) {
            if (activeDirectory) {
                return "Active Directory";
            }
            String vendor = rootDse.getAttributeValue("vendorName");
            if (vendor != null && !vendor.isBlank()) {
                return vendor;
            }
            return Arrays.stream(valuesOf(rootDse, "objectClass")).anyMatch("OpenLDAProotDSE"::equalsIgnoreCase) ? "OpenLDAP" : "LDAP";
        }

        private static String namingContextOf(SearchResultEntry rootDse) {
            String adDefault = rootDse.getAttributeValue("defaultNamingContext");
            if (adDefault != null && !adDefault.isBlank()) {
                return adDefault;
            }
            String[] contexts = valuesOf(rootDse, "namingContexts");
            return contexts.length == 0 ? null : contexts[0];
        }

        private static String baseOr(String configured, String namingContext) {
            if (configured != null && !configured.isBlank()) {
                String base = configured.strip();
                if (!DN.isValidDN(base)) {
                    throw new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP search base is not a DN: " + base, null);
                }
                return base;
            }
            if (namingContext == null) {
                throw new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP server names no naming context: set the search bases", null);
            }
            return namingContext;
        }

        private static Filter filter(String what, String defaultFilter, String configured) {
            Filter classes = parse(what, defaultFilter);
            return configured == null || configured.isBlank() ? classes : Filter.createANDFilter(classes, parse(what, configured.strip()));
        }

        private static Filter parse(String what, String filter) {
            try {
                return Filter.create(filter);
            } catch (LDAPException e) {
                throw new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP " + what + " filter is not valid: " + filter, e);
            }
        }

        void requireEntry(String base) throws LDAPException {
            try {
                if (ldap.getEntry(base, "1.1") != null) {
                    return;
                }
            } catch (LDAPSearchException e) {
                if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                    throw refused(base, e);
                }
            }
            throw baseNotFound(base, null);
        }

        /** The users matching the user filter and, when given, {@code narrowing}; sorted by username. */
        List<DirectoryUser> users(Filter narrowing) throws LDAPException {
            Filter filter = narrowing == null ? userFilter : Filter.createANDFilter(userFilter, narrowing);
            return search(userBase, filter, USER_ATTRIBUTES).stream().map(Directory::toUser).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(DirectoryUser::username).thenComparing(DirectoryUser::dn)).toList();
        }

        private static Optional<DirectoryUser> toUser(SearchResultEntry entry) {
            String username = usernameOf(entry);
            if (username.isEmpty()) {
                return Optional.empty();
            }
            Integer control = entry.getAttributeValueAsInteger("userAccountControl");
            boolean disabled = (control != null && (control & ACCOUNT_DISABLE) != 0) || entry.hasAttribute("pwdAccountLockedTime");
            return Optional.of(new DirectoryUser(entry.getDN(), username, text(entry, "mail"), text(entry, "givenName"),
                    text(entry, "sn"), !disabled));
        }

        private static String usernameOf(SearchResultEntry entry) {
            String name = text(entry, "sAMAccountName");
            if (name.isEmpty()) {
                name = text(entry, "uid");
            }
            if (name.isEmpty()) {
                String principal = text(entry, "userPrincipalName");
                int at = principal.indexOf('@');
                name = at < 0 ? principal : principal.substring(0, at);
            }
            return name;
        }

        private static String text(SearchResultEntry entry, String attribute) {
            String value = entry.getAttributeValue(attribute);
            return value == null ? "" : value.strip();
        }

        /** AD resolves nesting itself: one search per group for the users in its chain. */
        List<DirectoryGroup> groupsByChainRule(List<SearchResultEntry> entries) throws LDAPException {
            List<DirectoryGroup> groups = new ArrayList<>();
            for (SearchResultEntry entry : entries) {
                Filter inChain = Filter.createExtensibleMatchFilter("memberOf", IN_CHAIN_RULE, false, entry.getDN());
                List<String> members = users(inChain).stream().map(DirectoryUser::username).distinct().sorted().toList();
                groups.add(new DirectoryGroup(entry.getDN(), text(entry, "cn"), members));
            }
            return groups;
        }

        /**
         * Elsewhere member DNs are matched against the user list (DNs compared normalised, not as
         * text) and groups among them are followed, each group once per walk so cycles end.
         */
        List<DirectoryGroup> groupsByWalking(List<SearchResultEntry> entries) throws LDAPException {
            Map<DN, String> usernames = new HashMap<>();
            for (DirectoryUser user : users(null)) {
                usernames.put(new DN(user.dn()), user.username());
            }
            Map<DN, SearchResultEntry> groupsByDn = new HashMap<>();
            for (SearchResultEntry entry : entries) {
                groupsByDn.put(entry.getParsedDN(), entry);
            }
            List<DirectoryGroup> groups = new ArrayList<>();
            for (SearchResultEntry entry : entries) {
                Set<String> members = new TreeSet<>();
                collectMembers(entry, groupsByDn, usernames, new HashSet<>(), members);
                groups.add(new DirectoryGroup(entry.getDN(), text(entry, "cn"), List.copyOf(members)));
            }
            return groups;
        }

        private static void collectMembers(SearchResultEntry group, Map<DN, SearchResultEntry> groupsByDn, Map<DN, String> usernames,
                                           Set<DN> visited, Set<String> members) throws LDAPException {
            if (!visited.add(group.getParsedDN())) {
                return;
            }
            for (String uid : valuesOf(group, "memberUid")) {
                if (!uid.isBlank()) {
                    members.add(uid.strip());
                }
            }
            List<String> memberDns = new ArrayList<>(Arrays.asList(valuesOf(group, "member")));
            memberDns.addAll(Arrays.asList(valuesOf(group, "uniqueMember")));
            for (String value : memberDns) {
                DN member = memberDn(value);
                if (member == null) {
                    continue;
                }
                String username = usernames.get(member);
                if (username != null) {
                    members.add(username);
                } else if (groupsByDn.containsKey(member)) {
                    collectMembers(groupsByDn.get(member), groupsByDn, usernames, visited, members);
                }
            }
        }

        /** A member DN; uniqueMember may carry an optional "#'0101'B" unique id after it. Null when unreadable. */
        private static DN memberDn(String value) throws LDAPException {
            String dn = value.strip();
            if (!DN.isValidDN(dn) && dn.contains("#'")) {
                dn = dn.substring(0, dn.lastIndexOf("#'"));
            }
            return DN.isValidDN(dn) ? new DN(dn) : null;
        }

        /** Every entry under {@code base}, a page at a time (servers that ignore paging send them all at once). */
        List<SearchResultEntry> search(String base, Filter filter, String... attributes) throws LDAPException {
            List<SearchResultEntry> entries = new ArrayList<>();
            ASN1OctetString cookie = null;
            do {
                SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, attributes);
                request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, false));
                SearchResult result;
                try {
                    result = ldap.search(request);
                } catch (LDAPSearchException e) {
                    if (!e.getResultCode().isConnectionUsable()) {
                        throw e;
                    }
                    if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                        throw baseNotFound(base, e);
                    }
                    if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                        throw new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP server's size limit cut the search under " + base
                                + " short: raise the service account's limit or narrow the filter", e);
                    }
                    throw refused(base, e);
                }
                entries.addAll(result.getSearchEntries());
                SimplePagedResultsControl paging = SimplePagedResultsControl.get(result);
                cookie = paging != null && paging.moreResultsToReturn() ? paging.getCookie() : null;
            } while (cookie != null);
            return entries;
        }

        private static DirectoryCallFailed baseNotFound(String base, LDAPException e) {
            return new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP search base not found: " + base, e);
        }

        private static DirectoryCallFailed refused(String base, LDAPException e) {
            return new DirectoryCallFailed(Cause.BAD_SETTINGS, "LDAP search under " + base + " refused: " + describe(e), e);
        }
    }

    /**
     * Gives every TLS socket a read timeout before its handshake: UnboundID's connect timeout ends
     * with the TCP connect, so a peer that accepts but never speaks TLS would hold the handshake, and
     * the call, forever.
     */
    private static final class TimedHandshakes extends SSLSocketFactory {

        private final SSLSocketFactory tls;
        private final int timeoutMillis;

        TimedHandshakes(SSLSocketFactory tls, int timeoutMillis) {
            this.tls = tls;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public String[] getDefaultCipherSuites() { return tls.getDefaultCipherSuites(); }

        @Override
        public String[] getSupportedCipherSuites() { return tls.getSupportedCipherSuites(); }

        @Override
        public Socket createSocket() throws IOException { return timed(tls.createSocket()); }

        @Override
        public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
            return timed(tls.createSocket(plain, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException { return timed(tls.createSocket(host, port)); }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return timed(tls.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException { return timed(tls.createSocket(host, port)); }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return timed(tls.createSocket(host, port, local, localPort));
        }

        private Socket timed(Socket socket) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            return socket;
        }
    }
}
