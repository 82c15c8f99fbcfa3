package io.opsledger.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.opsledger.inventory.AssetQueries.*;
import io.opsledger.inventory.api.AccountMessages.*;
import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.AssetMessages.*;
import io.opsledger.inventory.api.AwsAccountDetails;
import io.opsledger.inventory.api.CategoryMessages.*;
import io.opsledger.inventory.api.RelationshipMessages.*;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The asset and relationship read models over the MongoDB wire protocol, including replays. */
class AssetProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private MongoServer server;
    private MongoClient client;
    private AssetProjection assets;
    private RelationshipProjection links;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoDatabase db = client.getDatabase("test");
        assets = new AssetProjection(db, new ObjectMapper());
        links = new RelationshipProjection(db);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static AssetDetails asset(String name, String type, String service, String account, String region,
                                      String status, String criticality) {
        return new AssetDetails(name, type, service, account, region, "res-" + name, "arn:aws:x:" + region + ":1:" + name,
                status, criticality, "Team", "Engineering", "INTERNAL", null, Map.of("k.with.dot", Map.of("$n", 1)),
                List.of("10.0.0." + name.length()), List.of(name + ".example.com"), Map.of("env", "prod"), "", "", "", "",
                false, false, false, false, "", true, null, T0);
    }

    private void created(String id, int number, AssetDetails details) {
        assets.on(new AssetCreated(id, String.format("ASSET-%04d", number), details), T0.plusSeconds(number), 0);
    }

    private static AwsAccountDetails account(String name) {
        return new AwsAccountDetails("123456789012", name, "MEMBER", "PRODUCTION", null, null, null, null, List.of(), true);
    }

    private List<String> names(AssetFilter filter, String... ordering) {
        return assets.handle(new ListAssets(filter, List.of(ordering), 0, 100)).results().stream()
                .map(v -> v.details().name()).toList();
    }

    private static AssetFilter include(String field, String... values) {
        return new AssetFilter(null, Map.of(field, List.of(values)), Map.of());
    }

    private static AssetFilter exclude(String field, String... values) {
        return new AssetFilter(null, Map.of(), Map.of(field, List.of(values)));
    }

    private static AssetFilter search(String text) { return new AssetFilter(text, Map.of(), Map.of()); }

    @Test
    void createUpdateDecommissionAndDeleteAreIdempotentUnderReplay() {
        AssetDetails web = asset("web", "AWS_SERVICE", "EC2", null, "eu-central-1", "ACTIVE", "HIGH");
        created("a1", 1, web);
        AssetDetails lower = new AssetDetails("web-2", web.assetType(), web.awsServiceType(), null, web.awsRegion(),
                web.awsResourceId(), web.awsResourceArn(), "ACTIVE", "LOW", web.owner(), web.department(),
                web.dataClassification(), null, web.metadata(), web.ipAddresses(), web.dnsNames(), web.tags(), "", "", "",
                "", true, false, false, false, "", true, null, T0);
        assets.on(new AssetUpdated("a1", lower), T0.plusSeconds(60), 1);
        created("a1", 1, web); // redelivered creation: no effect
        assets.on(new AssetUpdated("a1", lower), T0.plusSeconds(60), 1);
        assets.on(new AssetUpdated("a1", web), T0.plusSeconds(30), 0); // an older event, delivered late

        AssetView view = assets.handle(new FindAsset("a1"));
        assertThat(view.assetId()).isEqualTo("ASSET-0001");
        assertThat(view.details()).isEqualTo(lower);
        assertThat(view.details().metadata()).isEqualTo(Map.of("k.with.dot", Map.of("$n", 1)));
        assertThat(view.createdAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(60));

        assets.on(new AssetDecommissioned("a1", "ACTIVE"), T0.plusSeconds(90), 2);
        assets.on(new AssetDecommissioned("a1", "ACTIVE"), T0.plusSeconds(90), 2);
        assertThat(assets.handle(new FindAsset("a1")).details().status()).isEqualTo("DECOMMISSIONED");

        assets.on(new AssetDeleted("a1", "ASSET-0001"));
        assets.on(new AssetDeleted("a1", "ASSET-0001"));
        assertThat(assets.handle(new FindAsset("a1"))).isNull();
    }

    @Test
    void accountAndCategoryNamesAreCopiedInAndKeptCurrent() {
        assets.on(new AwsAccountRegistered("acc1", account("Production")));
        assets.on(new CategoryCreated("cat1", new CategoryDetails("Compute", "", "bi-cpu", "#000")));
        AssetDetails d = asset("db", "AWS_SERVICE", "RDS", "acc1", "eu-west-1", "ACTIVE", "HIGH");
        AssetDetails withCategory = new AssetDetails(d.name(), d.assetType(), d.awsServiceType(), d.awsAccount(),
                d.awsRegion(), d.awsResourceId(), d.awsResourceArn(), d.status(), d.criticality(), d.owner(),
                d.department(), d.dataClassification(), "cat1", d.metadata(), d.ipAddresses(), d.dnsNames(), d.tags(),
                "", "", "", "", false, false, false, false, "", true, null, null);
        created("a1", 1, withCategory);
        created("a2", 2, asset("other", "SAAS", "", null, "", "ACTIVE", "LOW"));

        assertThat(assets.handle(new FindAsset("a1")).awsAccountName()).isEqualTo("Production");
        assertThat(assets.handle(new FindAsset("a1")).categoryName()).isEqualTo("Compute");
        assertThat(assets.handle(new FindAsset("a2")).awsAccountName()).isEmpty();
        assertThat(assets.handle(new FindAssetRef(AssetQueries.ACCOUNT, "acc1")).name()).isEqualTo("Production");
        assertThat(assets.handle(new FindAssetRef(AssetQueries.ACCOUNT, "cat1"))).isNull();

        assets.on(new AwsAccountUpdated("acc1", account("Prod EU")));
        assets.on(new CategoryUpdated("cat1", new CategoryDetails("Databases", "", "bi-db", "#000")));
        assertThat(assets.handle(new FindAsset("a1")).awsAccountName()).isEqualTo("Prod EU");
        assertThat(assets.handle(new FindAsset("a1")).categoryName()).isEqualTo("Databases");
        assertThat(assets.handle(new GetAssetFilterOptions()).awsAccounts())
                .containsExactly(new AccountOption("acc1", "Prod EU", "123456789012"));

        assets.on(new CategoryDeleted("cat1"));
        assets.on(new AwsAccountDeleted("acc1"));
        assets.on(new AwsAccountDeleted("acc1"));
        AssetView orphan = assets.handle(new FindAsset("a1"));
        assertThat(orphan.details().awsAccount()).isNull();
        assertThat(orphan.awsAccountName()).isEmpty();
        assertThat(orphan.details().category()).isNull();
        assertThat(orphan.categoryName()).isEmpty();
        assertThat(assets.handle(new FindAssetRef(AssetQueries.ACCOUNT, "acc1"))).isNull();
    }

    private void fleet() {
        created("a1", 1, asset("web-1", "AWS_SERVICE", "EC2", "acc1", "eu-central-1", "ACTIVE", "HIGH"));
        created("a2", 2, asset("db-1", "AWS_SERVICE", "RDS", "acc1", "eu-west-1", "ACTIVE", "CRITICAL"));
        created("a3", 3, asset("crm", "SAAS", "", null, "", "INACTIVE", "LOW"));
        created("a4", 4, asset("old-box", "ON_PREMISE", "", null, "", "DECOMMISSIONED", "MEDIUM"));
        created("a5", 5, asset("Cache", "AWS_SERVICE", "ELASTICACHE", "acc2", "us-east-1", "UNKNOWN", "MEDIUM"));
    }

    @Test
    void decommissionedAssetsShowOnlyWhenAskedFor() {
        fleet();
        assertThat(names(null)).containsExactly("Cache", "crm", "db-1", "web-1");
        assertThat(names(include("status", "DECOMMISSIONED"))).containsExactly("old-box");
        assertThat(names(include("status", "ACTIVE", "DECOMMISSIONED"))).containsExactly("db-1", "old-box", "web-1");
        assertThat(names(include("status", "INACTIVE"))).containsExactly("crm");
    }

    @Test
    void filtersAndExcludesTakeSeveralValues() {
        fleet();
        assertThat(names(include("asset_type", "AWS_SERVICE"))).containsExactly("Cache", "db-1", "web-1");
        assertThat(names(include("aws_account", "acc1"))).containsExactly("db-1", "web-1");
        assertThat(names(include("aws_region", "eu-west-1"))).containsExactly("db-1");
        assertThat(names(include("criticality", "HIGH", "CRITICAL"))).containsExactly("db-1", "web-1");
        assertThat(names(exclude("criticality", "HIGH", "CRITICAL"))).containsExactly("Cache", "crm");
        assertThat(names(exclude("aws_account", "acc1"))).containsExactly("Cache", "crm"); // no account is not excluded
        assertThat(names(exclude("aws_service_type", "EC2", "RDS"))).containsExactly("Cache", "crm");
        assertThat(names(exclude("status", "INACTIVE", "UNKNOWN"))).containsExactly("db-1", "web-1");
        assertThat(names(new AssetFilter(null, Map.of("asset_type", List.of("AWS_SERVICE")),
                Map.of("aws_region", List.of("us-east-1"))))).containsExactly("db-1", "web-1");
        assertThat(names(include("department", "Nowhere"))).isEmpty();
    }

    @Test
    void searchMatchesNameAssetIdArnAndResourceIdIgnoringCase() {
        fleet();
        assertThat(names(search("WEB"))).containsExactly("web-1");
        assertThat(names(search("asset-0002"))).containsExactly("db-1");
        assertThat(names(search("arn:aws:x:us-east-1"))).containsExactly("Cache");
        assertThat(names(search("res-crm"))).containsExactly("crm");
        assertThat(names(search("asset-000 WEB"))).containsExactly("web-1"); // every term must match
        assertThat(names(search("asset-000, db"))).containsExactly("db-1");
        assertThat(names(search("a.b*c("))).isEmpty(); // no regex injection
        assertThat(names(search("10.0.0"))).isEmpty(); // IPs are for autocomplete only
    }

    @Test
    void orderingByAnyListFieldEitherWayWithAStableDefault() {
        fleet();
        assertThat(names(null, "-name")).containsExactly("web-1", "db-1", "crm", "Cache");
        assertThat(names(null, "criticality", "name")).containsExactly("db-1", "web-1", "crm", "Cache");
        assertThat(names(null, "-asset_id")).containsExactly("Cache", "crm", "db-1", "web-1");
        assertThat(names(null, "bogus")).containsExactly("Cache", "crm", "db-1", "web-1");
        assertThat(names(null, "-created_at")).containsExactly("Cache", "crm", "db-1", "web-1");
        created("a10", 10000, asset("zz", "SAAS", "", null, "", "ACTIVE", "LOW"));
        assertThat(names(null, "-asset_id").get(0)).isEqualTo("zz"); // ASSET-10000 after ASSET-9999, by number
    }

    @Test
    void pagesCountTheWholeFilteredList() {
        fleet();
        AssetPage page = assets.handle(new ListAssets(null, List.of("name"), 1, 2));
        assertThat(page.count()).isEqualTo(4);
        assertThat(page.results()).extracting(v -> v.details().name()).containsExactly("crm", "db-1");
        assertThat(assets.handle(new ListAssets(null, List.of(), 4, 2)).results()).isEmpty();
    }

    @Test
    void autocompleteMatchesNamesIpsAndDnsNamesUpToFifteen() {
        fleet();
        assertThat(assets.handle(new AutocompleteAssets("w", 15))).isEmpty();
        assertThat(assets.handle(new AutocompleteAssets("we", 15))).containsExactly(new AssetSuggestion("a1", "ASSET-0001", "web-1", "EC2"));
        assertThat(assets.handle(new AutocompleteAssets("10.0.0.4", 15))).extracting(AssetSuggestion::name)
                .containsExactly("db-1"); // "db-1" has four letters
        assertThat(assets.handle(new AutocompleteAssets("CACHE.example", 15))).extracting(AssetSuggestion::name)
                .containsExactly("Cache");
        assertThat(assets.handle(new AutocompleteAssets("old-box", 15))).isEmpty();
        for (int i = 0; i < 20; i++) {
            created("m" + i, 100 + i, asset("many-" + i, "SAAS", "", null, "", "ACTIVE", "LOW"));
        }
        assertThat(assets.handle(new AutocompleteAssets("many", 50))).hasSize(15);
    }

    @Test
    void filterOptionsListTheRegionsInUse() {
        fleet();
        assertThat(assets.handle(new GetAssetFilterOptions()).awsRegions())
                .containsExactly("eu-central-1", "eu-west-1", "us-east-1");
    }

    @Test
    void relationshipsAreListedByEitherEndAndGoWithTheirAssets() {
        links.on(new RelationshipCreated("r1", "a1", "a2", "DEPENDS_ON", "reads"), T0);
        links.on(new RelationshipCreated("r1", "a1", "a2", "DEPENDS_ON", "reads"), T0);
        links.on(new RelationshipCreated("r2", "a3", "a1", "CONTAINS", ""), T0.plusSeconds(1));
        links.on(new RelationshipCreated("r3", "a3", "a2", "CONNECTS_TO", ""), T0.plusSeconds(2));

        assertThat(links.handle(new RelationshipsOfAsset("a1"))).extracting(RelationshipView::id).containsExactly("r1", "r2");
        assertThat(links.handle(new FindRelationship("r1")))
                .isEqualTo(new RelationshipView("r1", "a1", "a2", "DEPENDS_ON", "reads", T0));
        assertThat(links.handle(new ListRelationships(null, null, null, 0, 10)).count()).isEqualTo(3);
        assertThat(links.handle(new ListRelationships("a3", null, null, 0, 10)).results())
                .extracting(RelationshipView::id).containsExactly("r2", "r3");
        assertThat(links.handle(new ListRelationships(null, "a2", "CONNECTS_TO", 0, 10)).results())
                .extracting(RelationshipView::id).containsExactly("r3");
        RelationshipPage second = links.handle(new ListRelationships(null, null, null, 2, 2));
        assertThat(second.count()).isEqualTo(3);
        assertThat(second.results()).extracting(RelationshipView::id).containsExactly("r3");

        links.on(new RelationshipDeleted("r3", "a3", "a2", "CONNECTS_TO"));
        links.on(new RelationshipDeleted("r3", "a3", "a2", "CONNECTS_TO"));
        assertThat(links.handle(new FindRelationship("r3"))).isNull();
        links.on(new AssetDeleted("a1", "ASSET-0001"));
        assertThat(links.handle(new ListRelationships(null, null, null, 0, 10)).count()).isZero();
    }

    @Test
    void statisticsCountThePresentAssetsByTypeServiceCriticalityAndStatus() {
        created("a1", 1, asset("web", "AWS_SERVICE", "EC2", null, "eu-central-1", "ACTIVE", "CRITICAL"));
        created("a2", 2, asset("db", "AWS_SERVICE", "RDS", null, "eu-central-1", "ACTIVE", "CRITICAL"));
        created("a3", 3, asset("api", "AWS_SERVICE", "EC2", null, "us-east-1", "INACTIVE", "LOW"));
        created("a4", 4, asset("crm", "SAAS", "", null, "", "UNKNOWN", "MEDIUM"));
        created("a5", 5, asset("old", "AWS_SERVICE", "EC2", null, "us-east-1", "DECOMMISSIONED", "CRITICAL"));

        AssetStatistics stats = assets.handle(new GetAssetStatistics());
        assertThat(stats.total()).isEqualTo(4);
        assertThat(stats.critical()).isEqualTo(2);
        assertThat(stats.byType()).containsExactly(new FieldCount("AWS_SERVICE", 3), new FieldCount("SAAS", 1));
        assertThat(stats.byService()).containsExactly(new FieldCount("EC2", 2), new FieldCount("RDS", 1));
        assertThat(stats.byCriticality()).containsExactly(new FieldCount("CRITICAL", 2), new FieldCount("LOW", 1),
                new FieldCount("MEDIUM", 1));
        assertThat(stats.byStatus()).containsExactly(new FieldCount("ACTIVE", 2), new FieldCount("INACTIVE", 1),
                new FieldCount("UNKNOWN", 1));
    }
}
