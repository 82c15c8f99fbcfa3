package io.opsledger.web.security;

import io.opsledger.identity.Authenticator;
import io.opsledger.web.ApiException;
import io.opsledger.web.ClientAddress;
import io.opsledger.web.FilterErrors;
import io.opsledger.identity.Principal;
import io.opsledger.web.RequestContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import io.opsledger.platform.BlockingWork;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Puts the {@link RequestContext} on every request: anonymous, or the user behind whatever
 * credential came with it. Session-cookie requests that change something must carry the CSRF
 * token from the csrftoken cookie in X-CSRFToken, as Django's clients do.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AuthenticationFilter implements WebFilter {

    public static final String SESSION_COOKIE = "sessionid";
    public static final String CSRF_COOKIE = "csrftoken";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private final Authenticator authenticator;
    private final FilterErrors errors;
    private final BlockingWork work;
    private final ClientAddress clientAddress;

    public AuthenticationFilter(Authenticator authenticator, FilterErrors errors, BlockingWork work, ClientAddress clientAddress) {
        this.authenticator = authenticator;
        this.errors = errors;
        this.work = work;
        this.clientAddress = clientAddress;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestContext anonymous = RequestContext.anonymous(exchange, clientAddress.of(exchange.getRequest()));
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        String apiKey = headers.getFirst("X-API-Key");
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SESSION_COOKIE);
        String queryToken = exchange.getRequest().getQueryParams().getFirst("token");
        if (authorization == null && apiKey == null && cookie == null && queryToken == null) {
            return proceed(exchange, chain, anonymous);
        }
        return work.call(() -> resolve(anonymous, authorization, apiKey, cookie, queryToken, exchange))
                .flatMap(ctx -> {
                    if (ctx.principal() != null && ctx.principal().credential() == Principal.Credential.WEB_SESSION
                            && !SAFE.contains(exchange.getRequest().getMethod())) {
                        String problem = csrfProblem(exchange);
                        if (problem != null) {
                            return errors.write(exchange, ApiException.of(HttpStatus.FORBIDDEN, problem));
                        }
                    }
                    return proceed(exchange, chain, ctx);
                });
    }

    private RequestContext resolve(RequestContext anonymous, String authorization, String apiKey, HttpCookie cookie,
                                   String queryToken, ServerWebExchange exchange) {
        Principal who = null;
        boolean presented = false;
        boolean expired = false;
        if (authorization != null) {
            int space = authorization.indexOf(' ');
            String scheme = space < 0 ? "" : authorization.substring(0, space);
            String secret = space < 0 ? "" : authorization.substring(space + 1).trim();
            if (scheme.equalsIgnoreCase("Token") || scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("JWT")) {
                presented = true;
                who = secret.isEmpty() ? null : authenticator.bearer(secret);
                expired = who == null && !secret.isEmpty() && authenticator.isExpiredJwt(secret);
            }
        }
        if (who == null && apiKey != null) {
            presented = true;
            who = authenticator.apiKey(apiKey.trim());
        }
        if (who == null && queryToken != null && isWebSocketPath(exchange)) {
            presented = true;
            who = authenticator.bearer(queryToken);
            expired = who == null && authenticator.isExpiredJwt(queryToken);
        }
        if (who == null && cookie != null && !presented) {
            // a stale cookie is no credential at all (Django treats it as anonymous)
            who = authenticator.sessionCookie(cookie.getValue());
        }
        if (who != null) {
            return anonymous.authenticated(who);
        }
        return presented ? anonymous.withInvalidCredential(expired) : anonymous;
    }

    private static boolean isWebSocketPath(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        return path.equals("/ws") || path.equals("/api/v1/ws");
    }

    private static String csrfProblem(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(CSRF_COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return "CSRF Failed: CSRF cookie not set.";
        }
        String header = exchange.getRequest().getHeaders().getFirst("X-CSRFToken");
        if (header == null || header.isEmpty()) {
            return "CSRF Failed: CSRF token missing.";
        }
        boolean same = MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), cookie.getValue().getBytes(StandardCharsets.UTF_8));
        return same ? null : "CSRF Failed: CSRF token incorrect.";
    }

    private static Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, RequestContext ctx) {
        exchange.getAttributes().put(RequestContext.ATTRIBUTE, ctx);
        return chain.filter(exchange);
    }
}
