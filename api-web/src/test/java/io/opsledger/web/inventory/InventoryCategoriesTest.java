package io.opsledger.web.inventory;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.web.inventory.InventoryClient.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryCategoriesTest extends AppTest {

    static final List<String> FIELDS = List.of("id", "name", "description", "icon", "color", "asset_count", "created_at",
            "updated_at");

    private InventoryClient root() { return InventoryClient.withToken(http(), superadmin().token()); }

    private static String unique(String prefix) { return prefix + "-" + UUID.randomUUID().toString().substring(0, 8); }

    private static void assertField(Response r, int status, String field, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.at("/" + field + "/0").asText()).as(r.text()).isEqualTo(message);
    }

    private Response create(InventoryClient client, Map<String, Object> body) {
        Response r = client.post("/api/categories/", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r;
    }

    @Test
    void createReadUpdateDelete() {
        InventoryClient admin = root();
        String name = unique("Compute");
        Response created = create(admin, Map.of("name", name, "description", "Compute resources", "icon", "bi-cpu",
                "color", "#007bff"));
        assertThat(created.json().size()).isEqualTo(FIELDS.size());
        FIELDS.forEach(f -> assertThat(created.json().has(f)).as(f).isTrue());
        assertThat(created.at("/name").asText()).isEqualTo(name);
        assertThat(created.at("/icon").asText()).isEqualTo("bi-cpu");
        assertThat(created.at("/color").asText()).isEqualTo("#007bff");
        assertThat(created.at("/asset_count").asInt()).isZero();
        String id = created.at("/id").asText();

        InventoryClient reader = InventoryClient.withToken(http(), user(Role.READONLY).token());
        assertThat(reader.get("/api/categories/" + id + "/").json()).isEqualTo(created.json());

        Response patched = admin.patch("/api/categories/" + id + "/", Map.of("description", "VMs"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.at("/description").asText()).isEqualTo("VMs");
        assertThat(patched.at("/name").asText()).isEqualTo(name);
        String renamed = unique("Servers");
        Response put = admin.put("/api/categories/" + id, Map.of("name", renamed));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.at("/name").asText()).isEqualTo(renamed);
        assertThat(put.at("/icon").asText()).isEqualTo("bi-cpu"); // omitted: kept
        assertThat(admin.get("/api/categories/" + id).json()).isEqualTo(put.json());

        // the old name is free after the rename
        create(admin, Map.of("name", name));

        Response history = admin.get("/api/v1/audit/aggregates/" + id + "/history");
        assertThat(history.at("/data/events").findValuesAsText("eventType"))
                .containsExactly("CategoryCreated", "CategoryUpdated", "CategoryUpdated");

        assertThat(admin.delete("/api/categories/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/categories/" + id).status()).isEqualTo(404);
        create(admin, Map.of("name", renamed)); // its name is free again
    }

    @Test
    void iconDefaultsToBiBox() {
        Response created = create(root(), Map.of("name", unique("Storage")));
        assertThat(created.at("/icon").asText()).isEqualTo("bi-box");
        assertThat(created.at("/description").asText()).isEmpty();
        assertThat(created.at("/color").asText()).isNotBlank();
    }

    @Test
    void namesAreUniqueAndRequired() {
        InventoryClient admin = root();
        String name = unique("Network");
        create(admin, Map.of("name", name));
        assertField(admin.post("/api/categories", Map.of("name", name)), 409, "name",
                "asset category with this name already exists.");
        String other = create(admin, Map.of("name", unique("Other"))).at("/id").asText();
        assertField(admin.patch("/api/categories/" + other, Map.of("name", name)), 409, "name",
                "asset category with this name already exists.");
        assertField(admin.post("/api/categories", Map.of("description", "no name")), 400, "name", "This field is required.");
        assertField(admin.post("/api/categories", Map.of("name", " ")), 400, "name", "This field may not be blank.");
        assertField(admin.post("/api/categories", Map.of("name", "x".repeat(101))), 400, "name",
                "Ensure this field has no more than 100 characters.");
        assertField(admin.put("/api/categories/" + other, Map.of("icon", "bi-x")), 400, "name", "This field is required.");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("name", unique("Nulls"));
        withNull.put("icon", null);
        assertThat(create(admin, withNull).at("/icon").asText()).isEqualTo("bi-box");
    }

    @Test
    void readersReadAndOnlyAdminsWrite() {
        String id = create(root(), Map.of("name", unique("Perm"))).at("/id").asText();
        InventoryClient reader = InventoryClient.withToken(http(), user(Role.READONLY).token());
        assertThat(reader.get("/api/categories").status()).isEqualTo(200);
        assertThat(reader.get("/api/categories/" + id).status()).isEqualTo(200);
        Response post = reader.post("/api/categories", Map.of("name", unique("No")));
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.at("/detail").asText()).isEqualTo("You do not have permission to perform this action.");
        assertThat(reader.put("/api/categories/" + id, Map.of("name", "x")).status()).isEqualTo(403);
        assertThat(reader.patch("/api/categories/" + id, Map.of("name", "x")).status()).isEqualTo(403);
        assertThat(reader.delete("/api/categories/" + id).status()).isEqualTo(403);
        InventoryClient anonymous = new InventoryClient(http());
        assertThat(anonymous.get("/api/categories").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/categories/" + id).status()).isEqualTo(403);
        InventoryClient admin = InventoryClient.withToken(http(), user(Role.ADMIN).token());
        assertThat(admin.delete("/api/categories/" + id).status()).isEqualTo(204);
    }

    @Test
    void unknownIdsAre404WrongMethods405AndTheListIsPaginated() {
        InventoryClient admin = root();
        for (String id : List.of(UUID.randomUUID().toString(), "7", "nope")) {
            Response r = admin.get("/api/categories/" + id);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.at("/detail").asText()).isEqualTo("Not found.");
            assertThat(admin.patch("/api/categories/" + id, Map.of("name", "x")).status()).isEqualTo(404);
            assertThat(admin.delete("/api/categories/" + id).status()).isEqualTo(404);
        }
        assertThat(admin.delete("/api/categories").status()).isEqualTo(405);
        String tag = unique("Paged");
        for (int i = 0; i < 3; i++) {
            create(admin, Map.of("name", tag + "-" + i));
        }
        Response page = admin.get("/api/categories/?search=" + tag + "&page_size=2");
        assertThat(page.at("/count").asInt()).isEqualTo(3);
        assertThat(page.at("/results").size()).isEqualTo(2);
        assertThat(page.at("/results/0/name").asText()).isEqualTo(tag + "-0");
        assertThat(page.at("/next").asText()).contains("page=2");
        assertThat(admin.get("/api/categories/?search=" + tag + "&page=2&page_size=2").at("/results/0/name").asText())
                .isEqualTo(tag + "-2");
        Response all = admin.get("/api/categories");
        assertThat(all.at("/count").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(all.at("/previous").isNull()).isTrue();
    }
}
