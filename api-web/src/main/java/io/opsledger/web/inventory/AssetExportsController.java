package io.opsledger.web.inventory;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.opsledger.inventory.AssetQueries.AssetFilter;
import io.opsledger.inventory.AssetQueries.AssetPage;
import io.opsledger.inventory.AssetQueries.AssetView;
import io.opsledger.inventory.AssetQueries.ListAssets;
import io.opsledger.common.Queries;
import io.opsledger.web.Web;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The asset exports (asset-inventory-api.md, Exports): the assets GET /api/assets would list for the
 * same query parameters (filters, exclude_*, search, ordering; every page), as a CSV or an Excel file
 * download. The columns are the list's, headed by their labels, with enum values shown by their
 * display labels. Everyone signed in may export. CSV cells that a spreadsheet would take for a
 * formula are neutralised.
 */
@RestController
@RequestMapping("/assets/export")
public class AssetExportsController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final int BATCH = 1000;
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    /** The exported columns: header label and how each asset fills it. */
    static final Map<String, Function<AssetView, String>> COLUMNS = columns();

    private static Map<String, Function<AssetView, String>> columns() {
        Map<String, Function<AssetView, String>> c = new LinkedHashMap<>();
        c.put("Asset ID", AssetView::assetId);
        c.put("Name", a -> a.details().name());
        c.put("Asset Type", a -> AssetLabels.label(AssetLabels.ASSET_TYPES, a.details().assetType()));
        c.put("AWS Service Type", a -> AssetLabels.label(AssetLabels.AWS_SERVICE_TYPES, a.details().awsServiceType()));
        c.put("AWS Account", AssetView::awsAccountName);
        c.put("AWS Region", a -> a.details().awsRegion());
        c.put("Status", a -> AssetLabels.label(AssetLabels.STATUSES, a.details().status()));
        c.put("Criticality", a -> AssetLabels.label(AssetLabels.CRITICALITIES, a.details().criticality()));
        c.put("Owner", a -> a.details().owner());
        c.put("Department", a -> a.details().department());
        c.put("Category", AssetView::categoryName);
        c.put("Created At", a -> time(a.createdAt()));
        c.put("Last Seen At", a -> time(a.details().lastSeenAt()));
        return java.util.Collections.unmodifiableMap(c);
    }

    private final Web web;
    private final Queries queries;

    public AssetExportsController(Web web, Queries queries) {
        this.web = web;
        this.queries = queries;
    }

    @GetMapping("/csv")
    public Mono<ResponseEntity<?>> csv(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            AssetFilter filter = AssetListRequest.filter(f);
            List<String> ordering = AssetListRequest.ordering(f);
            f.validate();
            return download(writeCsv(rows -> each(filter, ordering, rows)), CSV, "csv");
        });
    }

    @GetMapping("/excel")
    public Mono<ResponseEntity<?>> excel(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            InventoryWeb.user(ctx);
            AssetFilter filter = AssetListRequest.filter(f);
            List<String> ordering = AssetListRequest.ordering(f);
            f.validate();
            return download(writeExcel(rows -> each(filter, ordering, rows)), XLSX, "xlsx");
        });
    }

    /** Every asset the list would show, page after page, in its order. */
    private void each(AssetFilter filter, List<String> ordering, Consumer<AssetView> sink) {
        int offset = 0;
        while (true) {
            AssetPage page = queries.one(new ListAssets(filter, ordering, offset, BATCH), AssetPage.class);
            page.results().forEach(sink);
            offset += page.results().size();
            if (page.results().size() < BATCH || offset >= page.count()) {
                return;
            }
        }
    }

    private static ResponseEntity<?> download(byte[] content, MediaType type, String extension) {
        String name = "assets_" + FILE_STAMP.format(Instant.now()) + "." + extension;
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(content);
    }

    static byte[] writeCsv(Consumer<Consumer<AssetView>> source) {
        CsvSchema.Builder schema = CsvSchema.builder();
        COLUMNS.keySet().forEach(schema::addColumn);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             var rows = new CsvMapper().writer(schema.build().withHeader()).writeValues(writer)) {
            List<IOException> failures = new ArrayList<>();
            source.accept(asset -> {
                Map<String, String> row = new LinkedHashMap<>();
                COLUMNS.forEach((label, value) -> row.put(label, inert(nullToEmpty(value.apply(asset)))));
                try {
                    rows.write(row);
                } catch (IOException e) {
                    failures.add(e);
                }
            });
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the CSV export", e);
        }
        return out.toByteArray();
    }

    static byte[] writeExcel(Consumer<Consumer<AssetView>> source) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            Sheet sheet = workbook.createSheet("Assets");
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            Row head = sheet.createRow(0);
            int column = 0;
            for (String label : COLUMNS.keySet()) {
                var cell = head.createCell(column);
                cell.setCellValue(label);
                cell.setCellStyle(header);
                sheet.setColumnWidth(column, 20 * 256);
                column++;
            }
            sheet.createFreezePane(0, 1);
            int[] next = {1};
            source.accept(asset -> {
                Row row = sheet.createRow(next[0]++);
                int c = 0;
                for (Function<AssetView, String> value : COLUMNS.values()) {
                    // a string cell is text to Excel whatever it starts with: nothing to neutralise here
                    row.createCell(c++).setCellValue(nullToEmpty(value.apply(asset)));
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Excel export", e);
        } finally {
            try {
                workbook.close();
            } catch (IOException ignored) {
                // temp files only
            }
            workbook.dispose();
        }
    }

    private static String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static String nullToEmpty(String value) { return value == null ? "" : value; }

    /**
     * A CSV cell a spreadsheet will not run as a formula (OWASP's CSV injection advice): text that
     * starts with =, +, -, @, a tab or a carriage return gets a leading single quote. Names and
     * owners come from AWS tags, which anyone with tagging rights in an account can write.
     */
    static String inert(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}
