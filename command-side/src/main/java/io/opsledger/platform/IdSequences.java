package io.opsledger.platform;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Integer ids per resource type from a database sequence: atomic across nodes, never reused. A type
 * may be qualified by its context with dots ("migration.credential"); its sequence is then named with
 * underscores ("seq_migration__credential": a dot becomes two).
 */
@Component
public class IdSequences {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}(\\.[a-z][a-z0-9_]{0,40})?");
    private final JdbcTemplate jdbc;
    private final Map<String, Boolean> created = new ConcurrentHashMap<>();

    public IdSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long next(String resourceType) {
        if (!NAME.matcher(resourceType).matches()) {
            throw new IllegalArgumentException("not a sequence name: " + resourceType);
        }
        String sequence = "seq_" + resourceType.replace(".", "__");
        // computeIfAbsent makes other threads wait until the sequence exists
        created.computeIfAbsent(sequence, s -> {
            jdbc.execute("CREATE SEQUENCE IF NOT EXISTS " + s + " START WITH 1");
            return true;
        });
        Long next = jdbc.queryForObject("SELECT nextval('" + sequence + "')", Long.class);
        return next == null ? 0 : next;
    }
}
