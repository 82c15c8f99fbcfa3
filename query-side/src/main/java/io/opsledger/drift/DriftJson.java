package io.opsledger.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.drift.api.DriftDetectionMessages.AttributeDrift;

import java.util.List;
import java.util.Map;

/**
 * Attributes, tags and drifts kept as JSON text in the drift read models: their keys are the
 * cloud's (tag keys with dots, "$", ...), which MongoDB field names cannot all be.
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

    static Map<String, Object> map(String json) {
        return read(json, new TypeReference<Map<String, Object>>() {}, Map.of());
    }

    static Map<String, String> tags(String json) {
        return read(json, new TypeReference<Map<String, String>>() {}, Map.of());
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
