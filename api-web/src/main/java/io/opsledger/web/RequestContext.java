package io.opsledger.web;

import io.opsledger.common.Actor;
import io.opsledger.identity.Principal;
import io.opsledger.identity.api.Role;
import org.springframework.web.server.ServerWebExchange;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One request as the domain sees it: who, via which contract, from where, under which request
 * id. Its metadata goes on every command and so on every event the request causes.
 */
public record RequestContext(Principal principal, boolean invalidCredential, boolean credentialExpired,
                             Contract contract, String remoteAddress, String requestId) implements Actor {

    public static final String ATTRIBUTE = RequestContext.class.getName();

    public static RequestContext of(ServerWebExchange exchange) {
        RequestContext ctx = exchange.getAttribute(ATTRIBUTE);
        if (ctx == null) {
            throw new IllegalStateException("the authentication filter did not run for " + exchange.getRequest().getPath());
        }
        return ctx;
    }

    /** An anonymous request from {@code clientAddress} (see {@link ClientAddress}: proxies are seen through). */
    public static RequestContext anonymous(ServerWebExchange exchange, String clientAddress) {
        return new RequestContext(null, false, false, Contract.of(exchange.getRequest().getPath().value()),
                clientAddress, requestId(exchange));
    }

    public RequestContext authenticated(Principal who) {
        return new RequestContext(who, false, false, contract, remoteAddress, requestId);
    }

    /** A credential came with the request but proves nothing; {@code expired} when it was genuine but is out of date. */
    public RequestContext withInvalidCredential(boolean expired) {
        return new RequestContext(null, true, expired, contract, remoteAddress, requestId);
    }

    /** A system action (bootstrap, schedules) rather than a request. */
    public static RequestContext system(String what) {
        return new RequestContext(null, false, false, Contract.PLATFORM, "local", what + "-" + UUID.randomUUID());
    }

    /** The caller, or 401 in the contract's words. */
    public Principal requireUser() {
        if (principal == null) {
            throw invalidCredential ? ApiException.invalidToken(credentialExpired) : ApiException.unauthenticated();
        }
        return principal;
    }

    /** The caller if they hold at least {@code role}; 401 or 403 otherwise. */
    public Principal require(Role role) {
        Principal who = requireUser();
        if (!who.has(role)) {
            throw ApiException.forbidden();
        }
        return who;
    }

    @Override
    public Map<String, Object> metadata() {
        Map<String, Object> meta = new HashMap<>();
        if (principal != null) {
            meta.put("userId", principal.userId());
            meta.put("username", principal.username());
        }
        meta.put("contract", contract.auditName());
        meta.put("remoteAddress", remoteAddress);
        meta.put("requestId", requestId);
        return meta;
    }

    private static String requestId(ServerWebExchange exchange) {
        String given = exchange.getRequest().getHeaders().getFirst("X-Request-ID");
        return given != null && given.matches("[A-Za-z0-9._-]{1,100}") ? given : UUID.randomUUID().toString();
    }
}
