package io.opsledger.web.driftmgr;

import io.opsledger.drift.DriftLiveConnections;
import io.opsledger.web.Web;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

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
            return Envelope.ok(json(connections.cluster()));
        });
    }

    /** DriftMgr's counts: authenticated_users counts authenticated connections (user + admin). */
    static Map<String, Object> json(DriftLiveConnections.Stats stats) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("total_connections", stats.total());
        data.put("authenticated_users", stats.authenticated());
        data.put("anonymous_connections", stats.anonymous());
        data.put("user_connections", stats.user());
        data.put("admin_connections", stats.admin());
        return data;
    }
}
