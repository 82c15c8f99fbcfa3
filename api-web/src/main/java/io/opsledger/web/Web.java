package io.opsledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsledger.platform.BlockingWork;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * How a controller runs a request: parameters read once (JSON, form or query string), then the
 * blocking work (commands, MongoDB reads) off the event loop.
 * <p>
 * A write's fields come from its body only, as in DRF; the query string is read for GET, HEAD and
 * DELETE, and for a write only where the contract shows body parameters in the query string
 * ({@link #runWithQueryParameters}). JSON bodies nest at most {@link #MAX_JSON_DEPTH} levels. A
 * multipart body is read only when the handler first asks for a field, so a caller refused before
 * that (401, 403) never has it read; its parts are capped like a body (413).
 */
@Component
public class Web {

    /** The deepest nesting of objects and arrays a JSON body may have (the body itself is level 1). */
    public static final int MAX_JSON_DEPTH = 32;

    /** How long a handler waits for the rest of a multipart body it asked for. */
    private static final Duration MULTIPART_READ_TIMEOUT = Duration.ofSeconds(60);

    public interface Handler {
        ResponseEntity<?> handle(RequestContext ctx, Fields fields);
    }

    private final ObjectMapper json;
    private final BlockingWork work;
    private final int maxBodyBytes;

    public Web(ObjectMapper json, BlockingWork work, @org.springframework.beans.factory.annotation.Value("${spring.codec.max-in-memory-size}")
            org.springframework.util.unit.DataSize maxBody) {
        // a copy: events and read models are not request bodies and keep Jackson's own limits
        this.json = json.copy();
        this.json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build());
        this.work = work;
        this.maxBodyBytes = (int) maxBody.toBytes();
    }

    public Mono<ResponseEntity<?>> run(ServerWebExchange exchange, Handler handler) {
        return run(exchange, false, handler);
    }

    /**
     * For endpoints whose contract passes a write's parameters in the query string (BitBlast's
     * Barman and mount endpoints, NOTES.md): query string first, then the body's fields over it.
     */
    public Mono<ResponseEntity<?>> runWithQueryParameters(ServerWebExchange exchange, Handler handler) {
        return run(exchange, true, handler);
    }

    private Mono<ResponseEntity<?>> run(ServerWebExchange exchange, boolean queryInBody, Handler handler) {
        RequestContext ctx = RequestContext.of(exchange);
        return fields(exchange, queryInBody)
                .flatMap(fields -> work.<ResponseEntity<?>>call(() -> handler.handle(ctx, fields)));
    }

    Mono<Fields> fields(ServerWebExchange exchange, boolean queryInBody) {
        ObjectNode merged = json.createObjectNode();
        HttpMethod method = exchange.getRequest().getMethod();
        boolean write = method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.DELETE;
        if (!write || queryInBody) {
            exchange.getRequest().getQueryParams().forEach((k, v) -> put(merged, k, v));
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.DELETE && !hasBody(exchange)) {
            return Mono.just(new Fields(merged));
        }
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return exchange.getFormData()
                    .onErrorMap(e -> !isTooLarge(e), e -> ApiException.badRequest("Form parse error - " + reason(e)))
                    .map(form -> {
                        form.forEach((k, v) -> put(merged, k, v));
                        return new Fields(merged);
                    });
        }
        if (type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
            return Mono.just(Fields.lazy(() -> {
                exchange.getMultipartData()
                        .onErrorMap(e -> !isTooLarge(e), e -> ApiException.badRequest("Multipart form parse error - " + reason(e)))
                        .timeout(MULTIPART_READ_TIMEOUT, Mono.error(() -> ApiException.of(HttpStatus.REQUEST_TIMEOUT,
                                "The request body did not arrive in time.")))
                        .blockOptional()
                        .ifPresent(parts -> parts.forEach((k, v) -> put(merged, k, v.stream()
                                .filter(FormFieldPart.class::isInstance).map(p -> ((FormFieldPart) p).value()).toList())));
                return merged;
            }));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBodyBytes)
                .map(buffer -> {
                    try {
                        return buffer.toString(StandardCharsets.UTF_8);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty("")
                .map(text -> {
                    if (text.isBlank()) {
                        return new Fields(merged);
                    }
                    JsonNode body;
                    try {
                        body = json.readTree(text);
                    } catch (StreamConstraintsException tooDeep) {
                        throw ApiException.badRequest("JSON parse error - nested deeper than " + MAX_JSON_DEPTH
                                + " levels (the limit for request bodies).");
                    } catch (JsonProcessingException e) {
                        throw ApiException.badRequest("JSON parse error - " + e.getOriginalMessage());
                    }
                    if (!(body instanceof ObjectNode object)) {
                        throw ApiException.badRequest("Invalid data. Expected a dictionary, but got " + kind(body) + ".");
                    }
                    merged.setAll(object);
                    return Contract.of(exchange.getRequest().getPath().value()) == Contract.DRIFTMGR
                            ? Fields.typed(merged) : new Fields(merged);
                });
    }

    private static boolean hasBody(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getContentLength() > 0;
    }

    private static boolean isTooLarge(Throwable failure) {
        return ApiErrorHandler.hasCause(failure, DataBufferLimitException.class);
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void put(ObjectNode target, String key, List<String> values) {
        if (values.size() == 1) {
            target.put(key, values.get(0));
        } else if (!values.isEmpty()) {
            values.forEach(target.putArray(key)::add);
        }
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "list" : node.isTextual() ? "str" : node.isNumber() ? "int" : node.isBoolean() ? "bool" : "null";
    }
}
