package io.opsledger.web.driftmgr;

import io.opsledger.web.ApiException;
import io.opsledger.web.FilterErrors;
import io.opsledger.identity.Principal;
import io.opsledger.web.RequestContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.TomcatRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DriftMgr's WebSocket on WebFlux served by Tomcat: /ws (the contract's) and /api/v1/ws. The
 * handshake passes the authentication filter like any request; its {@link RequestContext} goes on
 * to the connection's handler, and an invalid credential is refused with 401 before the upgrade.
 * A browser sends the session cookie with a WebSocket opened by any site's page, so a cookie only
 * counts when the page's Origin is this server's own (as the request or OPSLEDGER_PUBLIC_URL names
 * it) or in OPSLEDGER_WS_ALLOWED_ORIGINS; otherwise the handshake gets 403.
 */
@Configuration
public class DriftLiveWebSocketConfiguration implements WebFluxConfigurer {

    private final FilterErrors errors;
    private final Set<String> allowedOrigins = new HashSet<>();

    public DriftLiveWebSocketConfiguration(FilterErrors errors, @Value("${opsledger.public-url}") String publicUrl,
                                           @Value("${opsledger.ws-allowed-origins:}") String allowedOrigins) {
        this.errors = errors;
        String own = origin(parse(publicUrl.trim()));
        if (own != null) {
            this.allowedOrigins.add(own);
        }
        for (String entry : allowedOrigins.split(",")) {
            if (!entry.isBlank()) {
                String origin = origin(parse(entry.trim()));
                if (origin == null) {
                    throw new IllegalArgumentException("OPSLEDGER_WS_ALLOWED_ORIGINS: '" + entry.trim()
                            + "' is not an origin like https://ops.example.com");
                }
                this.allowedOrigins.add(origin);
            }
        }
    }

    @Bean
    public HandlerMapping driftLiveWebSocketMapping(DriftLiveSocket socket) {
        return new SimpleUrlHandlerMapping(Map.of("/ws", socket, "/api/v1/ws", socket), Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public WebSocketService getWebSocketService() {
        HandshakeWebSocketService handshake = new HandshakeWebSocketService(new TomcatRequestUpgradeStrategy());
        return new WebSocketService() {
            @Override
            public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
                RequestContext ctx = RequestContext.of(exchange);
                if (ctx.invalidCredential()) {
                    return errors.write(exchange, ApiException.invalidToken(ctx.credentialExpired()));
                }
                if (ctx.principal() != null && ctx.principal().credential() == Principal.Credential.WEB_SESSION
                        && !originAllowed(exchange)) {
                    return errors.write(exchange, ApiException.of(HttpStatus.FORBIDDEN,
                            "Origin not allowed to use the session cookie on this WebSocket."));
                }
                // the session sees the handshake's caller (WebFlux would only pass on WebSession attributes)
                return handshake.handleRequest(exchange, handler instanceof DriftLiveSocket live
                        ? session -> live.handle(session, ctx) : handler);
            }
        };
    }

    /** No Origin header: not a browser, so no other site's page can be behind it. */
    private boolean originAllowed(ServerWebExchange exchange) {
        String given = exchange.getRequest().getHeaders().getOrigin();
        if (given == null) {
            return true;
        }
        String origin = origin(parse(given));
        return origin != null && (origin.equals(origin(exchange.getRequest().getURI())) || allowedOrigins.contains(origin));
    }

    private static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** scheme://host[:port], lower case, without the scheme's default port; null if it is none. */
    static String origin(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == 80 && (scheme.equals("http") || scheme.equals("ws"))
                || port == 443 && (scheme.equals("https") || scheme.equals("wss"));
        String httpScheme = scheme.equals("ws") ? "http" : scheme.equals("wss") ? "https" : scheme;
        return httpScheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
