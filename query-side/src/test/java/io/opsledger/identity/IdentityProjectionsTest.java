package io.opsledger.identity;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.opsledger.identity.api.IdentityQueries.*;
import io.opsledger.identity.api.IdentityEvents.*;
import io.opsledger.identity.api.Role;
import io.opsledger.identity.api.SessionKind;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity read models over the MongoDB wire protocol, including replays (at-least-once delivery). */
class IdentityProjectionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private MongoServer server;
    private MongoClient client;
    private static final Seal SEAL = new Seal(new byte[32]);
    private MongoDatabase db;
    private UserProjection users;
    private CredentialProjection credentials;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        db = client.getDatabase("test");
        users = new UserProjection(db, SEAL);
        credentials = new CredentialProjection(db, SEAL);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static UserRegistered alice() {
        return new UserRegistered("u1", 7, "alice", "alice@example.com", "Alice", "A", "$2a$hash", Role.STANDARD, true, "local");
    }

    @Test
    void usersAreFoundByIdNameNumberAndEmailAndReplaysChangeNothing() {
        users.on(alice(), T0);
        users.on(alice(), T0); // delivered twice
        users.on(new UserRoleChanged("u1", Role.STANDARD, Role.ADMIN, null), T0.plusSeconds(5));
        users.on(new SessionOpened("u1", "h", SessionKind.TOKEN, null), T0.plusSeconds(9));

        UserView byName = users.handle(new FindUserByUsername("alice"));
        assertThat(byName.userId()).isEqualTo("u1");
        assertThat(byName.role()).isEqualTo(Role.ADMIN);
        assertThat(byName.dateJoined()).isEqualTo(T0);
        assertThat(byName.lastLogin()).isEqualTo(T0.plusSeconds(9));
        assertThat(users.handle(new FindUserByNumber(7))).isEqualTo(byName);
        assertThat(users.handle(new FindUsersByEmail("alice@example.com"))).containsExactly(byName);
        assertThat(users.handle(new ListUsers())).hasSize(1);
        assertThat(users.handle(new CountUsersWithRoles(List.of(Role.ADMIN, Role.SUPERADMIN)))).isEqualTo(1L);
        assertThat(users.handle(new FindUserByUsername("bob"))).isNull();
    }

    @Test
    void anOlderLoginReplayedLaterDoesNotMoveLastLoginBack() {
        users.on(alice(), T0);
        users.on(new SessionOpened("u1", "h2", SessionKind.JWT, null), T0.plusSeconds(60));
        users.on(new SessionOpened("u1", "h1", SessionKind.JWT, null), T0.plusSeconds(30));
        assertThat(users.handle(new FindUserById("u1")).lastLogin()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void renamesAndDeletionsShowInTheView() {
        users.on(alice(), T0);
        users.on(new UserProfileUpdated("u1", "alice2", "alice", "new@example.com", "Al", "B", false), T0.plusSeconds(1));
        assertThat(users.handle(new FindUserByUsername("alice"))).isNull();
        UserView renamed = users.handle(new FindUserByUsername("alice2"));
        assertThat(renamed.email()).isEqualTo("new@example.com");
        assertThat(renamed.active()).isFalse();
        users.on(new UserDeleted("u1", "alice2"));
        assertThat(users.handle(new FindUserById("u1"))).isNull();
    }

    @Test
    void sessionsOpenAndCloseIdempotently() {
        Instant expires = T0.plusSeconds(3600);
        credentials.on(new SessionOpened("u1", "h1", SessionKind.WEB_SESSION, expires));
        credentials.on(new SessionOpened("u1", "h1", SessionKind.WEB_SESSION, expires));
        assertThat(credentials.handle(new FindSession("h1"))).isEqualTo(new SessionView("h1", "u1", SessionKind.WEB_SESSION, expires));
        credentials.on(new SessionClosed("u1", "h1"));
        credentials.on(new SessionClosed("u1", "h1"));
        assertThat(credentials.handle(new FindSession("h1"))).isNull();
    }

    @Test
    void apiKeysAreFoundByHashAndStayListedWhenRevoked() {
        credentials.on(new ApiKeyCreated("u1", "k1", "ci", "hash1", "olk_abcd", null), T0);
        assertThat(credentials.handle(new FindApiKeyByHash("hash1")).revoked()).isFalse();
        credentials.on(new ApiKeyRevoked("u1", "k1"));
        assertThat(credentials.handle(new FindApiKeyByHash("hash1")).revoked()).isTrue();
        assertThat(credentials.handle(new ListApiKeys("u1"))).extracting(ApiKeyView::name).containsExactly("ci");
    }

    @Test
    void deletingAUserEndsItsSessionsAndKeys() {
        credentials.on(new SessionOpened("u1", "h1", SessionKind.TOKEN, null));
        credentials.on(new ApiKeyCreated("u1", "k1", "ci", "hash1", "olk_abcd", null), T0);
        credentials.on(new UserDeleted("u1", "alice"));
        assertThat(credentials.handle(new FindSession("h1"))).isNull();
        assertThat(credentials.handle(new FindApiKeyByHash("hash1")).revoked()).isTrue();
    }

    @Test
    void usersAreFoundWhateverTheCaseAndTheExactSpellingWinsAmongOldCaseTwins() {
        users.on(alice(), T0);
        assertThat(users.handle(new FindUserByUsername("ALICE")).userId()).isEqualTo("u1");
        // two users that differ only in case, made before usernames were keyed
        users.on(new UserRegistered("u2", 8, "Alice", "", "", "", "$2a$hash", Role.READONLY, true, "local"), T0);
        assertThat(users.handle(new FindUserByUsername("Alice")).userId()).isEqualTo("u2");
        assertThat(users.handle(new FindUserByUsername("alice")).userId()).isEqualTo("u1");
        assertThat(users.handle(new FindUserByUsername("aLiCe")).userId()).isEqualTo("u1");
    }

    @Test
    void documentsWrittenWithoutTheSealAreNotServed() {
        users.on(alice(), T0);
        credentials.on(new SessionOpened("u1", "h1", SessionKind.TOKEN, null));
        credentials.on(new ApiKeyCreated("u1", "k1", "ci", "hash1", "olk_abcd", null), T0);
        credentials.on(new ApiKeyRevoked("u1", "k1"));

        // a local user with access to the projection store's port
        db.getCollection("users").updateOne(new Document("_id", "u1"), new Document("$set", new Document("role", "SUPERADMIN")));
        db.getCollection("users").insertOne(new Document("_id", "forged").append("userNumber", 99).append("username", "mallory")
                .append("usernameKey", "mallory").append("passwordHash", "$2a$known").append("role", "SUPERADMIN").append("active", true)
                .append("seal", new Document("role", "x").append("active", "x").append("passwordHash", "x")));
        db.getCollection("sessions").insertOne(new Document("_id", "forged-hash").append("userId", "u1").append("kind", "TOKEN"));
        db.getCollection("sessions").updateOne(new Document("_id", "h1"), new Document("$set", new Document("kind", "WEB_SESSION")));
        db.getCollection("api_keys").updateOne(new Document("_id", "k1"), new Document("$set", new Document("revoked", false)));

        assertThat(users.handle(new FindUserById("u1"))).isNull();
        assertThat(users.handle(new FindUserByUsername("mallory"))).isNull();
        assertThat(users.handle(new ListUsers())).isEmpty();
        assertThat(credentials.handle(new FindSession("forged-hash"))).isNull();
        assertThat(credentials.handle(new FindSession("h1"))).isNull();
        assertThat(credentials.handle(new FindApiKeyByHash("hash1"))).isNull();

        // the events put back what they say
        users.on(new UserRoleChanged("u1", Role.SUPERADMIN, Role.STANDARD, null), T0.plusSeconds(1));
        assertThat(users.handle(new FindUserById("u1")).role()).isEqualTo(Role.STANDARD);
    }

    @Test
    void aNewPasswordEndsEverySessionButTheOneItWasChangedThroughAndKeepsApiKeys() {
        credentials.on(new SessionOpened("u1", "mine", SessionKind.JWT, null));
        credentials.on(new SessionOpened("u1", "other", SessionKind.TOKEN, null));
        credentials.on(new SessionOpened("u2", "someone-else", SessionKind.TOKEN, null));
        credentials.on(new ApiKeyCreated("u1", "k1", "ci", "hash1", "olk_abcd", null), T0);
        credentials.on(new UserPasswordChanged("u1", "$2a$new", "mine"));
        assertThat(credentials.handle(new FindSession("mine"))).isNotNull();
        assertThat(credentials.handle(new FindSession("other"))).isNull();
        assertThat(credentials.handle(new FindSession("someone-else"))).isNotNull();
        assertThat(credentials.handle(new FindApiKeyByHash("hash1")).revoked()).isFalse();
        credentials.on(new UserPasswordChanged("u1", "$2a$newer", null));
        assertThat(credentials.handle(new FindSession("mine"))).isNull();
    }
}
