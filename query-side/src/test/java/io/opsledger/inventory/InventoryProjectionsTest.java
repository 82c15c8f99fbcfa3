package io.opsledger.inventory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.inventory.InventoryQueries.*;
import io.opsledger.inventory.api.AccountMessages.*;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.inventory.api.CategoryMessages.*;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventory's account and category read models over the MongoDB wire protocol, including replays. */
class InventoryProjectionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final EncryptedSecret SECRET = new EncryptedSecret("bm9uY2VzZWFsZWQ=");
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase db;
    private AccountProjection accounts;
    private CategoryProjection categories;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        db = client.getDatabase("test");
        accounts = new AccountProjection(db);
        categories = new CategoryProjection(db);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static AwsAccountDetails management() {
        return new AwsAccountDetails("111111111111", "Org root", "MANAGEMENT", "PRODUCTION", "OrganizationAccountAccessRole",
                "AKIAROOT", SECRET, null, List.of("eu-central-1", "us-east-1"), true);
    }

    private static AwsAccountDetails member(String name, String manager, String environment) {
        return new AwsAccountDetails("222222222222", name, "MEMBER", environment, "OrganizationAccountAccessRole",
                "", null, manager, List.of("eu-west-1"), true);
    }

    @Test
    void accountsShowTheirManagementAccountsNameAndOnlyASecretFlagAndCiphertext() {
        accounts.on(new AwsAccountRegistered("m1", management()), 0L, T0);
        accounts.on(new AwsAccountRegistered("a1", member("Dev", "m1", "DEVELOPMENT")), 0L, T0.plusSeconds(1));

        AccountView root = accounts.handle(new FindAccount("m1"));
        assertThat(root.hasSecret()).isTrue();
        assertThat(root.secretAccessKey()).isEqualTo(SECRET);
        assertThat(root.managementAccountName()).isEmpty();
        assertThat(root.estimatedMonthlyCost()).isEqualTo("0.00");
        assertThat(root.previousMonthCost()).isEqualTo("0.00");
        assertThat(root.costUpdatedAt()).isNull();
        assertThat(root.lastDiscoveryAt()).isNull();
        assertThat(root.createdAt()).isEqualTo(T0);
        assertThat(root.assetCount()).isZero();
        assertThat(root.details()).isEqualTo(management());

        AccountView dev = accounts.handle(new FindAccount("a1"));
        assertThat(dev.hasSecret()).isFalse();
        assertThat(dev.secretAccessKey()).isNull();
        assertThat(dev.managementAccount()).isEqualTo("m1");
        assertThat(dev.managementAccountName()).isEqualTo("Org root");

        // only ciphertext is stored: no field holds anything but the ciphertext we were given
        Document raw = db.getCollection(AccountProjection.COLLECTION).find(new Document("_id", "m1")).first();
        assertThat(raw.getString("secretCiphertext")).isEqualTo(SECRET.ciphertext());
        assertThat(accounts.handle(new FindAccount("nope"))).isNull();
    }

    @Test
    void replaysAndRedeliveriesChangeNothing() {
        accounts.on(new AwsAccountRegistered("a1", member("Dev", null, "DEVELOPMENT")), 0L, T0);
        accounts.on(new AwsAccountUpdated("a1", member("Renamed", null, "STAGING")), 1L, T0.plusSeconds(5));
        accounts.on(new AccountCostsRecorded("a1", new BigDecimal("3000"), new BigDecimal("2800.456"), T0.plusSeconds(6)),
                2L, T0.plusSeconds(6));
        AccountView before = accounts.handle(new FindAccount("a1"));

        // at-least-once delivery: the same events again, in order
        accounts.on(new AwsAccountRegistered("a1", member("Dev", null, "DEVELOPMENT")), 0L, T0);
        accounts.on(new AwsAccountUpdated("a1", member("Renamed", null, "STAGING")), 1L, T0.plusSeconds(5));
        accounts.on(new AccountCostsRecorded("a1", new BigDecimal("3000"), new BigDecimal("2800.456"), T0.plusSeconds(6)),
                2L, T0.plusSeconds(6));
        assertThat(accounts.handle(new FindAccount("a1"))).isEqualTo(before);
        assertThat(before.accountName()).isEqualTo("Renamed");
        assertThat(before.environment()).isEqualTo("STAGING");
        assertThat(before.estimatedMonthlyCost()).isEqualTo("3000.00");
        assertThat(before.previousMonthCost()).isEqualTo("2800.46");
        assertThat(before.costUpdatedAt()).isEqualTo(T0.plusSeconds(6));
        assertThat(before.createdAt()).isEqualTo(T0);
        assertThat(before.updatedAt()).isEqualTo(T0.plusSeconds(6));

        // a full replay after a reset rebuilds the same view
        accounts.reset();
        assertThat(accounts.handle(new FindAccount("a1"))).isNull();
        accounts.on(new AwsAccountRegistered("a1", member("Dev", null, "DEVELOPMENT")), 0L, T0);
        accounts.on(new AwsAccountUpdated("a1", member("Renamed", null, "STAGING")), 1L, T0.plusSeconds(5));
        accounts.on(new AccountCostsRecorded("a1", new BigDecimal("3000"), new BigDecimal("2800.456"), T0.plusSeconds(6)),
                2L, T0.plusSeconds(6));
        assertThat(accounts.handle(new FindAccount("a1"))).isEqualTo(before);
    }

    @Test
    void listsFilterSearchAndPageInNameOrder() {
        accounts.on(new AwsAccountRegistered("m1", management()), 0L, T0);
        accounts.on(new AwsAccountRegistered("a1", member("Zeta", "m1", "DEVELOPMENT")), 0L, T0);
        accounts.on(new AwsAccountRegistered("a2", member("Alpha", "m1", "PRODUCTION")), 0L, T0);
        accounts.on(new AwsAccountRegistered("a3", member("beta", null, "PRODUCTION")), 0L, T0);

        AccountPage all = accounts.handle(new ListAccounts(AccountFilter.none(), 0, 50));
        assertThat(all.count()).isEqualTo(4);
        assertThat(all.results()).extracting(AccountView::accountName).containsExactly("Alpha", "Org root", "Zeta", "beta");
        AccountPage second = accounts.handle(new ListAccounts(AccountFilter.none(), 2, 2));
        assertThat(second.count()).isEqualTo(4);
        assertThat(second.results()).extracting(AccountView::id).containsExactly("a1", "a3");
        assertThat(accounts.handle(new ListAccounts(new AccountFilter("MEMBER", "PRODUCTION", true, null, null), 0, 50))
                .results()).extracting(AccountView::id).containsExactly("a2", "a3");
        assertThat(accounts.handle(new ListAccounts(new AccountFilter(null, null, null, "m1", null), 0, 0)).count()).isEqualTo(2);
        assertThat(accounts.handle(new ListAccounts(new AccountFilter(null, null, null, null, "ROOT"), 0, 50))
                .results()).extracting(AccountView::id).containsExactly("m1");
        assertThat(accounts.handle(new ListAccounts(new AccountFilter(null, null, null, null, "1111"), 0, 50))
                .results()).extracting(AccountView::id).containsExactly("m1");
        assertThat(accounts.handle(new ListAccounts(new AccountFilter(null, null, false, null, null), 0, 50)).count()).isZero();
        assertThat(accounts.handle(new ListAccounts(new AccountFilter(null, null, null, null, ".*"), 0, 50)).count()).isZero();
    }

    @Test
    void deletingAManagementAccountLeavesItsMembersWithout() {
        accounts.on(new AwsAccountRegistered("m1", management()), 0L, T0);
        accounts.on(new AwsAccountRegistered("a1", member("Dev", "m1", "DEVELOPMENT")), 0L, T0);
        accounts.on(new AwsAccountDeleted("m1"));
        accounts.on(new AwsAccountDeleted("m1"));
        assertThat(accounts.handle(new FindAccount("m1"))).isNull();
        AccountView dev = accounts.handle(new FindAccount("a1"));
        assertThat(dev.managementAccount()).isNull();
        assertThat(dev.managementAccountName()).isEmpty();
    }

    @Test
    void categoriesAreFoundListedRenamedAndDeletedIdempotently() {
        CategoryDetails compute = new CategoryDetails("Compute", "Compute resources", "bi-cpu", "#007bff");
        categories.on(new CategoryCreated("c1", compute), 0L, T0);
        categories.on(new CategoryCreated("c1", compute), 0L, T0);
        categories.on(new CategoryCreated("c2", new CategoryDetails("Storage", "", "bi-box", "#6c757d")), 0L, T0);
        categories.on(new CategoryUpdated("c1", new CategoryDetails("Servers", "VMs", "bi-hdd", "#000000")), 1L, T0.plusSeconds(3));
        categories.on(new CategoryCreated("c1", compute), 0L, T0); // a late duplicate of the creation

        CategoryView c1 = categories.handle(new FindCategory("c1"));
        assertThat(c1.name()).isEqualTo("Servers");
        assertThat(c1.icon()).isEqualTo("bi-hdd");
        assertThat(c1.createdAt()).isEqualTo(T0);
        assertThat(c1.updatedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(c1.assetCount()).isZero();
        assertThat(categories.handle(new ListCategories(null, 0, 50)).results()).extracting(CategoryView::name)
                .containsExactly("Servers", "Storage");
        assertThat(categories.handle(new ListCategories("vm", 0, 50)).results()).extracting(CategoryView::id).containsExactly("c1");
        assertThat(categories.handle(new ListCategories(null, 1, 1)).results()).extracting(CategoryView::id).containsExactly("c2");

        categories.on(new CategoryDeleted("c1"));
        categories.on(new CategoryDeleted("c1"));
        assertThat(categories.handle(new FindCategory("c1"))).isNull();
        assertThat(categories.handle(new ListCategories(null, 0, 50)).count()).isEqualTo(1);

        categories.reset();
        assertThat(categories.handle(new ListCategories(null, 0, 50)).count()).isZero();
    }
}
