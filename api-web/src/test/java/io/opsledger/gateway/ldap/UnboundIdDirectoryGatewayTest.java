package io.opsledger.gateway.ldap;

import static io.opsledger.testing.SlapdServer.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import io.opsledger.gateway.ldap.DirectoryCallFailed.Cause;
import io.opsledger.gateway.ldap.DirectoryGateway.LoginOutcome;
import io.opsledger.gateway.ldap.DirectoryGateway.LoginOutcome.Authenticated;
import io.opsledger.gateway.ldap.DirectoryGateway.LoginOutcome.Disabled;
import io.opsledger.gateway.ldap.DirectoryGateway.LoginOutcome.Rejected;
import io.opsledger.testing.SlapdServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The LDAP adapter against a real OpenLDAP (one slapd for the class, seeded with SlapdServer's standard directory). */
class UnboundIdDirectoryGatewayTest {

    private static SlapdServer slapd;
    private final UnboundIdDirectoryGateway gateway = new UnboundIdDirectoryGateway();

    @BeforeAll
    static void startDirectory() {
        slapd = SlapdServer.start();
        slapd.seedStandardDirectory();
    }

    @AfterAll
    static void stopDirectory() {
        slapd.close();
    }

    /** The reader service account, bases ou=people and ou=groups, default filters. */
    private static DirectoryConnection settings() {
        return settings(PEOPLE_DN, GROUPS_DN);
    }

    private static DirectoryConnection settings(String userBase, String groupBase) {
        return new DirectoryConnection(slapd.uri(), READER_DN, READER_PASSWORD.toCharArray(), userBase, null, groupBase, null,
                false, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static DirectoryConnection withUri(String uri, Duration connectTimeout, Duration readTimeout) {
        return new DirectoryConnection(uri, READER_DN, READER_PASSWORD.toCharArray(), PEOPLE_DN, null, GROUPS_DN, null, false,
                connectTimeout, readTimeout);
    }

    // ---- test() ------------------------------------------------------------------------------

    @Test
    void testFindsTheVendorAndDefaultsBlankBasesToTheNamingContext() {
        DirectoryInfo info = gateway.test(settings(" ", null));

        assertThat(info).isEqualTo(new DirectoryInfo("OpenLDAP", BASE_DN, BASE_DN, false));
    }

    @Test
    void testKeepsConfiguredBases() {
        assertThat(gateway.test(settings())).isEqualTo(new DirectoryInfo("OpenLDAP", PEOPLE_DN, GROUPS_DN, false));
    }

    @Test
    void anonymousBindWorksWhereTheDirectoryAllowsReading() {
        DirectoryConnection anonymous = new DirectoryConnection(slapd.uri(), "", null, PEOPLE_DN, null, GROUPS_DN, null, false,
                null, null);

        assertThat(gateway.users(anonymous)).extracting(DirectoryUser::username).contains("alice");
    }

    @Test
    void wrongServicePasswordIsBindRefusedAndNeverShown() {
        DirectoryConnection wrong = new DirectoryConnection(slapd.uri(), READER_DN, "not-the-Secret-42".toCharArray(), null,
                null, null, null, false, null, null);

        assertThatThrownBy(() -> gateway.test(wrong))
                .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.BIND_REFUSED))
                .hasMessageStartingWith("LDAP service bind refused: " + READER_DN)
                .message().doesNotContain("not-the-Secret-42");
    }

    @Test
    void missingSearchBaseIsBadSettings() {
        String nowhere = "ou=nowhere," + BASE_DN;

        assertThatThrownBy(() -> gateway.test(settings(PEOPLE_DN, nowhere)))
                .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.BAD_SETTINGS))
                .hasMessage("LDAP search base not found: " + nowhere);
        assertThatThrownBy(() -> gateway.users(settings(nowhere, GROUPS_DN)))
                .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.BAD_SETTINGS))
                .hasMessage("LDAP search base not found: " + nowhere);
    }

    @Test
    void badFilterBaseOrUriIsBadSettings() {
        DirectoryConnection badFilter = new DirectoryConnection(slapd.uri(), READER_DN, READER_PASSWORD.toCharArray(), PEOPLE_DN,
                "(uid=", GROUPS_DN, null, false, null, null);
        assertThatThrownBy(() -> gateway.users(badFilter))
                .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.BAD_SETTINGS))
                .hasMessage("LDAP user filter is not valid: (uid=");
        assertThatThrownBy(() -> gateway.test(settings("not a dn", GROUPS_DN)))
                .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.BAD_SETTINGS));
        for (String uri : List.of("http://127.0.0.1:" + slapd.port(), "ldap://", "127.0.0.1", "")) {
            assertThatThrownBy(() -> gateway.test(withUri(uri, null, null)))
                    .as(uri)
                    .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.BAD_SETTINGS));
        }
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> gateway.test(withUri("ldap://127.0.0.1:" + closed, Duration.ofMillis(500), Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.UNREACHABLE))
                .hasMessageStartingWith("LDAP server unreachable: 127.0.0.1:" + closed + " (");
    }

    /** A server that accepts connections but never answers, not even a TLS handshake: the read timeout ends the call. */
    @ParameterizedTest
    @ValueSource(strings = {"ldap", "ldaps"})
    void silentServerIsUnreachableOnceTheReadTimeoutPasses(String scheme) throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> gateway.test(withUri(scheme + "://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(500),
                    Duration.ofMillis(500))))
                    .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.UNREACHABLE))
                    .hasMessageStartingWith("LDAP server unreachable: 127.0.0.1:" + silent.getLocalPort());
        }
    }

    @Test
    void startTlsOnAServerWithoutTlsIsRefused() {
        DirectoryConnection startTls = new DirectoryConnection(slapd.uri(), READER_DN, READER_PASSWORD.toCharArray(), PEOPLE_DN,
                null, GROUPS_DN, null, true, null, null);

        assertThatThrownBy(() -> gateway.test(startTls))
                .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.BAD_SETTINGS))
                .hasMessageStartingWith("LDAP server refused StartTLS: 127.0.0.1:" + slapd.port());
    }

    // ---- authenticate() ------------------------------------------------------------------------

    @Test
    void rightPasswordAuthenticates() {
        LoginOutcome outcome = gateway.authenticate(settings(), "alice", ALICE_PASSWORD.toCharArray());

        assertThat(outcome).isEqualTo(new Authenticated(
                new DirectoryUser(ALICE_DN, "alice", "alice@example.com", "Alice", "Liddell", true)));
    }

    @Test
    void wrongEmptyOrMissingPasswordAndUnknownUsersAreRejected() {
        assertThat(gateway.authenticate(settings(), "alice", "wrong".toCharArray())).isEqualTo(new Rejected());
        assertThat(gateway.authenticate(settings(), "alice", new char[0])).isEqualTo(new Rejected());
        assertThat(gateway.authenticate(settings(), "alice", null)).isEqualTo(new Rejected());
        assertThat(gateway.authenticate(settings(), "nobody", ALICE_PASSWORD.toCharArray())).isEqualTo(new Rejected());
        assertThat(gateway.authenticate(settings(), "", ALICE_PASSWORD.toCharArray())).isEqualTo(new Rejected());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bbuilder", "bob", "bob.builder@example.com", "BBuilder"})
    void logsInBySamAccountNameUidOrUserPrincipalName(String name) {
        LoginOutcome outcome = gateway.authenticate(settings(), name, BOB_PASSWORD.toCharArray());

        assertThat(outcome).isInstanceOfSatisfying(Authenticated.class, in -> {
            assertThat(in.user().username()).isEqualTo("bbuilder");
            assertThat(in.user().dn()).isEqualToIgnoringCase(BOB_DN);
        });
    }

    @Test
    void userWithEscapedCharactersInTheDnLogsIn() throws Exception {
        LoginOutcome outcome = gateway.authenticate(settings(), "jsmith", JSMITH_PASSWORD.toCharArray());

        assertThat(outcome).isInstanceOfSatisfying(Authenticated.class, in -> {
            assertThat(in.user().username()).isEqualTo("jsmith");
            assertThat(in.user().lastName()).isEqualTo("Smith");
        });
        assertThat(new DN(((Authenticated) outcome).user().dn())).isEqualTo(new DN(JSMITH_DN));
    }

    /** Each would match alice (or everyone) if it reached the filter unescaped. */
    @ParameterizedTest
    @ValueSource(strings = {"*", "al*", ")(uid=*", "admin)(|(uid=*", "alice)(uid=*", "*)(objectClass=*", "alice\\29", "alice\u0000"})
    void filterInjectionFindsNobody(String username) {
        assertThat(gateway.authenticate(settings(), username, ALICE_PASSWORD.toCharArray())).isEqualTo(new Rejected());
        assertThat(gateway.user(settings(), username)).isEmpty();
    }

    @Test
    void disabledAccountIsRevealedOnlyWithTheRightPassword() {
        assertThat(gateway.authenticate(settings(), "dave", DAVE_PASSWORD.toCharArray())).isEqualTo(new Disabled(
                new DirectoryUser(DAVE_DN, "dave", "dave@example.com", "Dave", "Lister", false)));
        assertThat(gateway.authenticate(settings(), "dave", "wrong".toCharArray())).isEqualTo(new Rejected());
    }

    @Test
    void accountLockedByPasswordPolicyIsDisabled() {
        slapd.lockedSince(CAROL_DN, "000001010000Z");
        try {
            assertThat(gateway.authenticate(settings(), "carol", CAROL_PASSWORD.toCharArray())).isEqualTo(new Disabled(
                    new DirectoryUser(CAROL_DN, "carol", "carol@example.com", "Carol", "Danvers", false)));
            assertThat(gateway.user(settings(), "carol")).map(DirectoryUser::enabled).contains(false);
        } finally {
            slapd.lockedSince(CAROL_DN, null);
        }
        assertThat(gateway.user(settings(), "carol")).map(DirectoryUser::enabled).contains(true);
    }

    // ---- user(), users() -------------------------------------------------------------------------

    @Test
    void usersAreListedWithNamesMailAndState() {
        List<DirectoryUser> users = gateway.users(settings());

        assertThat(users).extracting(DirectoryUser::username).containsExactly("alice", "bbuilder", "carol", "dave", "jsmith");
        assertThat(users).filteredOn(u -> u.username().equals("carol")).singleElement()
                .isEqualTo(new DirectoryUser(CAROL_DN, "carol", "carol@example.com", "Carol", "Danvers", true));
        assertThat(users).filteredOn(u -> !u.enabled()).extracting(DirectoryUser::username).containsExactly("dave");
    }

    @Test
    void oneUserByUsername() {
        assertThat(gateway.user(settings(), "bob.builder@example.com")).map(DirectoryUser::username).contains("bbuilder");
        assertThat(gateway.user(settings(), "nobody")).isEmpty();
    }

    @Test
    void configuredUserFilterNarrowsTheDefaultOne() {
        DirectoryConnection narrowed = new DirectoryConnection(slapd.uri(), READER_DN, READER_PASSWORD.toCharArray(), PEOPLE_DN,
                "(objectClass=opsledgerAdUser)", GROUPS_DN, null, false, null, null);

        assertThat(gateway.users(narrowed)).extracting(DirectoryUser::username).containsExactly("alice", "bbuilder", "dave", "jsmith");
        assertThat(gateway.authenticate(narrowed, "carol", CAROL_PASSWORD.toCharArray())).isEqualTo(new Rejected());
    }

    /** More than the server's 500-entry size limit: only paged results get them all. */
    @Test
    void thousandsOfUsersComeThroughPages() {
        String bulk = "ou=bulk," + BASE_DN;
        slapd.addLdif("dn: " + bulk + "\nobjectClass: organizationalUnit\nou: bulk\n");
        slapd.add(IntStream.range(0, 1500).mapToObj(i -> new Entry("uid=user" + i + "," + bulk,
                new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "user" + i), new Attribute("cn", "User " + i),
                new Attribute("sn", "User"))).toArray(Entry[]::new));

        assertThat(gateway.users(settings(bulk, GROUPS_DN))).hasSize(1500);
    }

    // ---- groups() --------------------------------------------------------------------------------

    @Test
    void groupsHaveTheirMembersNestedOnesIncluded() {
        Map<String, List<String>> members = membersByGroup(gateway.groups(settings()));

        assertThat(members).containsEntry("admins", List.of("alice", "jsmith"))
                .containsEntry("developers", List.of("alice", "bbuilder", "carol", "dave", "jsmith"))
                .containsEntry("staff", List.of("alice", "bbuilder", "carol", "dave", "jsmith"))
                .containsEntry("ssh-users", List.of("carol"));
        assertThat(gateway.groups(settings())).filteredOn(g -> g.name().equals("admins")).singleElement()
                .extracting(DirectoryGroup::dn).isEqualTo(ADMINS_DN);
    }

    @Test
    void memberRemovedInTheDirectoryIsGoneOnTheNextCall() {
        String team = "cn=team," + GROUPS_DN;
        slapd.addLdif("dn: " + team + "\nobjectClass: groupOfNames\ncn: team\nmember: " + ALICE_DN + "\nmember: " + BOB_DN + "\n");
        try {
            assertThat(membersByGroup(gateway.groups(settings()))).containsEntry("team", List.of("alice", "bbuilder"));

            slapd.removeMember(team, BOB_DN);

            assertThat(membersByGroup(gateway.groups(settings()))).containsEntry("team", List.of("alice"));
        } finally {
            slapd.delete(team);
        }
    }

    @Test
    void nestingCyclesEnd() {
        String ring = "cn=ring," + GROUPS_DN;
        String loop = "cn=loop," + GROUPS_DN;
        slapd.addLdif("dn: " + ring + "\nobjectClass: groupOfNames\ncn: ring\nmember: " + ALICE_DN + "\n\n"
                + "dn: " + loop + "\nobjectClass: groupOfNames\ncn: loop\nmember: " + ring + "\nmember: " + CAROL_DN + "\n");
        slapd.addMember(ring, loop);
        try {
            Map<String, List<String>> members = membersByGroup(gateway.groups(settings()));

            assertThat(members).containsEntry("ring", List.of("alice", "carol")).containsEntry("loop", List.of("alice", "carol"));
        } finally {
            slapd.removeMember(ring, loop);
            slapd.delete(loop);
            slapd.delete(ring);
        }
    }

    @Test
    void configuredGroupFilterNarrowsTheDefaultOne() {
        DirectoryConnection narrowed = new DirectoryConnection(slapd.uri(), READER_DN, READER_PASSWORD.toCharArray(), PEOPLE_DN,
                null, GROUPS_DN, "(cn=ad*)", false, null, null);

        assertThat(gateway.groups(narrowed)).extracting(DirectoryGroup::name).containsExactly("admins");
    }

    private static Map<String, List<String>> membersByGroup(List<DirectoryGroup> groups) {
        return groups.stream().collect(Collectors.toMap(DirectoryGroup::name, DirectoryGroup::members));
    }
}
