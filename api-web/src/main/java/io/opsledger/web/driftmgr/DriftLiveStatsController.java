package io.opsledger.web.driftmgr;

import io.opsledger.web.Web;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** GET /api/v1/ws/stats: the WebSocket connections of every node; any signed-in user may read them. */
@RestController
public class DriftLiveStatsController {

    private final Web web;
    private final DriftLiveConnections connections;

    public DriftLiveStatsController(Web web, DriftLiveConnections connections) {
        this.web = web;
        this.connections = connections;
    }

    @GetMapping("/api/v1/ws/stats")
    public Mono<ResponseEntity<?>> stats(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.requireUser();
            return Envelope.ok(connections.cluster().json());
        });
    }
}
