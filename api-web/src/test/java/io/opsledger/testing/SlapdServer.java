package io.opsledger.testing;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A real OpenLDAP server for tests, run by {@code ops/peers/slapd} (Debian's slapd;
 * {@code ops/peers/slapd install} or {@code ops/test} installs it): a private {@code slapd} on a free
 * loopback port with an empty directory under {@value #BASE_DN}, the memberof, ppolicy and refint overlays,
 * and Active Directory's sAMAccountName, userPrincipalName and userAccountControl (auxiliary class
 * {@code opsledgerAdUser}). It caps plain searches at 500 entries but not paged ones. The helpers
 * change the directory as its root DN.
 *
 * <pre>{@code
 * try (SlapdServer ldap = SlapdServer.start()) {
 *     ldap.seedStandardDirectory();
 *     // ldap://127.0.0.1:<port>/ as SlapdServer.READER_DN / READER_PASSWORD
 * }
 * }</pre>
 */
public final class SlapdServer extends PeerProcess {

    private static final String SCRIPT = "ops/peers/slapd";
    private static final String RELAX_CONTROL = "1.3.6.1.4.1.4203.666.5.12";

    public static final String BASE_DN = "dc=example,dc=com";
    public static final String PEOPLE_DN = "ou=people," + BASE_DN;
    public static final String GROUPS_DN = "ou=groups," + BASE_DN;

    // ---- The standard test directory (seedStandardDirectory) ---------------------------------------
    /** A service account that may read everything (not the root DN, so the size limit applies). */
    public static final String READER_DN = "cn=reader," + BASE_DN;
    public static final String READER_PASSWORD = "reader-secret";
    /** sAMAccountName, uid and userPrincipalName all "alice"; in admins. */
    public static final String ALICE_DN = "uid=alice," + PEOPLE_DN;
    public static final String ALICE_PASSWORD = "alice-pw";
    /** uid bob, sAMAccountName bbuilder (his username), userPrincipalName bob.builder@example.com; in developers. */
    public static final String BOB_DN = "uid=bob," + PEOPLE_DN;
    public static final String BOB_PASSWORD = "bob-pw";
    /** inetOrgPerson only: username from uid; in developers and in the posixGroup ssh-users by memberUid. */
    public static final String CAROL_DN = "uid=carol," + PEOPLE_DN;
    public static final String CAROL_PASSWORD = "carol-pw";
    /** A multi-valued RDN with an escaped comma; username jsmith; in admins. */
    public static final String JSMITH_DN = "cn=Smith\\, John+uid=jsmith," + PEOPLE_DN;
    public static final String JSMITH_PASSWORD = "jsmith-pw";
    /** userAccountControl 514 (NORMAL_ACCOUNT | ACCOUNTDISABLE); in developers. */
    public static final String DAVE_DN = "uid=dave," + PEOPLE_DN;
    public static final String DAVE_PASSWORD = "dave-pw";
    /** alice and jsmith (alice's member value spelled in other case and spacing). */
    public static final String ADMINS_DN = "cn=admins," + GROUPS_DN;
    /** bob, carol, dave and the group admins. */
    public static final String DEVELOPERS_DN = "cn=developers," + GROUPS_DN;
    /** The group developers only: two levels of nesting. */
    public static final String STAFF_DN = "cn=staff," + GROUPS_DN;
    /** posixGroup with memberUid carol. */
    public static final String SSH_USERS_DN = "cn=ssh-users," + GROUPS_DN;

    private final String password;
    private final int tlsPort;

    private SlapdServer(Path directory, int port, String password, int tlsPort) {
        super(SCRIPT, directory, port, Map.of(), 60);
        this.password = password;
        this.tlsPort = tlsPort;
    }

    /** Starts a new server whose directory holds only {@value #BASE_DN}; no TLS (StartTLS is refused). */
    public static SlapdServer start() {
        return start(false);
    }

    /**
     * Like {@link #start()}, also offering StartTLS and ldaps:// ({@link #ldapsUri()}) with a
     * self-signed certificate ({@link #certificateFile()}) that clients must be told to trust.
     */
    public static SlapdServer startWithTls() {
        return start(true);
    }

