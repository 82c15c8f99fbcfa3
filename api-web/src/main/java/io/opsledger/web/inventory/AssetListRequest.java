package io.opsledger.web.inventory;

import io.opsledger.inventory.AssetQueries;
import io.opsledger.inventory.AssetQueries.AssetFilter;
import io.opsledger.web.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the asset list reads its query parameters, shared by GET /api/assets and the CSV and Excel
 * exports so that they select the same assets. Problems are recorded on the fields; the caller
 * calls {@link Fields#validate()}.
 */
final class AssetListRequest {
    private AssetListRequest() {}

    /** The list filters: repeated values match any; exclude_* also take comma-separated values. */
    static AssetFilter filter(Fields f) {
        Map<String, List<String>> include = new LinkedHashMap<>();
        Map<String, List<String>> exclude = new LinkedHashMap<>();
        for (String field : AssetQueries.FILTER_FIELDS) {
            List<String> values = f.repeated(field).stream().filter(v -> !v.isEmpty()).toList();
            List<String> choices = AssetsController.CHOICES.get(field);
            for (String v : values) {
                if (choices != null && !choices.contains(v)) {
                    f.error(field, "Select a valid choice. " + v + " is not one of the available choices.");
                }
            }
            if (!values.isEmpty()) include.put(field, values);
            List<String> excluded = new ArrayList<>();
            for (String v : f.repeated("exclude_" + field)) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) excluded.add(part.trim());
                }
            }
            if (!excluded.isEmpty()) exclude.put(field, excluded);
        }
        String search = f.text("search");
        return new AssetFilter(search == null || search.isBlank() ? null : search, include, exclude);
    }

    /** {@code ordering}: comma-separated fields, '-' for descending; unknown ones are dropped by the query. */
    static List<String> ordering(Fields f) {
        List<String> ordering = new ArrayList<>();
        String order = f.text("ordering");
        if (order != null) {
            for (String term : order.split(",")) {
                if (!term.isBlank()) ordering.add(term.trim());
            }
        }
        return ordering;
    }
}
