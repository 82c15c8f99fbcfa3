package io.opsledger.common;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CompletionException;

/** Blocking queries for code already off the event loop. */
@Component
public class Queries {

    private final QueryGateway gateway;

    public Queries(QueryGateway gateway) {
        this.gateway = gateway;
    }

    /** The answer, or null when the handler found nothing. */
    public <R> R one(Object query, Class<R> type) {
        return join(() -> gateway.query(query, ResponseTypes.instanceOf(type)).join());
    }

    public <R> List<R> list(Object query, Class<R> type) {
        return join(() -> gateway.query(query, ResponseTypes.multipleInstancesOf(type)).join());
    }

    private static <R> R join(java.util.function.Supplier<R> call) {
        try {
            return call.get();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
