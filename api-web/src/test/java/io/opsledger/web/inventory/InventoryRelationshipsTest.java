package io.opsledger.web.inventory;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.web.inventory.InventoryClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/relationships over HTTP: GET, POST and DELETE only. */
class InventoryRelationshipsTest extends AppTest {

    private InventoryClient as(TestUser u) { return InventoryClient.withToken(http(), u.token()); }

    private static String create(InventoryClient admin, String name) {
        Response r = admin.post("/api/assets/", Map.of("name", name));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.at("/id").asText();
    }

    private static String name() { return "rel" + UUID.randomUUID().toString().substring(0, 8); }

    @Test
    void createListGetAndDelete() {
        InventoryClient admin = as(user(Role.ADMIN));
        InventoryClient readonly = as(user(Role.READONLY));
        String n = name();
        String app = create(admin, n + "-app");
        String db = create(admin, n + "-db");
        String lb = create(admin, n + "-lb");

        Response created = admin.post("/api/relationships/", Map.of("source_asset", app, "target_asset", db,
                "relationship_type", "DEPENDS_ON", "description", "Reads data from this database"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.at("/id").asText();
        assertThat(created.at("/source_asset").asText()).isEqualTo(app);
        assertThat(created.at("/target_asset").asText()).isEqualTo(db);
        assertThat(created.at("/target_asset_name").asText()).isEqualTo(n + "-db");
        assertThat(created.at("/relationship_type").asText()).isEqualTo("DEPENDS_ON");
        assertThat(created.at("/description").asText()).isEqualTo("Reads data from this database");
        assertThat(admin.post("/api/relationships", Map.of("source_asset", lb, "target_asset", app,
                "relationship_type", "CONNECTS_TO")).status()).isEqualTo(201);

        Response bySource = readonly.get("/api/relationships/?source_asset=" + app);
        assertThat(bySource.status()).isEqualTo(200);
        assertThat(bySource.at("/count").asInt()).isEqualTo(1);
        assertThat(bySource.at("/results/0/id").asText()).isEqualTo(id);
        Response byTarget = readonly.get("/api/relationships/?target_asset=" + app);
        assertThat(byTarget.at("/count").asInt()).isEqualTo(1);
        assertThat(byTarget.at("/results/0/relationship_type").asText()).isEqualTo("CONNECTS_TO");
        assertThat(readonly.get("/api/relationships/?page_size=1").at("/next").asText()).contains("page=2");
        assertThat(readonly.get("/api/relationships/" + id + "/").at("/source_asset_name").asText()).isEqualTo(n + "-app");

        assertThat(admin.get("/api/assets/" + app).at("/outgoing_relationships/0/related_asset_pk").asText()).isEqualTo(db);
        assertThat(admin.get("/api/assets/" + app).at("/incoming_relationships/0/related_asset_name").asText()).isEqualTo(n + "-lb");

        assertThat(readonly.delete("/api/relationships/" + id).status()).isEqualTo(403);
        assertThat(admin.delete("/api/relationships/" + id + "/").status()).isEqualTo(204);
        assertThat(admin.get("/api/relationships/" + id).status()).isEqualTo(404);
        assertThat(admin.delete("/api/relationships/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/api/assets/" + app).at("/outgoing_relationships").size()).isZero();
        // the link may be made again once deleted
        assertThat(admin.post("/api/relationships/", Map.of("source_asset", app, "target_asset", db,
                "relationship_type", "DEPENDS_ON")).status()).isEqualTo(201);
    }

    @Test
    void duplicatesSelfLinksUnknownAssetsAndUnknownTypesAreRefused() {
        InventoryClient admin = as(user(Role.ADMIN));
        String n = name();
        String a = create(admin, n + "-a");
        String b = create(admin, n + "-b");
        Map<String, Object> link = Map.of("source_asset", a, "target_asset", b, "relationship_type", "CONTAINS");
        assertThat(admin.post("/api/relationships/", link).status()).isEqualTo(201);
        Response dup = admin.post("/api/relationships/", link);
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.at("/non_field_errors/0").asText())
                .isEqualTo("The fields source_asset, target_asset, relationship_type must make a unique set.");
        // another type, or the other direction, is another link
        assertThat(admin.post("/api/relationships/", Map.of("source_asset", a, "target_asset", b,
                "relationship_type", "MANAGED_BY")).status()).isEqualTo(201);
        assertThat(admin.post("/api/relationships/", Map.of("source_asset", b, "target_asset", a,
                "relationship_type", "CONTAINS")).status()).isEqualTo(201);

        Response self = admin.post("/api/relationships/", Map.of("source_asset", a, "target_asset", a, "relationship_type", "CONTAINS"));
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.at("/non_field_errors/0").asText()).isEqualTo("An asset cannot have a relationship with itself.");
        String ghost = UUID.randomUUID().toString();
        Response unknown = admin.post("/api/relationships/", Map.of("source_asset", ghost, "target_asset", b));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.at("/source_asset/0").asText()).isEqualTo("Invalid pk \"" + ghost + "\" - object does not exist.");
        Response badType = admin.post("/api/relationships/", Map.of("source_asset", a, "target_asset", b, "relationship_type", "LOVES"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.at("/relationship_type/0").asText()).isEqualTo("\"LOVES\" is not a valid choice.");
        assertThat(admin.post("/api/relationships/", Map.of()).at("/source_asset/0").asText()).isEqualTo("This field is required.");
    }

    @Test
    void noUpdatesAndNoAnonymousAccess() {
        InventoryClient admin = as(user(Role.ADMIN));
        InventoryClient readonly = as(user(Role.READONLY));
        String n = name();
        String a = create(admin, n + "-a");
        String b = create(admin, n + "-b");
        String id = admin.post("/api/relationships/", Map.of("source_asset", a, "target_asset", b)).at("/id").asText();
        assertThat(admin.get("/api/relationships/" + id).at("/relationship_type").asText()).isEqualTo("DEPENDS_ON");
        Response put = admin.put("/api/relationships/" + id + "/", Map.of("description", "x"));
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.at("/detail").asText()).isEqualTo("Method \"PUT\" not allowed.");
        assertThat(admin.send(HttpMethod.PATCH, "/api/relationships/" + id, Map.of("description", "x")).status()).isEqualTo(405);
        assertThat(readonly.post("/api/relationships/", Map.of("source_asset", b, "target_asset", a)).status()).isEqualTo(403);
        InventoryClient anonymous = new InventoryClient(http());
        assertThat(anonymous.get("/api/relationships/").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/relationships/" + id).status()).isEqualTo(403);
        assertThat(anonymous.delete("/api/relationships/" + id).status()).isEqualTo(403);
        assertThat(readonly.get("/api/relationships/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
}
