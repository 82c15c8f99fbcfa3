package io.opsledger.gateway.tfstate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsledger.drift.api.LockInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Terraform's lock file content: its {@code statemgr.LockInfo} as JSON (ID, Operation, Info, Who, Version, Created, Path). */
public final class LockFiles {
    private LockFiles() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public static byte[] write(LockInfo lock) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ID", lock.id());
        o.put("Operation", nullToEmpty(lock.operation()));
        o.put("Info", nullToEmpty(lock.info()));
        o.put("Who", nullToEmpty(lock.who()));
        o.put("Version", nullToEmpty(lock.version()));
        o.put("Created", lock.created() == null ? "" : lock.created().toString());
        o.put("Path", nullToEmpty(lock.path()));
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The lock a lock file describes; a file that is not LockInfo JSON is still a lock (with what can be read). */
    public static LockInfo read(byte[] bytes, String fallbackPath) {
        JsonNode o;
        try {
            o = JSON.readTree(bytes);
        } catch (IOException e) {
            o = null;
        }
        if (o == null || !o.isObject()) {
            return new LockInfo("", fallbackPath, "", "unknown", "", null, "unreadable lock file");
        }
        return new LockInfo(o.path("ID").asText(""), o.path("Path").asText(fallbackPath), o.path("Operation").asText(""),
                o.path("Who").asText(""), o.path("Version").asText(""), instant(o.path("Created").asText("")),
                o.path("Info").asText(""));
    }

    private static Instant instant(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String nullToEmpty(String s) { return s == null ? "" : s; }
}
