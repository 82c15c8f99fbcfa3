package io.opsledger.web.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.audit.AuditQueries.AggregateHistory;
import io.opsledger.audit.AuditQueries.AuditEventView;
import io.opsledger.audit.AuditQueries.AuditPage;
import io.opsledger.audit.AuditQueries.SearchAuditEvents;
import io.opsledger.identity.api.Role;
import io.opsledger.common.Queries;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import io.opsledger.web.driftmgr.Envelope;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit trail for compliance staff (admin and above): every event, redacted, with who/how/where. */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final Web web;
    private final Queries queries;

    public AuditController(Web web, Queries queries) {
        this.web = web;
        this.queries = queries;
    }

    @GetMapping("/events")
    public Mono<ResponseEntity<?>> events(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            Integer page = f.integer("page");
            Integer size = f.integer("page_size");
            if (page != null && page < 1) f.error("page", "Ensure this value is greater than or equal to 1.");
            if (size != null && (size < 1 || size > 1000)) f.error("page_size", "Ensure this value is between 1 and 1000.");
            Instant from = time(f, "from");
            Instant to = time(f, "to");
            f.validate();
            int p = page == null ? 1 : page;
            int s = size == null ? 50 : size;
            AuditPage result = queries.one(new SearchAuditEvents(f.text("aggregate_id"), f.text("aggregate_type"),
                    f.text("event_type"), f.text("user"), from, to, p, s), AuditPage.class);
            return Envelope.ok(new EventsPage(result.count(), p, s, result.results()));
        });
    }

    @GetMapping("/aggregates/{id}/history")
    public Mono<ResponseEntity<?>> history(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            ctx.require(Role.ADMIN);
            List<AuditEventView> events = queries.list(new AggregateHistory(id), AuditEventView.class);
            if (events.isEmpty()) {
                throw ApiException.notFound("No events for aggregate " + id);
            }
            return Envelope.ok(new History(id, events.get(0).aggregateType(), events));
        });
    }

    record EventsPage(long count, int page, @JsonProperty("page_size") int pageSize, List<AuditEventView> results) {}

    record History(@JsonProperty("aggregate_id") String aggregateId, @JsonProperty("aggregate_type") String aggregateType,
                   List<AuditEventView> events) {}

    private static Instant time(Fields f, String name) {
        String value = f.text(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            f.error(name, "Must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z.");
            return null;
        }
    }
}
