package io.opsledger.web.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.identity.api.Role;
import io.opsledger.inventory.api.AccountMessages.AwsAccountRegistered;
import io.opsledger.inventory.api.AccountMessages.AwsAccountUpdated;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.inventory.api.CategoryMessages.CategoryCreated;
import io.opsledger.inventory.api.CategoryMessages.CategoryDetails;
import io.opsledger.platform.ProjectionBarrier;
import io.opsledger.testing.AppTest;
import io.opsledger.web.inventory.InventoryClient.Response;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/assets over HTTP, against the whole application. */
class InventoryAssetsTest extends AppTest {

    private static String unique() { return "as" + UUID.randomUUID().toString().substring(0, 8); }

    private InventoryClient as(TestUser u) { return InventoryClient.withToken(http(), u.token()); }

    private String account(String name) {
        return account(name, String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L));
    }

    private String account(String name, String twelveDigits) {
        Response created = as(superadmin()).post("/api/accounts/", Map.of("account_id", twelveDigits, "account_name", name,
                "environment", "PRODUCTION", "discovery_regions", List.of("eu-central-1")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.at("/id").asText();
    }

    private String category(String name) {
        Response created = as(superadmin()).post("/api/categories/", Map.of("name", name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.at("/id").asText();
    }

    static Map<String, Object> asset(String name, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static String create(InventoryClient admin, Map<String, Object> body) {
        Response r = admin.post("/api/assets/", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.at("/id").asText();
    }

    private static List<String> names(Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.at("/results").forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    @Test
    void createReadUpdateAndDeleteWithTheContractsShapes() {
        InventoryClient admin = as(user(Role.ADMIN));
        String acc = account("Production");
        String cat = category("Compute-" + unique());
        String name = unique();
        Response created = admin.post("/api/assets/", asset(name, "asset_type", "AWS_SERVICE", "aws_service_type", "EC2",
                "aws_account", acc, "aws_region", "eu-central-1", "criticality", "HIGH", "owner", "Platform Team",
                "department", "Engineering", "category", cat, "metadata", Map.of("ami", "ami-1"),
                "ip_addresses", List.of("10.1.2.3"), "dns_names", List.of(name + ".example.com"), "tags", Map.of("env", "prod"),
                "url", "s3://bucket/x", "gdpr_relevant", true));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode a = created.json();
        String id = a.get("id").asText();
        assertThat(a.get("asset_id").asText()).matches("ASSET-\\d{4,}");
        assertThat(a.get("asset_type_display").asText()).isEqualTo("AWS Service");
        assertThat(a.get("aws_service_type_display").asText()).isEqualTo("EC2 Instance");
        assertThat(a.get("aws_account_name").asText()).isEqualTo("Production");
        assertThat(a.get("category").asText()).isEqualTo(cat);
        assertThat(a.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(a.get("status_display").asText()).isEqualTo("Active");
        assertThat(a.get("criticality_display").asText()).isEqualTo("High");
        assertThat(a.get("data_classification").asText()).isEqualTo("INTERNAL");
        assertThat(a.get("metadata").get("ami").asText()).isEqualTo("ami-1");
        assertThat(a.get("is_manually_added").asBoolean()).isTrue();
        assertThat(a.get("gdpr_relevant").asBoolean()).isTrue();
        assertThat(a.get("outgoing_relationships").isArray()).isTrue();
        assertThat(a.get("incoming_relationships").isArray()).isTrue();

        // the list item has exactly the contract's keys
        Response list = admin.get("/api/assets/?search=" + name);
        assertThat(list.at("/count").asInt()).isEqualTo(1);
        List<String> keys = new ArrayList<>();
        list.at("/results/0").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "asset_id", "name", "asset_type", "asset_type_display", "aws_service_type",
                "aws_service_type_display", "aws_account", "aws_account_name", "aws_region", "status", "status_display",
                "criticality", "criticality_display", "owner", "department", "category_name", "created_at", "last_seen_at");
        assertThat(list.at("/results/0/category_name").asText()).startsWith("Compute-");

        // the detail: the list item's keys, then every other field, its account and category nested, its links
        List<String> detailKeys = new ArrayList<>();
        a.fieldNames().forEachRemaining(detailKeys::add);
        List<String> expected = new ArrayList<>(keys);
        expected.addAll(List.of("aws_resource_id", "aws_resource_arn", "data_classification", "data_classification_display",
                "category", "category_detail", "aws_account_detail", "metadata", "ip_addresses", "dns_names", "tags",
                "description", "vendor", "url", "version", "gdpr_relevant", "contains_personal_data", "backup_enabled",
                "monitoring_enabled", "notes", "is_manually_added", "discovered_at", "updated_at", "outgoing_relationships",
                "incoming_relationships"));
        assertThat(detailKeys).containsExactlyElementsOf(expected);
        List<String> accountKeys = new ArrayList<>();
        a.get("aws_account_detail").fieldNames().forEachRemaining(accountKeys::add);
        assertThat(accountKeys).containsExactly("id", "account_id", "account_name", "account_type", "account_type_display",
                "environment", "environment_display", "organization_role_name", "aws_access_key_id", "management_account",
                "management_account_name", "discovery_regions", "is_active", "last_discovery_at", "estimated_monthly_cost",
                "previous_month_cost", "cost_updated_at", "created_at", "updated_at", "asset_count");
        List<String> categoryKeys = new ArrayList<>();
        a.get("category_detail").fieldNames().forEachRemaining(categoryKeys::add);
        assertThat(categoryKeys).containsExactly("id", "name", "description", "icon", "color", "asset_count", "created_at",
                "updated_at");

        // renaming the account shows in its assets
        assertThat(admin.patch("/api/accounts/" + acc + "/", Map.of("account_name", "Prod EU")).status()).isEqualTo(200);
        assertThat(admin.get("/api/assets/" + id + "/").at("/aws_account_name").asText()).isEqualTo("Prod EU");

        Response patched = admin.patch("/api/assets/" + id + "/", Map.of("criticality", "LOW", "notes", "patched"));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.at("/criticality").asText()).isEqualTo("LOW");
        assertThat(patched.at("/owner").asText()).isEqualTo("Platform Team");
        assertThat(patched.at("/aws_service_type").asText()).isEqualTo("EC2");

        assertThat(admin.put("/api/assets/" + id, Map.of("owner", "x")).status()).isEqualTo(400);
        Response put = admin.put("/api/assets/" + id, Map.of("name", name + "-2", "owner", "Ops"));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.at("/name").asText()).isEqualTo(name + "-2");
        assertThat(put.at("/criticality").asText()).isEqualTo("LOW");

        Response deleted = admin.delete("/api/assets/" + id + "/");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(admin.get("/api/assets/" + id).status()).isEqualTo(404);
        assertThat(admin.delete("/api/assets/" + id).status()).isEqualTo(404);
    }

    @Test
    void badValuesAreFieldErrors() {
        InventoryClient admin = as(user(Role.ADMIN));
        Response badEnum = admin.post("/api/assets/", asset(unique(), "criticality", "EXTREME"));
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.at("/criticality/0").asText()).isEqualTo("\"EXTREME\" is not a valid choice.");
        String missing = UUID.randomUUID().toString();
        Response badAccount = admin.post("/api/assets/", asset(unique(), "aws_account", missing, "category", "nope"));
        assertThat(badAccount.status()).isEqualTo(400);
        assertThat(badAccount.at("/aws_account/0").asText()).isEqualTo("Invalid pk \"" + missing + "\" - object does not exist.");
        assertThat(badAccount.at("/category/0").asText()).isEqualTo("Invalid pk \"nope\" - object does not exist.");
        assertThat(admin.post("/api/assets/", asset(unique(), "url", "www.example.com")).at("/url/0").asText())
                .isEqualTo("Enter a valid URL.");
        Response noName = admin.post("/api/assets/", Map.of("asset_type", "SAAS"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.at("/name/0").asText()).isEqualTo("This field is required.");
        assertThat(admin.post("/api/assets/", asset(unique(), "ip_addresses", "10.0.0.1")).at("/ip_addresses/0").asText())
                .startsWith("Expected a list of items");
        String id = create(admin, asset(unique()));
        assertThat(admin.patch("/api/assets/" + id, Map.of("status", "GONE")).at("/status/0").asText())
                .isEqualTo("\"GONE\" is not a valid choice.");
        assertThat(admin.get("/api/assets/?status=GONE").status()).isEqualTo(400);
        assertThat(admin.get("/api/assets/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.post("/api/assets/" + UUID.randomUUID() + "/decommission/", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void readonlyReadsAdminsWriteAnonymousIsRefused() {
        InventoryClient admin = as(user(Role.ADMIN));
        InventoryClient readonly = as(user(Role.READONLY));
        InventoryClient anonymous = new InventoryClient(http());
        String id = create(admin, asset(unique()));
        assertThat(readonly.get("/api/assets/").status()).isEqualTo(200);
        assertThat(readonly.get("/api/assets/" + id).status()).isEqualTo(200);
        assertThat(readonly.get("/api/assets/filter_options/").status()).isEqualTo(200);
        assertThat(readonly.get("/api/assets/autocomplete/?q=as").status()).isEqualTo(200);
        assertThat(readonly.post("/api/assets/", asset(unique())).status()).isEqualTo(403);
        assertThat(readonly.patch("/api/assets/" + id, Map.of("owner", "x")).status()).isEqualTo(403);
        assertThat(readonly.put("/api/assets/" + id, asset("x")).status()).isEqualTo(403);
        assertThat(readonly.delete("/api/assets/" + id).status()).isEqualTo(403);
        assertThat(readonly.post("/api/assets/" + id + "/decommission/", Map.of()).status()).isEqualTo(403);
        assertThat(readonly.post("/api/assets/bulk_update/", Map.of("asset_ids", List.of(id), "owner", "x")).status()).isEqualTo(403);
        assertThat(readonly.post("/api/assets/bulk_add_dependency/", Map.of("asset_ids", List.of(id), "target_asset", id)).status())
                .isEqualTo(403);
        Response anon = anonymous.get("/api/assets/");
        assertThat(anon.status()).isEqualTo(403);
        assertThat(anon.at("/detail").asText()).isEqualTo("Authentication credentials were not provided.");
        assertThat(anonymous.get("/api/assets/" + id).status()).isEqualTo(403);
        assertThat(anonymous.get("/api/assets/autocomplete/?q=ab").status()).isEqualTo(403);
        assertThat(anonymous.post("/api/assets/", asset(unique())).status()).isEqualTo(403);
    }

    @Test
    void pagesLinkToTheirNeighboursAndPageSizeIsCapped() {
        InventoryClient admin = as(user(Role.ADMIN));
        String p = unique();
        for (int i = 0; i < 5; i++) {
            create(admin, asset(p + "-" + i));
        }
        Response first = admin.get("/api/assets/?search=" + p + "&page_size=2");
        assertThat(first.at("/count").asInt()).isEqualTo(5);
        assertThat(names(first)).containsExactly(p + "-0", p + "-1");
        assertThat(first.at("/previous").isNull()).isTrue();
        assertThat(first.at("/next").asText()).contains("page=2").contains("page_size=2");
        Response second = admin.get("/api/assets/?search=" + p + "&page_size=2&page=2");
        assertThat(names(second)).containsExactly(p + "-2", p + "-3");
        assertThat(second.at("/previous").asText()).doesNotContain("page=").contains("page_size=2");
        Response last = admin.get("/api/assets/?search=" + p + "&page_size=2&page=3");
        assertThat(names(last)).containsExactly(p + "-4");
        assertThat(last.at("/next").isNull()).isTrue();
        assertThat(admin.get("/api/assets/?search=" + p + "&page_size=2&page=4").status()).isEqualTo(404);
        Response capped = admin.get("/api/assets/?search=" + p + "&page_size=100000");
        assertThat(names(capped)).hasSize(5);
        assertThat(capped.at("/next").isNull()).isTrue();
        assertThat(names(admin.get("/api/assets/?search=" + p + "&ordering=-name"))).startsWith(p + "-4");
    }

    @Test
    void excludeFiltersTakeRepeatedAndCommaSeparatedValuesAndDecommissionedHides() {
        InventoryClient admin = as(user(Role.ADMIN));
        String p = unique();
        create(admin, asset(p + "-crit", "criticality", "CRITICAL", "aws_region", "eu-west-1"));
        create(admin, asset(p + "-high", "criticality", "HIGH", "aws_region", "us-east-1"));
        create(admin, asset(p + "-low", "criticality", "LOW", "asset_type", "SAAS"));
        String old = create(admin, asset(p + "-old", "criticality", "LOW"));
        Response decommissioned = admin.post("/api/assets/" + old + "/decommission/", Map.of());
        assertThat(decommissioned.status()).isEqualTo(200);
        assertThat(decommissioned.at("/status").asText()).isEqualTo("DECOMMISSIONED");
        assertThat(decommissioned.at("/status_display").asText()).isEqualTo("Decommissioned");

        String s = "/api/assets/?search=" + p;
        assertThat(names(admin.get(s))).containsExactly(p + "-crit", p + "-high", p + "-low");
        assertThat(names(admin.get(s + "&status=DECOMMISSIONED"))).containsExactly(p + "-old");
        assertThat(names(admin.get(s + "&exclude_criticality=HIGH&exclude_criticality=CRITICAL"))).containsExactly(p + "-low");
        assertThat(names(admin.get(s + "&exclude_criticality=HIGH,CRITICAL"))).containsExactly(p + "-low");
        assertThat(names(admin.get(s + "&exclude_aws_region=eu-west-1,us-east-1"))).containsExactly(p + "-low");
        assertThat(names(admin.get(s + "&exclude_asset_type=SAAS"))).containsExactly(p + "-crit", p + "-high");
        assertThat(names(admin.get(s + "&criticality=HIGH"))).containsExactly(p + "-high");
        assertThat(names(admin.get(s + "&aws_region=us-east-1"))).containsExactly(p + "-high");
        assertThat(names(admin.get(s + "&exclude_status=ACTIVE"))).isEmpty();
    }

    @Test
    void searchFindsArnsAndResourceIdsAutocompleteFindsIpsAndDnsNames() {
        InventoryClient admin = as(user(Role.ADMIN));
        String p = unique();
        String web = create(admin, asset(p + "-web", "aws_resource_arn", "arn:aws:ec2:eu-central-1:123:instance/i-" + p,
                "aws_resource_id", "res-" + p, "ip_addresses", List.of("172.31." + p.length() + ".77"),
                "dns_names", List.of(p + "-host.internal.example")));
        assertThat(names(admin.get("/api/assets/?search=instance/I-" + p.toUpperCase()))).containsExactly(p + "-web");
        assertThat(names(admin.get("/api/assets/?search=res-" + p))).containsExactly(p + "-web");
        String assetId = admin.get("/api/assets/" + web + "/").at("/asset_id").asText();
        assertThat(names(admin.get("/api/assets/?search=" + p + "," + assetId.toLowerCase()))).containsExactly(p + "-web");
        // a change: the new name is found, the old one no longer, the asset_id still
        assertThat(admin.patch("/api/assets/" + web + "/", Map.of("name", p + "-Renamed")).status()).isEqualTo(200);
        assertThat(names(admin.get("/api/assets/?search=" + p + "-rENAMED"))).containsExactly(p + "-Renamed");
        assertThat(names(admin.get("/api/assets/?search=" + p + "-web"))).isEmpty();
        assertThat(names(admin.get("/api/assets/?search=" + p + "," + assetId))).containsExactly(p + "-Renamed");
        // terms match within one field, never across two (name's end and asset_id's start)
        assertThat(names(admin.get("/api/assets/?search=renamedasset"))).isEmpty();

        Response byDns = admin.get("/api/assets/autocomplete/?q=" + p + "-host.internal");
        assertThat(byDns.status()).isEqualTo(200);
        assertThat(byDns.json().size()).isEqualTo(1);
        assertThat(byDns.at("/0/name").asText()).isEqualTo(p + "-Renamed");
        assertThat(byDns.at("/0/asset_id").asText()).startsWith("ASSET-");
        Response byIp = admin.get("/api/assets/autocomplete/?q=172.31." + p.length() + ".77");
        assertThat(byIp.json().findValuesAsText("name")).contains(p + "-Renamed");
        assertThat(admin.get("/api/assets/autocomplete/?q=a").json().size()).isZero();
        for (int i = 0; i < 17; i++) {
            create(admin, asset(p + "-many-" + i));
        }
        assertThat(admin.get("/api/assets/autocomplete/?q=" + p + "-many").json().size()).isEqualTo(15);
    }

    @Test
    void filterOptionsOfferEveryChoiceAndTheRegionsAndAccountsInUse() {
        InventoryClient readonly = as(user(Role.READONLY));
        InventoryClient admin = as(user(Role.ADMIN));
        String name = "Acc-" + unique();
        String acc = account(name, "123456789012");
        create(admin, asset(unique(), "aws_region", "ap-south-9", "aws_account", acc));
        Response r = readonly.get("/api/assets/filter_options/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.at("/asset_types/0/value").asText()).isEqualTo("AWS_SERVICE");
        assertThat(r.at("/asset_types/0/label").asText()).isEqualTo("AWS Service");
        assertThat(r.at("/aws_service_types").size()).isEqualTo(21);
        assertThat(r.at("/aws_service_types/0/label").asText()).isEqualTo("EC2 Instance");
        assertThat(r.at("/criticalities/0/value").asText()).isEqualTo("CRITICAL");
        assertThat(r.at("/statuses/0/label").asText()).isEqualTo("Active");
        assertThat(r.at("/data_classifications/0/label").asText()).isEqualTo("Public");
        assertThat(r.at("/aws_regions").toString()).contains("\"ap-south-9\"");
        assertThat(r.at("/aws_accounts").toString()).contains("\"value\":\"" + acc + "\"")
                .contains("\"label\":\"" + name + " (123456789012)\"");
    }

    @Test
    void bulkUpdateChangesOnlyTheGivenFields() {
        InventoryClient admin = as(user(Role.ADMIN));
        String p = unique();
        String a1 = create(admin, asset(p + "-1", "owner", "Old", "department", "Keep"));
        String a2 = create(admin, asset(p + "-2", "owner", "Old", "department", "Keep"));
        Response r = admin.post("/api/assets/bulk_update/", Map.of("asset_ids", List.of(a1, a2, UUID.randomUUID().toString()),
                "owner", "Platform Team", "criticality", "HIGH", "data_classification", "CONFIDENTIAL"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.at("/updated").asInt()).isEqualTo(2);
        JsonNode one = admin.get("/api/assets/" + a1).json();
        assertThat(one.get("owner").asText()).isEqualTo("Platform Team");
        assertThat(one.get("criticality").asText()).isEqualTo("HIGH");
        assertThat(one.get("data_classification").asText()).isEqualTo("CONFIDENTIAL");
        assertThat(one.get("department").asText()).isEqualTo("Keep");
        assertThat(one.get("name").asText()).isEqualTo(p + "-1");

        Response bad = admin.post("/api/assets/bulk_update/", Map.of("asset_ids", List.of(a1), "criticality", "NOPE"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.at("/criticality/0").asText()).isEqualTo("\"NOPE\" is not a valid choice.");
        assertThat(admin.get("/api/assets/" + a1).at("/criticality").asText()).isEqualTo("HIGH");
        assertThat(admin.post("/api/assets/bulk_update/", Map.of("owner", "x")).at("/asset_ids/0").asText())
                .isEqualTo("This field is required.");
    }

    @Test
    void bulkUpdateRefusesIdsThatAreNoUuidsAsDrfsListFieldDoes() {
        InventoryClient admin = as(user(Role.ADMIN));
        String a1 = create(admin, asset(unique(), "owner", "Old"));
        Response bad = admin.post("/api/assets/bulk_update/", Map.of("asset_ids", List.of(a1, "not-a-uuid", 42),
                "owner", "Someone"));
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        // DRF's ListField(child=UUIDField()) names each bad item by its index
        assertThat(bad.json().toString()).isEqualTo("{\"asset_ids\":{\"1\":[\"Must be a valid UUID.\"],\"2\":[\"Must be a valid UUID.\"]}}");
        assertThat(admin.get("/api/assets/" + a1).at("/owner").asText()).isEqualTo("Old"); // nothing was written

        // other field errors come with it
        Response both = admin.post("/api/assets/bulk_update/", Map.of("asset_ids", List.of("x"), "criticality", "NOPE"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.at("/asset_ids/0/0").asText()).isEqualTo("Must be a valid UUID.");
        assertThat(both.at("/criticality/0").asText()).isEqualTo("\"NOPE\" is not a valid choice.");

        // the forms Python's uuid.UUID reads are the same id
        Response braced = admin.post("/api/assets/bulk_update/", Map.of("asset_ids",
                List.of("{" + a1.toUpperCase() + "}", "urn:uuid:" + a1.replace("-", "")), "owner", "New"));
        assertThat(braced.status()).as(braced.text()).isEqualTo(200);
        assertThat(braced.at("/updated").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/assets/" + a1).at("/owner").asText()).isEqualTo("New");
    }

    @Test
    void theDetailNestsItsAccountAndCategoryAndAutocompleteNamesTheService() {
        InventoryClient admin = as(user(Role.ADMIN));
        String accountName = "Nested-" + unique();
        String acc = account(accountName);
        String catName = "Databases-" + unique();
        Response cat = as(superadmin()).post("/api/categories/", Map.of("name", catName, "icon", "bi-database",
                "color", "#336699"));
        assertThat(cat.status()).as(cat.text()).isEqualTo(201);
        String name = unique();
        String id = create(admin, asset(name, "asset_type", "AWS_SERVICE", "aws_service_type", "RDS", "aws_account", acc,
                "category", cat.at("/id").asText()));

        JsonNode detail = admin.get("/api/assets/" + id + "/").json();
        JsonNode account = detail.get("aws_account_detail");
        assertThat(account.get("id").asText()).isEqualTo(acc);
        assertThat(account.get("account_name").asText()).isEqualTo(accountName);
        assertThat(account.get("account_id").asText()).matches("\\d{12}");
        assertThat(account.get("environment").asText()).isEqualTo("PRODUCTION");
        assertThat(account.has("aws_secret_access_key")).isFalse();
        assertThat(account).isEqualTo(admin.get("/api/accounts/" + acc + "/").json());
        JsonNode category = detail.get("category_detail");
        assertThat(category.get("id").asText()).isEqualTo(cat.at("/id").asText());
        assertThat(category.get("name").asText()).isEqualTo(catName);
        assertThat(category.get("icon").asText()).isEqualTo("bi-database");
        assertThat(category.get("color").asText()).isEqualTo("#336699");

        // without an account or a category both are null, as the original serializer gives them
        JsonNode bare = admin.get("/api/assets/" + create(admin, asset(unique())) + "/").json();
        assertThat(bare.get("aws_account_detail").isNull()).isTrue();
        assertThat(bare.get("category_detail").isNull()).isTrue();

        Response suggestions = admin.get("/api/assets/autocomplete/?q=" + name);
        assertThat(suggestions.json().size()).isEqualTo(1);
        assertThat(suggestions.at("/0/aws_service_type").asText()).isEqualTo("RDS");
    }

    @Test
    void bulkAddDependencySkipsSelfLinksAndExistingLinksAndShowsInTheDetail() {
        InventoryClient admin = as(user(Role.ADMIN));
        String p = unique();
        String app1 = create(admin, asset(p + "-app1"));
        String app2 = create(admin, asset(p + "-app2"));
        String db = create(admin, asset(p + "-db"));
        Response r = admin.post("/api/assets/bulk_add_dependency/", Map.of("asset_ids", List.of(app1, app2, db),
                "target_asset", db, "relationship_type", "DEPENDS_ON"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.at("/created").asInt()).isEqualTo(2);
        assertThat(r.at("/skipped").asInt()).isEqualTo(1);
        assertThat(r.at("/detail").asText()).isEqualTo("Added 2 dependencies to \"" + p + "-db\"."); // its frontend shows this
        Response again = admin.post("/api/assets/bulk_add_dependency/", Map.of("asset_ids", List.of(app1, app2), "target_asset", db));
        assertThat(again.at("/created").asInt()).isZero();
        assertThat(again.at("/skipped").asInt()).isEqualTo(2);

        JsonNode target = admin.get("/api/assets/" + db).json();
        assertThat(target.get("outgoing_relationships").size()).isZero();
        assertThat(target.get("incoming_relationships").size()).isEqualTo(2);
        assertThat(target.get("incoming_relationships").findValuesAsText("related_asset_name"))
                .containsExactlyInAnyOrder(p + "-app1", p + "-app2");
        JsonNode out = admin.get("/api/assets/" + app1).json().get("outgoing_relationships").get(0);
        assertThat(out.get("relationship_type").asText()).isEqualTo("DEPENDS_ON");
        assertThat(out.get("related_asset_pk").asText()).isEqualTo(db);
        assertThat(out.get("related_asset_id").asText()).startsWith("ASSET-");
        assertThat(out.get("related_asset_name").asText()).isEqualTo(p + "-db");
        assertThat(out.has("id")).isTrue();
        assertThat(out.has("description")).isTrue();

        Response noTarget = admin.post("/api/assets/bulk_add_dependency/", Map.of("asset_ids", List.of(app1),
                "target_asset", UUID.randomUUID().toString()));
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.at("/target_asset/0").asText()).startsWith("Invalid pk");
        assertThat(admin.post("/api/assets/bulk_add_dependency/", Map.of("asset_ids", List.of(app1), "target_asset", db,
                "relationship_type", "LOVES")).status()).isEqualTo(400);

        // deleting the target takes its links with it
        assertThat(admin.delete("/api/assets/" + db).status()).isEqualTo(204);
        assertThat(admin.get("/api/assets/" + app1).json().get("outgoing_relationships").size()).isZero();
        assertThat(admin.get("/api/relationships/?target_asset=" + db).json().get("count").asInt()).isZero();
    }

    @Test
    void anAssetsHistoryIsReadableBySuperadmin() {
        InventoryClient admin = as(user(Role.ADMIN));
        String id = create(admin, asset(unique()));
        admin.patch("/api/assets/" + id, Map.of("owner", "Someone"));
        admin.post("/api/assets/" + id + "/decommission", Map.of());
        JsonNode history = http().get().uri("/api/v1/audit/aggregates/" + id + "/history")
                .header("Authorization", "Token " + superadmin().token()).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(history.at("/data/aggregate_id").asText()).isEqualTo(id);
        assertThat(history.at("/data/events").findValuesAsText("eventType"))
                .containsExactly("AssetCreated", "AssetUpdated", "AssetDecommissioned");
    }

    @Test
    void accountsAndCategoriesCountTheirPresentAssets() {
        InventoryClient admin = as(superadmin());
        String acc = account("Counted-" + unique());
        String cat = category("Counted-" + unique());
        for (String status : List.of("ACTIVE", "UNKNOWN", "INACTIVE", "DECOMMISSIONED")) {
            assertThat(admin.post("/api/assets/", asset(unique(), "status", status, "aws_account", acc, "category", cat)).status())
                    .isEqualTo(201);
        }
        assertThat(admin.get("/api/accounts/" + acc + "/").at("/asset_count").asInt()).isEqualTo(2);
        assertThat(admin.get("/api/categories/" + cat + "/").at("/asset_count").asInt()).isEqualTo(2);
    }
}
