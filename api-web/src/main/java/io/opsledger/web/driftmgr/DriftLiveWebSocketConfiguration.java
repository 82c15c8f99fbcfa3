package io.opsledger.web.driftmgr;

import io.opsledger.web.ApiException;
import io.opsledger.web.FilterErrors;
import io.opsledger.web.RequestContext;
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

import java.util.Map;

/**
 * DriftMgr's WebSocket on WebFlux served by Tomcat: /ws (the contract's) and /api/v1/ws. The
 * handshake passes the authentication filter like any request; its {@link RequestContext} goes on
 * to the connection's handler, and an invalid credential is refused with 401 before the upgrade.
 */
@Configuration
public class DriftLiveWebSocketConfiguration implements WebFluxConfigurer {

    private final FilterErrors errors;

    public DriftLiveWebSocketConfiguration(FilterErrors errors) {
        this.errors = errors;
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
                // the session sees the handshake's caller (WebFlux would only pass on WebSession attributes)
                return handshake.handleRequest(exchange, handler instanceof DriftLiveSocket live
                        ? session -> live.handle(session, ctx) : handler);
            }
        };
    }
}