    private static SlapdServer start(boolean tls) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        return start("slapd", (directory, port) -> {
            SlapdServer server = new SlapdServer(directory, port, password, tls ? freePort() : 0);
            List<String> args = new ArrayList<>(List.of("start", directory.toString(), Integer.toString(port), BASE_DN, "-"));
            if (tls) {
                args.add(Integer.toString(server.tlsPort));
            }
            // the password goes through stdin, never the command line
            server.run(password, args.toArray(String[]::new));
            return server;
        });
    }

    public String host() { return "127.0.0.1"; }

    public String uri() { return "ldap://" + host() + ":" + port(); }

    public String ldapsUri() {
        if (tlsPort == 0) {
            throw new IllegalStateException("started without TLS: use SlapdServer.startWithTls()");
        }
        return "ldaps://" + host() + ":" + tlsPort;
    }

    /** The server's self-signed certificate (PEM; for 127.0.0.1 and localhost). */
    public Path certificateFile() { return directory().resolve("tls.crt"); }

    public String baseDn() { return BASE_DN; }

    /** The root DN: no ACL nor size limit applies to it. */
    public String adminDn() { return "cn=admin," + BASE_DN; }

    public String adminPassword() { return password; }

    /** A connection bound as the root DN; the caller closes it. */
    public LDAPConnection adminConnection() {
        try {
            return new LDAPConnection(host(), port(), adminDn(), password);
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot bind to " + uri() + " as " + adminDn(), e);
        }
    }

    /** Adds the entries of an LDIF text (records separated by blank lines), in order. */
    public void addLdif(String ldif) {
        List<Entry> entries = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(new BufferedReader(new StringReader(ldif)))) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                entries.add(entry);
            }
        } catch (IOException | LDIFException e) {
            throw new IllegalArgumentException("bad LDIF: " + e.getMessage(), e);
        }
        add(entries.toArray(Entry[]::new));
    }

    public void add(Entry... entries) {
        change(ldap -> {
            for (Entry entry : entries) {
                ldap.add(entry);
            }
        });
    }

    /** Replaces every value of {@code attribute} (no values removes it). */
    public void replace(String dn, String attribute, String... values) {
        change(ldap -> ldap.modify(dn, new Modification(ModificationType.REPLACE, attribute, values)));
    }

    public void delete(String dn) {
        change(ldap -> ldap.delete(dn));
    }

    /**
     * Sets or (null) removes ppolicy's pwdAccountLockedTime, which only the Relax control lets anyone
     * write. No password policy applies here, so a locked account can still bind.
     */
    public void lockedSince(String dn, String generalizedTime) {
        Modification modification = generalizedTime == null
                ? new Modification(ModificationType.REPLACE, "pwdAccountLockedTime")
                : new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", generalizedTime);
        change(ldap -> ldap.modify(new ModifyRequest(dn, modification, new Control[] {new Control(RELAX_CONTROL, true)})));
    }

    /** Adds a member DN to a groupOfNames. */
    public void addMember(String groupDn, String memberDn) {
        change(ldap -> ldap.modify(groupDn, new Modification(ModificationType.ADD, "member", memberDn)));
    }

    /** Removes a member DN from a groupOfNames (which must keep at least one). */
    public void removeMember(String groupDn, String memberDn) {
        change(ldap -> ldap.modify(groupDn, new Modification(ModificationType.DELETE, "member", memberDn)));
    }

    /** Loads the directory the constants above describe: ou=people, ou=groups and {@link #READER_DN}. */
    public void seedStandardDirectory() {
        addLdif("""
                dn: cn=reader,%1$s
                objectClass: organizationalRole
                objectClass: simpleSecurityObject
                cn: reader
                userPassword: %2$s

                dn: %3$s
                objectClass: organizationalUnit
                ou: people

                dn: %4$s
                objectClass: organizationalUnit
                ou: groups
                """.formatted(BASE_DN, READER_PASSWORD, PEOPLE_DN, GROUPS_DN)
                + person(ALICE_DN, "alice", "alice", "alice@example.com", "Alice Liddell", "Alice", "Liddell", ALICE_PASSWORD, null)
                + person(BOB_DN, "bob", "bbuilder", "bob.builder@example.com", "Bob Builder", "Bob", "Builder", BOB_PASSWORD, null)
                + """

                dn: %s
                objectClass: inetOrgPerson
                uid: carol
                cn: Carol Danvers
                givenName: Carol
                sn: Danvers
                mail: carol@example.com
                userPassword: %s
                """.formatted(CAROL_DN, CAROL_PASSWORD)
                + person(JSMITH_DN, "jsmith", "jsmith", "jsmith@example.com", "Smith, John", "John", "Smith", JSMITH_PASSWORD, null)
                + person(DAVE_DN, "dave", "dave", "dave@example.com", "Dave Lister", "Dave", "Lister", DAVE_PASSWORD, 514)
                + """

                dn: %s
                objectClass: groupOfNames
                cn: admins
                member: UID=Alice, OU=People, DC=Example, DC=com
                member: %s

                dn: %s
                objectClass: groupOfNames
                cn: developers
                member: %s
                member: %s
                member: %s
                member: %s

                dn: %s
                objectClass: groupOfNames
                cn: staff
                member: %s

                dn: %s
                objectClass: posixGroup
                cn: ssh-users
                gidNumber: 5000
                memberUid: carol
                """.formatted(ADMINS_DN, JSMITH_DN, DEVELOPERS_DN, BOB_DN, CAROL_DN, DAVE_DN, ADMINS_DN, STAFF_DN,
                        DEVELOPERS_DN, SSH_USERS_DN));
    }

    /** An inetOrgPerson with the AD attributes (mail is uid@example.com). */
    private static String person(String dn, String uid, String samAccountName, String principal, String cn, String givenName,
                                 String sn, String password, Integer userAccountControl) {
        return """

                dn: %s
                objectClass: inetOrgPerson
                objectClass: opsledgerAdUser
                uid: %s
                sAMAccountName: %s
                userPrincipalName: %s
                cn: %s
                givenName: %s
                sn: %s
                mail: %s@example.com
                userPassword: %s
                """.formatted(dn, uid, samAccountName, principal, cn, givenName, sn, uid, password)
                + (userAccountControl == null ? "" : "userAccountControl: " + userAccountControl + "\n");
    }

    private interface Change {
        void apply(LDAPConnection ldap) throws LDAPException;
    }

    private void change(Change change) {
        try (LDAPConnection ldap = adminConnection()) {
            change.apply(ldap);
        } catch (LDAPException e) {
            throw new IllegalStateException("directory change refused: " + e.getMessage(), e);
        }
    }
}
