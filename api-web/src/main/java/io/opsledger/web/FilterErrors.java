package io.opsledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes an error from a WebFilter (before any controller runs) in the contract's shape. */
@Component
public class FilterErrors {

    private final ObjectMapper json;

    public FilterErrors(ObjectMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, ApiException error) {
        var response = exchange.getResponse();
        response.setStatusCode(error.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body;
        try {
            body = json.writeValueAsBytes(ErrorBodies.render(Contract.of(exchange.getRequest().getPath().value()), error));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
