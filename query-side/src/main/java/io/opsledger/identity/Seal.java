package io.opsledger.identity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * An HMAC over the fields authentication trusts (a session's owner and kind, a key's owner and
 * state, a user's role, active flag and password hash), written by the identity projections from
 * the events and checked on every read. Whoever can write to the projection store but does not
 * hold the server's key cannot make a document that authenticates or raises a role: a document
 * whose seal does not match is treated as absent. (What it cannot tell is a genuine document put
 * back after it was changed or removed: the events stay the record.)
 */
public final class Seal {

    private final SecretKeySpec key;

    public Seal(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a seal key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The seal of {@code field} of document {@code id} holding {@code values}. */
    public String of(String id, String field, Object... values) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            update(mac, id);
            update(mac, field);
            for (Object value : values) {
                update(mac, value == null ? null : value.toString());
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public boolean holds(String seal, String id, String field, Object... values) {
        return seal != null && MessageDigest.isEqual(seal.getBytes(StandardCharsets.US_ASCII),
                of(id, field, values).getBytes(StandardCharsets.US_ASCII));
    }

    // length-prefixed, so that no two different field lists give the same bytes
    private static void update(Mac mac, String value) {
        if (value == null) {
            mac.update(new byte[]{-1, -1, -1, -1});
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        mac.update(new byte[]{(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        mac.update(bytes);
    }
}
