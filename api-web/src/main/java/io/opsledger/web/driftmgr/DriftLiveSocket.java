package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.drift.DriftLiveConnections;
import io.opsledger.drift.DriftLiveQueries.DriftLiveUpdate;
import io.opsledger.drift.DriftLiveQueries.WatchDriftLive;
import io.opsledger.platform.BlockingWork;
import io.opsledger.identity.Principal;
import io.opsledger.identity.api.Role;
import io.opsledger.web.RequestContext;
import io.opsledger.identity.Authenticator;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * DriftMgr's WebSocket (driftmgr-api.md, WebSocket API) at /ws and /api/v1/ws: every message is
 * {type, data, timestamp}. The connection opens with connection_established, gets a heartbeat every
 * {@code opsledger.drift.ws.heartbeat-interval} (30 s) and, when signed in, every live update of
 * the drift context (one subscription query per connection on {@link WatchDriftLive}).
 *
 * <p>Anonymous connections are accepted, as the contract's stats count them, but they get only
 * connection_established and heartbeats: no message that carries data. A credential that is
 * presented but invalid is refused before the upgrade (401). A signed-in connection is closed
 * (1008, policy violation) at the first heartbeat after its session or API key was revoked or its
 * user deactivated.
 */
@Component
public class DriftLiveSocket implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(DriftLiveSocket.class);
    public static final String CONNECTED = "Connected to DriftMgr WebSocket";
    /** Updates a slow client may have pending before it is dropped. */
    static final int UPDATE_BUFFER = 4096;

    private final QueryGateway queryGateway;
    private final ObjectMapper json;
    private final DriftLiveConnections connections;
    private final Authenticator authenticator;
    private final BlockingWork work;
    private final Duration heartbeat;

    public DriftLiveSocket(QueryGateway queryGateway, ObjectMapper json, DriftLiveConnections connections,
                           Authenticator authenticator, BlockingWork work,
                           @Value("${opsledger.drift.ws.heartbeat-interval:30s}") Duration heartbeat) {
        this.queryGateway = queryGateway;
        this.json = json;
        this.connections = connections;
        this.authenticator = authenticator;
        this.work = work;
        this.heartbeat = heartbeat;
    }

    /** Without the handshake's caller (not reached through DriftLiveWebSocketConfiguration): anonymous. */
    @Override
    public Mono<Void> handle(WebSocketSession session) {
        return handle(session, null);
    }

    public Mono<Void> handle(WebSocketSession session, RequestContext ctx) {
        Principal who = ctx == null ? null : ctx.principal();
        // subscribe before connection_established goes out: whatever happens after it reaches the client
        SubscriptionQueryResult<String, DriftLiveUpdate> subscription = who == null ? null
                : queryGateway.subscriptionQuery(WatchDriftLive.class.getName(), new WatchDriftLive(),
                ResponseTypes.instanceOf(String.class), ResponseTypes.instanceOf(DriftLiveUpdate.class), UPDATE_BUFFER);
        DriftLiveConnections.Connection connection = connections.open(who == null ? null : who.userId(),
                who != null && who.has(Role.ADMIN));

        Flux<String> updates = subscription == null ? Flux.never()
                : subscription.updates().map(this::written)
                .doOnError(e -> log.info("dropping a WebSocket subscriber of user {}: {}", who.userId(), e.toString()));
        Flux<String> heartbeats = Flux.interval(heartbeat, heartbeat)
                // a check that could not be made (the read model unreachable for a moment) keeps the connection
                .concatMap(tick -> who == null ? Mono.just(true) : work.call(() -> authenticator.stillValid(who))
                        .onErrorResume(e -> {
                            log.debug("could not re-check a WebSocket credential", e);
                            return Mono.just(true);
                        }))
                .concatMap(valid -> valid ? Mono.just(write(heartbeat())) : session.close(
                        CloseStatus.POLICY_VIOLATION.withReason("credential no longer valid")).then(Mono.<String>empty()));
        Flux<WebSocketMessage> out = Flux.concat(Mono.fromCallable(() -> write(established(who))), Flux.merge(updates, heartbeats))
                .map(session::textMessage);

        // the client's messages are not commands here; reading them notices the close
        Mono<Void> inbound = session.receive().then();
        return Mono.firstWithSignal(session.send(out), inbound)
                .doFinally(signal -> {
                    if (subscription != null) {
                        subscription.cancel();
                    }
                    connections.close(connection);
                });
    }

    static Map<String, Object> established(Principal who) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", CONNECTED);
        data.put("user_id", who == null ? null : who.userId());
        data.put("roles", who == null ? List.of() : List.of(DriftMgrAuthController.roleName(who.role())));
        return message("connection_established", data, Instant.now());
    }

    static Map<String, Object> heartbeat() {
        Instant now = Instant.now();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("timestamp", now.getEpochSecond());
        data.put("server_time", now);
        return message("heartbeat", data, now);
    }

    static Map<String, Object> message(String type, Object data, Instant timestamp) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("data", data);
        message.put("timestamp", timestamp);
        return message;
    }

    /**
     * An update as JSON, written once however many connections send it: every subscriber of a node
     * gets the same update object from the query bus, one after the other, so a few recent ones are kept.
     */
    private String written(DriftLiveUpdate update) {
        int slot = Math.floorMod(System.identityHashCode(update), recent.length());
        Written hit = recent.get(slot);
        if (hit != null && hit.update() == update) {
            return hit.json();
        }
        String json = write(message(update.type(), update.data(), update.timestamp()));
        recent.set(slot, new Written(update, json));
        return json;
    }

    private record Written(DriftLiveUpdate update, String json) {}

    private final AtomicReferenceArray<Written> recent = new AtomicReferenceArray<>(64);

    private String write(Map<String, Object> message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            log.warn("could not write a live message of type {}", message.get("type"), e);
            throw new IllegalStateException(e);
        }
    }
}
