package io.opsledger.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** The contracts mix paths with and without a trailing slash; both match (routes are declared without). */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PathNormalizationFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.length() > 1 && path.endsWith("/")) {
            String trimmed = path.replaceAll("/+$", "");
            return chain.filter(exchange.mutate().request(exchange.getRequest().mutate()
                    .path(trimmed.isEmpty() ? "/" : trimmed).build()).build());
        }
        return chain.filter(exchange);
    }
}
