package io.opsledger.drift.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Monthly cost estimates from the documented price table {@code prices.json} beside this class
 * (on-demand list prices, USD, us-east-1): compute by instance type or class, storage per
 * allocated GB, a flat network amount. Types the table does not know cost nothing ({@link #known}
 * tells them apart).
 */
public final class PriceTable {

    /** A monthly estimate and its parts. */
    public record Estimate(BigDecimal compute, BigDecimal storage, BigDecimal network, String currency, boolean known) {
        public BigDecimal monthly() { return compute.add(storage).add(network).setScale(2, RoundingMode.HALF_UP); }
    }

    private final JsonNode table;

    private PriceTable(JsonNode table) { this.table = table; }

    /** The table shipped with OpsLedger. */
    public static PriceTable standard() {
        try (InputStream in = PriceTable.class.getResourceAsStream("prices.json")) {
            if (in == null) {
                throw new IllegalStateException("prices.json is missing from the classpath");
            }
            return new PriceTable(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean known(String type) { return table.path("types").has(type); }

    /** The estimate for a resource of {@code type} with these (Terraform-named) attributes. */
    public Estimate estimate(String type, Map<String, ?> attributes) {
        String currency = table.path("currency").asText("USD");
        JsonNode entry = table.path("types").path(type);
        if (entry.isMissingNode()) {
            return new Estimate(zero(), zero(), zero(), currency, false);
        }
        Map<String, Object> flat = DriftComparator.flatten(attributes == null ? Map.of() : attributes);
        JsonNode compute = entry.path("compute");
        String sizeAttribute = entry.path("attribute").asText(null);
        Object size = sizeAttribute == null ? null : flat.get(sizeAttribute);
        JsonNode price = size != null && compute.has(size.toString()) ? compute.get(size.toString()) : compute.path("default");
        BigDecimal computeCost = price.isNumber() ? price.decimalValue() : zero();
        BigDecimal gb = BigDecimal.valueOf(entry.path("default_storage_gb").asDouble(0));
        String storageAttribute = entry.path("storage_attribute").asText(null);
        if (storageAttribute != null && flat.get(storageAttribute) != null) {
            try {
                gb = new BigDecimal(flat.get(storageAttribute).toString());
            } catch (NumberFormatException ignored) {
                // keep the default size
            }
        }
        BigDecimal storage = gb.multiply(BigDecimal.valueOf(entry.path("storage_per_gb").asDouble(0)));
        BigDecimal network = BigDecimal.valueOf(entry.path("network").asDouble(0));
        return new Estimate(scale(computeCost), scale(storage), scale(network), currency, true);
    }

    private static BigDecimal zero() { return BigDecimal.ZERO.setScale(2, RoundingMode.HALF_UP); }

    private static BigDecimal scale(BigDecimal v) { return v.setScale(2, RoundingMode.HALF_UP); }
}
