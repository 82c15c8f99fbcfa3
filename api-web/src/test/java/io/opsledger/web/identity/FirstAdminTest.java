package io.opsledger.web.identity;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.opsledger.platform.mongo.EmbeddedMongo;
import io.opsledger.testing.AppTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Only one first admin, ever" is decided by the event store: not by the users projection (which
 * says "none" while it is rebuilt), nor by how long ago a claim was made.
 */
class FirstAdminTest extends AppTest {

    @Autowired
    EmbeddedMongo embedded;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    @SuppressWarnings("unchecked")
    void noSecondSuperadminWhileTheProjectionDoesNotShowTheFirstOne() {
        TestUser root = superadmin();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + embedded.address().getPort())) {
            MongoCollection<Document> users = client.getDatabase("opsledger").getCollection("users");
            Document first = users.find(new Document("_id", root.user().userId())).first();
            assertThat(first).isNotNull();
            // as while the projection is rebuilt: no superadmin in it yet; and the claims are minutes old
            users.deleteOne(new Document("_id", root.user().userId()));
            jdbc.update("UPDATE unique_claims SET claimed_at = ?", Timestamp.from(Instant.now().minusSeconds(600)));
            try {
                String name = "second-root-" + UUID.randomUUID().toString().substring(0, 8);
                http().post().uri("/api/v1/create_first_admin/")
                        .bodyValue(Map.of("username", name, "password", "second-root-password", "role", "Admin"))
                        .exchange().expectStatus().isBadRequest()
                        .expectBody().json("{\"error\":\"Admin user already exists.\"}");
                http().get().uri("/api/v1/check-admin-user-exists/").exchange().expectStatus().isOk()
                        .expectBody().json("{\"exists\":true}");
                assertThat(accounts.byUsername(name)).isNull();
                assertThat(jdbc.queryForList("SELECT owner FROM unique_claims WHERE scope = 'username' AND claim_value = ?",
                        String.class, name)).as("the refused name stays free").isEmpty();
            } finally {
                users.replaceOne(new Document("_id", root.user().userId()), first, new com.mongodb.client.model.ReplaceOptions().upsert(true));
            }
        }
        List<Map<String, Object>> listed = http().get().uri("/api/v1/users/").header("Authorization", "Token " + root.token())
                .exchange().expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody()
                .stream().map(m -> (Map<String, Object>) m).toList();
        assertThat(listed).filteredOn(u -> Boolean.TRUE.equals(u.get("is_superuser"))).hasSize(1);
    }
}
