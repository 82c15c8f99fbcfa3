package io.opsledger.web.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.common.SecretCipher;
import io.opsledger.identity.api.Role;
import io.opsledger.inventory.api.AccountMessages.AwsAccountRegistered;
import io.opsledger.inventory.api.AccountMessages.AwsAccountUpdated;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.testing.AppTest;
import io.opsledger.web.inventory.InventoryClient.Response;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryAccountsTest extends AppTest {

    static final List<String> FIELDS = List.of("id", "account_id", "account_name", "account_type", "account_type_display",
            "environment", "environment_display", "organization_role_name", "aws_access_key_id", "management_account",
            "management_account_name", "discovery_regions", "is_active", "last_discovery_at", "estimated_monthly_cost",
            "previous_month_cost", "cost_updated_at", "created_at", "updated_at", "asset_count");

    @Autowired
    EventStore eventStore;
    @Autowired
    SecretCipher cipher;

    private InventoryClient root() { return InventoryClient.withToken(http(), superadmin().token()); }

    private InventoryClient as(Role role) { return InventoryClient.withToken(http(), user(role).token()); }

    static String newAccountId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 1_000_000_000_000L));
    }

    static String unique(String prefix) { return prefix + "-" + UUID.randomUUID().toString().substring(0, 8); }

    private static Map<String, Object> body(String accountId, String name, String type) {
        Map<String, Object> body = new HashMap<>();
        body.put("account_id", accountId);
        body.put("account_name", name);
        body.put("account_type", type);
        body.put("environment", "PRODUCTION");
        body.put("organization_role_name", "OrganizationAccountAccessRole");
        body.put("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE");
        body.put("discovery_regions", List.of("eu-central-1", "us-east-1"));
        body.put("is_active", true);
        body.put("management_account", null);
        return body;
    }

    private Response create(InventoryClient client, Map<String, Object> body) {
        Response r = client.post("/api/accounts/", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r;
    }

    private static void assertField(Response r, int status, String field, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.at("/" + field + "/0").asText()).as(r.text()).isEqualTo(message);
    }

    private AwsAccountDetails lastDetails(String id) {
        Object last = eventStore.readEvents(id).asStream().map(e -> e.getPayload()).reduce((a, b) -> b).orElseThrow();
        return last instanceof AwsAccountUpdated u ? u.details() : ((AwsAccountRegistered) last).details();
    }

    @Test
    void createReadUpdateDeleteWithTheContractsFields() {
        InventoryClient admin = root();
        String secret = "wJalrXUtnFEMI/" + UUID.randomUUID();
        String accountId = newAccountId();
        Map<String, Object> request = body(accountId, unique("Production"), "MANAGEMENT");
        request.put("aws_secret_access_key", secret);
        Response created = create(admin, request);
        assertThat(created.json().size()).isEqualTo(FIELDS.size());
        FIELDS.forEach(f -> assertThat(created.json().has(f)).as(f).isTrue());
        assertThat(created.text()).doesNotContain(secret).doesNotContain("aws_secret_access_key");
        String id = created.at("/id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(created.at("/account_id").asText()).isEqualTo(accountId);
        assertThat(created.at("/account_type_display").asText()).isEqualTo("Management");
        assertThat(created.at("/environment_display").asText()).isEqualTo("Production");
        assertThat(created.at("/management_account").isNull()).isTrue();
        assertThat(created.at("/management_account_name").asText()).isEmpty();
        assertThat(created.at("/discovery_regions/1").asText()).isEqualTo("us-east-1");
        assertThat(created.at("/estimated_monthly_cost").asText()).isEqualTo("0.00");
        assertThat(created.at("/estimated_monthly_cost").isTextual()).isTrue();
        assertThat(created.at("/previous_month_cost").asText()).isEqualTo("0.00");
        assertThat(created.at("/last_discovery_at").isNull()).isTrue();
        assertThat(created.at("/cost_updated_at").isNull()).isTrue();
        assertThat(created.at("/asset_count").asInt()).isZero();
        assertThat(created.at("/created_at").asText()).isNotBlank();

        // the event carries the secret encrypted, and it decrypts to what was sent
        AwsAccountDetails stored = lastDetails(id);
        assertThat(stored.secretAccessKey().ciphertext()).doesNotContain(secret);
        assertThat(cipher.decrypt(stored.secretAccessKey())).isEqualTo(secret);

        // readonly users read it, with and without a trailing slash
        InventoryClient reader = as(Role.READONLY);
        Response read = reader.get("/api/accounts/" + id + "/");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
        assertThat(reader.get("/api/accounts/" + id).json()).isEqualTo(created.json());

        // PATCH without the secret keeps it; PUT changes the rest
        Response patched = admin.patch("/api/accounts/" + id + "/", Map.of("account_name", "Renamed", "environment", "SHARED"));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.at("/account_name").asText()).isEqualTo("Renamed");
        assertThat(patched.at("/environment_display").asText()).isEqualTo("Shared");
        assertThat(patched.at("/account_id").asText()).isEqualTo(accountId);
        assertThat(cipher.decrypt(lastDetails(id).secretAccessKey())).isEqualTo(secret);
        Response put = admin.put("/api/accounts/" + id, Map.of("account_id", accountId, "account_name", "Put",
                "discovery_regions", List.of("ap-southeast-2"), "is_active", false));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.at("/account_name").asText()).isEqualTo("Put");
        assertThat(put.at("/is_active").asBoolean()).isFalse();
        assertThat(put.at("/account_type").asText()).isEqualTo("MANAGEMENT"); // omitted: kept
        assertThat(put.at("/discovery_regions").toString()).isEqualTo("[\"ap-southeast-2\"]");
        assertThat(cipher.decrypt(lastDetails(id).secretAccessKey())).isEqualTo(secret);
        // a new secret replaces it, never echoed
        String second = "second-" + UUID.randomUUID();
        Response rotated = admin.patch("/api/accounts/" + id, Map.of("aws_secret_access_key", second));
        assertThat(rotated.text()).doesNotContain(second);
        assertThat(cipher.decrypt(lastDetails(id).secretAccessKey())).isEqualTo(second);
        assertThat(admin.get("/api/accounts/" + id).json()).isEqualTo(rotated.json());

        // the audit trail shows the events, never the secret
        Response audit = admin.get("/api/v1/audit/events?aggregate_id=" + id + "&page_size=100");
        assertThat(audit.status()).as(audit.text()).isEqualTo(200);
        assertThat(audit.at("/data/count").asInt()).isEqualTo(4);
        assertThat(audit.text()).doesNotContain(secret).doesNotContain(second)
                .doesNotContain(lastDetails(id).secretAccessKey().ciphertext());
        for (JsonNode event : audit.at("/data/results")) {
            assertThat(event.at("/payload/details/secretAccessKey").asText()).isEqualTo("********");
        }
        Response history = admin.get("/api/v1/audit/aggregates/" + id + "/history");
        assertThat(history.status()).as(history.text()).isEqualTo(200);
        assertThat(history.at("/data/aggregate_type").asText()).isEqualTo("AwsAccount");
        List<String> types = history.at("/data/events").findValuesAsText("eventType");
        assertThat(types).containsExactly("AwsAccountRegistered", "AwsAccountUpdated", "AwsAccountUpdated", "AwsAccountUpdated");
        assertThat(history.text()).doesNotContain(secret).doesNotContain(second);

        // delete: 204, then 404, and the account id is free again
        Response deleted = admin.delete("/api/accounts/" + id + "/");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertThat(admin.get("/api/accounts/" + id).status()).isEqualTo(404);
        assertThat(admin.delete("/api/accounts/" + id).status()).isEqualTo(404);
        assertThat(admin.patch("/api/accounts/" + id, Map.of("account_name", "x")).status()).isEqualTo(404);
        create(admin, body(accountId, unique("Again"), "MEMBER"));
    }

    @Test
    void defaultsAreMemberDevelopmentActiveWithoutASecret() {
        Response created = create(root(), Map.of("account_id", newAccountId(), "account_name", unique("Defaults"),
                "discovery_regions", List.of("eu-west-1")));
        assertThat(created.at("/account_type").asText()).isEqualTo("MEMBER");
        assertThat(created.at("/account_type_display").asText()).isEqualTo("Member");
        assertThat(created.at("/environment").asText()).isEqualTo("DEVELOPMENT");
        assertThat(created.at("/environment_display").asText()).isEqualTo("Development");
        assertThat(created.at("/is_active").asBoolean()).isTrue();
        assertThat(created.at("/aws_access_key_id").asText()).isEmpty();
        assertThat(created.at("/organization_role_name").asText()).isEqualTo("OrganizationAccountAccessRole");
        assertThat(lastDetails(created.at("/id").asText()).secretAccessKey()).isNull();
    }

    @Test
    void membersBelongToAnExistingManagementAccount() {
        InventoryClient admin = root();
        String org = unique("Org");
        Response management = create(admin, body(newAccountId(), org, "MANAGEMENT"));
        String managementId = management.at("/id").asText();
        Map<String, Object> member = body(newAccountId(), unique("Member"), "MEMBER");
        member.put("management_account", managementId);
        Response created = create(admin, member);
        assertThat(created.at("/management_account").asText()).isEqualTo(managementId);
        assertThat(created.at("/management_account_name").asText()).isEqualTo(org);
        String memberId = created.at("/id").asText();

        // a MANAGEMENT account has none
        Map<String, Object> bad = body(newAccountId(), unique("Bad"), "MANAGEMENT");
        bad.put("management_account", managementId);
        assertField(admin.post("/api/accounts", bad), 400, "management_account",
                "A management account cannot have a management account.");
        // a MEMBER's must exist and be a MANAGEMENT account
        Map<String, Object> orphan = body(newAccountId(), unique("Orphan"), "MEMBER");
        String missing = UUID.randomUUID().toString();
        orphan.put("management_account", missing);
        assertField(admin.post("/api/accounts", orphan), 400, "management_account",
                "Invalid pk \"" + missing + "\" - object does not exist.");
        orphan.put("management_account", memberId);
        assertField(admin.post("/api/accounts", orphan), 400, "management_account",
                "The management account must be an account of type MANAGEMENT.");
        orphan.put("management_account", "not-a-uuid");
        assertField(admin.post("/api/accounts", orphan), 400, "management_account",
                "Invalid pk \"not-a-uuid\" - object does not exist.");
        // a management account with members stays one
        assertField(admin.patch("/api/accounts/" + managementId, Map.of("account_type", "MEMBER")), 400, "account_type",
                "This account is the management account of 1 member account(s).");
        // the list filters by management account and type
        Response members = admin.get("/api/accounts/?management_account=" + managementId);
        assertThat(members.at("/count").asInt()).isEqualTo(1);
        assertThat(members.at("/results/0/id").asText()).isEqualTo(memberId);
        // the member follows a rename of its management account, and loses it when it is deleted
        admin.patch("/api/accounts/" + managementId, Map.of("account_name", org + "-renamed"));
        assertThat(admin.get("/api/accounts/" + memberId).at("/management_account_name").asText()).isEqualTo(org + "-renamed");
        assertThat(admin.delete("/api/accounts/" + managementId).status()).isEqualTo(204);
        Response orphaned = admin.get("/api/accounts/" + memberId);
        assertThat(orphaned.at("/management_account").isNull()).isTrue();
        assertThat(orphaned.at("/management_account_name").asText()).isEmpty();
        assertThat(admin.patch("/api/accounts/" + memberId, Map.of("is_active", false)).status()).isEqualTo(200);
    }

    @Test
    void invalidInputIsA400WithFieldErrors() {
        InventoryClient admin = root();
        assertField(admin.post("/api/accounts", body("12345", unique("Short"), "MEMBER")), 400, "account_id",
                "Account ID must be exactly 12 digits.");
        assertField(admin.post("/api/accounts", body("12345678901a", unique("Letters"), "MEMBER")), 400, "account_id",
                "Account ID must be exactly 12 digits.");
        assertField(admin.post("/api/accounts", body(newAccountId(), unique("Type"), "CHILD")), 400, "account_type",
                "\"CHILD\" is not a valid choice.");
        Map<String, Object> env = body(newAccountId(), unique("Env"), "MEMBER");
        env.put("environment", "prod");
        assertField(admin.post("/api/accounts", env), 400, "environment", "\"prod\" is not a valid choice.");
        Map<String, Object> regions = body(newAccountId(), unique("Regions"), "MEMBER");
        regions.put("discovery_regions", List.of("eu-central-1", "Frankfurt"));
        assertField(admin.post("/api/accounts", regions), 400, "discovery_regions", "\"Frankfurt\" is not a valid AWS region name.");
        regions.put("discovery_regions", List.of());
        assertField(admin.post("/api/accounts", regions), 400, "discovery_regions", "At least one discovery region is required.");
        regions.put("discovery_regions", 5);
        assertThat(admin.post("/api/accounts", regions).status()).isEqualTo(400);
        regions.remove("discovery_regions");
        assertField(admin.post("/api/accounts", regions), 400, "discovery_regions", "This field is required.");
        Response missing = admin.post("/api/accounts", Map.of());
        assertField(missing, 400, "account_id", "This field is required.");
        assertThat(missing.at("/account_name/0").asText()).isEqualTo("This field is required.");
        Map<String, Object> active = body(newAccountId(), unique("Active"), "MEMBER");
        active.put("is_active", "maybe");
        assertField(admin.post("/api/accounts", active), 400, "is_active", "Must be a valid boolean.");
        assertThat(admin.send(HttpMethod.POST, "/api/accounts", "[1, 2]").status()).isEqualTo(400);

        // an invalid update changes nothing
        Response created = create(admin, body(newAccountId(), unique("Kept"), "MEMBER"));
        String id = created.at("/id").asText();
        assertField(admin.patch("/api/accounts/" + id, Map.of("account_id", "1")), 400, "account_id",
                "Account ID must be exactly 12 digits.");
        assertField(admin.put("/api/accounts/" + id, Map.of("account_name", "only")), 400, "account_id", "This field is required.");
        assertField(admin.patch("/api/accounts/" + id, Map.of("account_name", " ")), 400, "account_name", "This field may not be blank.");
        assertThat(admin.get("/api/accounts/" + id).json()).isEqualTo(created.json());
        // list filters are checked too
        assertField(admin.get("/api/accounts?account_type=CHILD"), 400, "account_type",
                "Select a valid choice. CHILD is not one of the available choices.");
    }

    @Test
    void aDuplicateAccountIdIsA409() {
        InventoryClient admin = root();
        String accountId = newAccountId();
        Response first = create(admin, body(accountId, unique("First"), "MEMBER"));
        assertField(admin.post("/api/accounts", body(accountId, unique("Second"), "MEMBER")), 409, "account_id",
                "aws account with this account id already exists.");
        Response other = create(admin, body(newAccountId(), unique("Other"), "MEMBER"));
        assertField(admin.patch("/api/accounts/" + other.at("/id").asText(), Map.of("account_id", accountId)), 409,
                "account_id", "aws account with this account id already exists.");
        // renumbering frees the old id
        String renumbered = newAccountId();
        assertThat(admin.patch("/api/accounts/" + first.at("/id").asText(), Map.of("account_id", renumbered)).status())
                .isEqualTo(200);
        create(admin, body(accountId, unique("Third"), "MEMBER"));
        assertThat(admin.post("/api/accounts", body(renumbered, unique("Fourth"), "MEMBER")).status()).isEqualTo(409);
    }

    @Test
    void readersReadAndOnlyAdminsWrite() {
        String id = create(root(), body(newAccountId(), unique("Perm"), "MEMBER")).at("/id").asText();
        String forbidden = "You do not have permission to perform this action.";
        for (Role role : List.of(Role.READONLY, Role.STANDARD)) {
            InventoryClient reader = as(role);
            assertThat(reader.get("/api/accounts").status()).isEqualTo(200);
            assertThat(reader.get("/api/accounts/" + id).status()).isEqualTo(200);
            Response post = reader.post("/api/accounts", body(newAccountId(), unique("No"), "MEMBER"));
            assertThat(post.status()).isEqualTo(403);
            assertThat(post.at("/detail").asText()).isEqualTo(forbidden);
            assertThat(reader.put("/api/accounts/" + id, Map.of("account_name", "x")).status()).isEqualTo(403);
            assertThat(reader.patch("/api/accounts/" + id, Map.of("account_name", "x")).status()).isEqualTo(403);
            assertThat(reader.delete("/api/accounts/" + id).at("/detail").asText()).isEqualTo(forbidden);
        }
        InventoryClient admin = as(Role.ADMIN);
        assertThat(admin.patch("/api/accounts/" + id, Map.of("account_name", unique("ByAdmin"))).status()).isEqualTo(200);
        InventoryClient anonymous = new InventoryClient(http());
        Response anon = anonymous.get("/api/accounts");
        assertThat(anon.status()).isEqualTo(403);
        assertThat(anon.at("/detail").asText()).isEqualTo("Authentication credentials were not provided.");
        assertThat(anonymous.get("/api/accounts/" + id).status()).isEqualTo(403);
        assertThat(anonymous.post("/api/accounts", Map.of()).status()).isEqualTo(403);
        assertThat(admin.delete("/api/accounts/" + id).status()).isEqualTo(204);
    }

    @Test
    void unknownIdsAre404AndWrongMethods405() {
        InventoryClient admin = root();
        for (String id : List.of(UUID.randomUUID().toString(), "42", "not-a-uuid")) {
            Response r = admin.get("/api/accounts/" + id + "/");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.at("/detail").asText()).isEqualTo("Not found.");
            assertThat(admin.put("/api/accounts/" + id, body(newAccountId(), "x", "MEMBER")).status()).isEqualTo(404);
            assertThat(admin.delete("/api/accounts/" + id).status()).isEqualTo(404);
        }
        assertThat(admin.delete("/api/accounts/").status()).isEqualTo(405);
        assertThat(admin.put("/api/accounts", Map.of()).status()).isEqualTo(405);
        String id = create(admin, body(newAccountId(), unique("Method"), "MEMBER")).at("/id").asText();
        Response post = admin.post("/api/accounts/" + id + "/", Map.of());
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.at("/detail").asText()).isEqualTo("Method \"POST\" not allowed.");
    }

    @Test
    void theListIsPaginatedFilteredAndSearchable() {
        InventoryClient admin = root();
        String tag = unique("Paged");
        for (int i = 0; i < 3; i++) {
            Map<String, Object> b = body(newAccountId(), tag + "-" + i, "MEMBER");
            b.put("environment", i == 0 ? "STAGING" : "PRODUCTION");
            create(admin, b);
        }
        Response first = admin.get("/api/accounts/?search=" + tag + "&page_size=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.at("/count").asInt()).isEqualTo(3);
        assertThat(first.at("/results").size()).isEqualTo(2);
        assertThat(first.at("/results/0/account_name").asText()).isEqualTo(tag + "-0");
        assertThat(first.at("/previous").isNull()).isTrue();
        assertThat(first.at("/next").asText()).contains("page=2");
        Response second = admin.get("/api/accounts/?search=" + tag + "&page_size=2&page=2");
        assertThat(second.at("/results").size()).isEqualTo(1);
        assertThat(second.at("/next").isNull()).isTrue();
        assertThat(admin.get("/api/accounts/?search=" + tag + "&page=3").status()).isEqualTo(404);
        assertThat(admin.get("/api/accounts/?search=" + tag + "&environment=STAGING").at("/count").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/accounts/?search=" + tag + "&is_active=false").at("/count").asInt()).isZero();
        Response all = admin.get("/api/accounts");
        assertThat(all.at("/count").asInt()).isGreaterThanOrEqualTo(3);
        FIELDS.forEach(f -> assertThat(all.at("/results/0").has(f)).as(f).isTrue());
        assertThat(all.text()).doesNotContain("aws_secret_access_key").doesNotContain("secretCiphertext");
    }
}
