package io.opsledger.web.identity;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.opsledger.identity.api.Role;
import io.opsledger.platform.mongo.EmbeddedMongo;
import io.opsledger.testing.AppTest;
import io.opsledger.identity.Secrets;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded MongoDB listens on loopback without authentication: any local user can write to
 * it. Authentication must not follow what is written there: a forged session, user or key
 * document does not authenticate, and an edited role does not raise anyone.
 */
class ForgedProjectionTest extends AppTest {

    @Autowired
    EmbeddedMongo embedded;

    private MongoClient attacker;
    private MongoDatabase db;

    @BeforeEach
    void connectLikeALocalUser() {
        attacker = MongoClients.create("mongodb://127.0.0.1:" + embedded.address().getPort());
        db = attacker.getDatabase("opsledger");
    }

    @AfterEach
    void disconnect() { attacker.close(); }

    private int status(String path, String header, String value) {
        return http().get().uri(path).header(header, value).exchange().returnResult(String.class).getStatus().value();
    }

    @Test
    void aSessionWrittenStraightIntoTheStoreDoesNotAuthenticate() {
        TestUser root = superadmin();
        MongoCollection<Document> sessions = db.getCollection("sessions");
        Document genuine = sessions.find(new Document("_id", Secrets.sha256(root.token()))).first();
        assertThat(genuine).as("the projection is where we think it is").isNotNull();

        String secret = Secrets.newToken();
        sessions.insertOne(new Document("_id", Secrets.sha256(secret)).append("userId", root.user().userId())
                .append("kind", "TOKEN").append("expiresAt", null));
        assertThat(status("/api/v1/users/", "Authorization", "Token " + secret)).isEqualTo(401);

        // nor with a seal copied from a genuine session
        String copied = Secrets.newToken();
        sessions.insertOne(new Document(genuine).append("_id", Secrets.sha256(copied)));
        assertThat(status("/api/v1/auth/profile", "Authorization", "Token " + copied)).isEqualTo(401);
        assertThat(status("/api/v1/auth/profile", "Authorization", "Token " + root.token())).isEqualTo(200);
    }

    @Test
    void editingARoleInTheStoreRaisesNobody() {
        TestUser reader = user(Role.READONLY);
        MongoCollection<Document> users = db.getCollection("users");
        users.updateOne(new Document("_id", reader.user().userId()), new Document("$set", new Document("role", "SUPERADMIN")));

        assertThat(status("/api/v1/users/", "Authorization", "Token " + reader.token())).as("BitBlast's admin list").isNotEqualTo(200);
        assertThat(status("/api/admin/users/", "Authorization", "Token " + reader.token())).as("inventory's admin list").isNotEqualTo(200);
        assertThat(accounts.byId(reader.user().userId())).as("an edited user is not served").isNull();

        users.updateOne(new Document("_id", reader.user().userId()), new Document("$set", new Document("role", "READONLY")));
        assertThat(status("/api/v1/auth/profile", "Authorization", "Token " + reader.token())).as("as the events say again").isEqualTo(200);
    }

    @Test
    void aUserWrittenStraightIntoTheStoreCannotLogIn() {
        String password = "known-to-the-attacker";
        db.getCollection("users").insertOne(new Document("_id", "00000000-0000-0000-0000-00000000f0f0")
                .append("userNumber", 999_999L).append("username", "mallory").append("usernameKey", "mallory")
                .append("email", "mallory@example.com").append("firstName", "").append("lastName", "")
                .append("passwordHash", new BCryptPasswordEncoder(10).encode(password)).append("role", "SUPERADMIN")
                .append("active", true).append("authSource", "local"));
        http().post().uri("/api/v1/auth/login").bodyValue(Map.of("username", "mallory", "password", password))
                .exchange().expectStatus().isUnauthorized();
        http().post().uri("/api/v1/d-login/").bodyValue(Map.of("username", "mallory", "password", password))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aPasswordHashWrittenIntoAnAdminsDocumentDoesNotLogIn() {
        TestUser admin = user(Role.ADMIN);
        MongoCollection<Document> users = db.getCollection("users");
        String genuineHash = users.find(new Document("_id", admin.user().userId())).first().getString("passwordHash");
        String password = "known-to-the-attacker";
        users.updateOne(new Document("_id", admin.user().userId()),
                new Document("$set", new Document("passwordHash", new BCryptPasswordEncoder(10).encode(password))));
        http().post().uri("/api/v1/auth/login").bodyValue(Map.of("username", admin.username(), "password", password))
                .exchange().expectStatus().isUnauthorized();
        http().post().uri("/api/auth/login").bodyValue(Map.of("username", admin.username(), "password", password))
                .exchange().expectStatus().isBadRequest();

        users.updateOne(new Document("_id", admin.user().userId()), new Document("$set", new Document("passwordHash", genuineHash)));
        http().post().uri("/api/v1/auth/login").bodyValue(Map.of("username", admin.username(), "password", admin.password()))
                .exchange().expectStatus().isOk();
    }

    @Test
    void aRevokedApiKeyCannotBeRevivedInTheStore() {
        TestUser u = user(Role.STANDARD);
        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) http().post().uri("/api/v1/auth/api-keys")
                .header("Authorization", "Token " + u.token()).bodyValue(Map.of("name", "ci")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("data");
        String key = (String) created.get("key");
        http().delete().uri("/api/v1/auth/api-keys/" + created.get("id")).header("Authorization", "Token " + u.token())
                .exchange().expectStatus().isOk();
        assertThat(status("/api/v1/auth/profile", "X-API-Key", key)).isEqualTo(401);

        db.getCollection("api_keys").updateOne(new Document("_id", created.get("id")),
                new Document("$set", new Document("revoked", false)));
        assertThat(status("/api/v1/auth/profile", "X-API-Key", key)).isEqualTo(401);
    }
}
