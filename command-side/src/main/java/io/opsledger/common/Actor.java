package io.opsledger.common;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Who causes a command: a request (its user, contract, address and request id) or the platform
 * itself. Its metadata goes on the command and so on every event the command causes.
 */
public interface Actor {

    Map<String, Object> metadata();

    /** A system action (bootstrap, schedules, processes) rather than a request. */
    static Actor system(String what) {
        return new Of(null, null, "platform", "local", what + "-" + UUID.randomUUID());
    }

    /** The same origin acting as {@code userId} (e.g. a login, before there is a principal). */
    static Actor as(Actor origin, String userId, String username) {
        Map<String, Object> meta = new HashMap<>(origin.metadata());
        meta.put("userId", userId);
        meta.put("username", username);
        return () -> meta;
    }

    record Of(String userId, String username, String contract, String remoteAddress, String requestId) implements Actor {
        @Override
        public Map<String, Object> metadata() {
            Map<String, Object> meta = new HashMap<>();
            if (userId != null) {
                meta.put("userId", userId);
                meta.put("username", username);
            }
            meta.put("contract", contract);
            meta.put("remoteAddress", remoteAddress);
            meta.put("requestId", requestId);
            return meta;
        }
    }
}
