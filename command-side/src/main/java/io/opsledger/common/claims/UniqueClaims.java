package io.opsledger.common.claims;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Unique names (usernames, project names, ...) across all nodes: a row per (scope, value) in the
 * relational store, claimed before the command that uses the name. A claim whose owner never came
 * to exist (a crash between claim and command) is taken over after a minute. A value of any length
 * can be claimed: long ones are kept as their digest (see {@link #stored}). Which commands claim
 * what is each context's {@link ClaimRules}; {@link CommandClaims} takes them where commands are sent.
 */
public class UniqueClaims {

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    private static final Logger log = LoggerFactory.getLogger(UniqueClaims.class);

    /** Needs the {@code unique_claims} table; its wiring makes sure the schema exists first. */
    public UniqueClaims(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    /** What a claim came to: newly taken by the owner, already the owner's, or someone else's. */
    public enum Outcome { TAKEN, ALREADY_HELD, REFUSED }

    /** True if {@code owner} now holds the value (or already did). */
    public boolean claim(String scope, String value, String owner) {
        return take(scope, value, owner) != Outcome.REFUSED;
    }

    /**
     * Claims the value for {@code owner}. Only a {@link Outcome#TAKEN} claim is the caller's to give
     * back: one {@link Outcome#ALREADY_HELD} belongs to an earlier write of the same owner (or a racing
     * one that won).
     */
    public Outcome take(String scope, String value, String owner) {
        return takeStored(scope, stored(value), owner);
    }

    private Outcome takeStored(String scope, String value, String owner) {
        try {
            jdbc.update("INSERT INTO unique_claims (scope, claim_value, owner, claimed_at) VALUES (?, ?, ?, ?)",
                    scope, value, owner, Timestamp.from(Instant.now()));
            return Outcome.TAKEN;
        } catch (DuplicateKeyException taken) {
            List<String> holders = jdbc.queryForList(
                    "SELECT owner FROM unique_claims WHERE scope = ? AND claim_value = ?", String.class, scope, value);
            if (holders.isEmpty()) {
                return takeStored(scope, value, owner);
            }
            String holder = holders.get(0);
            if (holder.equals(owner)) {
                return Outcome.ALREADY_HELD;
            }
            boolean abandoned = eventStore.lastSequenceNumberFor(holder).isEmpty();
            return abandoned && jdbc.update("UPDATE unique_claims SET owner = ?, claimed_at = ? WHERE scope = ? AND claim_value = ?"
                            + " AND owner = ? AND claimed_at < ?", owner, Timestamp.from(Instant.now()), scope, value, holder,
                    Timestamp.from(Instant.now().minusSeconds(60))) == 1 ? Outcome.TAKEN : Outcome.REFUSED;
        }
    }

    public void release(String scope, String value, String owner) {
        value = stored(value);
        jdbc.update("DELETE FROM unique_claims WHERE scope = ? AND claim_value = ? AND owner = ?", scope, value, owner);
    }

    /** Frees every value {@code owner} holds in {@code scope} except {@code kept} (after a rename). */
    public void keepOnly(String scope, String owner, String kept) {
        jdbc.update("DELETE FROM unique_claims WHERE scope = ? AND owner = ? AND claim_value <> ?", scope, owner, stored(kept));
    }

    /** Frees every value {@code owner} holds in {@code scope} (after a delete). */
    public void releaseAll(String scope, String owner) {
        jdbc.update("DELETE FROM unique_claims WHERE scope = ? AND owner = ?", scope, owner);
    }

    /**
     * Re-claims every value of {@code scope} under {@code keyOf(value)} (the owner keeps it), for a
     * scope whose uniqueness changed to a normalized form. Idempotent and safe on several nodes.
     * Two owners whose values share a key keep their old claims, and are logged.
     */
    public void rekey(String scope, UnaryOperator<String> keyOf) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT claim_value, owner FROM unique_claims WHERE scope = ?", scope);
        for (Map<String, Object> row : rows) {
            String value = (String) row.get("claim_value");
            String owner = (String) row.get("owner");
            String key = keyOf.apply(value);
            if (key.equals(value)) {
                continue;
            }
            String holder = claim(scope, key, owner) ? owner : holder(scope, key);
            if (owner.equals(holder)) {
                release(scope, value, owner);
            } else {
                log.warn("{} '{}' (owner {}) and another one held by {} are the same once normalized; both stay,"
                        + " and no new one like them can be claimed", scope, value, owner, holder);
            }
        }
    }

    /** Who holds the value now, or null. */
    public String holder(String scope, String value) {
        value = stored(value);
        List<String> holders = jdbc.queryForList(
                "SELECT owner FROM unique_claims WHERE scope = ? AND claim_value = ?", String.class, scope, value);
        return holders.isEmpty() ? null : holders.get(0);
    }

    /** Values up to this many characters are stored as they are ({@code claim_value} holds 512). */
    static final int MAX_PLAIN_LENGTH = 256;
    private static final String DIGEST_PREFIX = "sha256:";

    /**
     * What a claim on {@code value} stores: the value itself, or "sha256:" and its digest when it is
     * longer than {@link #MAX_PLAIN_LENGTH} or already starts with that prefix, so no plain value
     * can ever equal another value's digest.
     */
    static String stored(String value) {
        if (value == null || value.length() <= MAX_PLAIN_LENGTH && !value.startsWith(DIGEST_PREFIX)) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return DIGEST_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
