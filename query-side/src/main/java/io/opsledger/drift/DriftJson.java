package io.opsledger.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.common.UserMaps;
import io.opsledger.drift.api.DriftDetectionMessages.AttributeDrift;
import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift read models' free-form values. Attributes and tags are maps whose keys are the cloud's
 * or Terraform's (dots, "$", ...): they are stored as documents through {@link UserMaps}, and read
 * from the JSON text they were kept as before too. Drift lists stay JSON text.
 */
final class DriftJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftJson() {}

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Document document(Map<String, ?> map) {
        return UserMaps.toDocument(map == null ? Map.of() : map);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object stored) {
        if (stored instanceof Map<?, ?> doc) {
            return UserMaps.fromDocument((Map<String, ?>) doc);
        }
        return read(stored instanceof String text ? text : null, new TypeReference<Map<String, Object>>() {}, Map.of());
    }

    static Map<String, String> tags(Object stored) {
        if (stored instanceof Map<?, ?>) {
            Map<String, String> tags = new LinkedHashMap<>();
            map(stored).forEach((k, v) -> tags.put(k, v == null ? null : v.toString()));
            return tags;
        }
        return read(stored instanceof String text ? text : null, new TypeReference<Map<String, String>>() {}, Map.of());
    }

    static List<AttributeDrift> drifts(String json) {
        return read(json, new TypeReference<List<AttributeDrift>>() {}, List.of());
    }

    private static <T> T read(String json, TypeReference<T> type, T empty) {
        if (json == null || json.isBlank()) {
            return empty;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
