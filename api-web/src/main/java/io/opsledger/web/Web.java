package io.opsledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsledger.platform.BlockingWork;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a controller runs a request: parameters read once (JSON, form or query string), then the
 * blocking work (commands, MongoDB reads) off the event loop.
 */
@Component
public class Web {

    public interface Handler {
        ResponseEntity<?> handle(RequestContext ctx, Fields fields);
    }

    private final ObjectMapper json;
    private final BlockingWork work;
    private final int maxBodyBytes;

    public Web(ObjectMapper json, BlockingWork work, @org.springframework.beans.factory.annotation.Value("${spring.codec.max-in-memory-size}")
            org.springframework.util.unit.DataSize maxBody) {
        this.json = json;
        this.work = work;
        this.maxBodyBytes = (int) maxBody.toBytes();
    }

    public Mono<ResponseEntity<?>> run(ServerWebExchange exchange, Handler handler) {
        RequestContext ctx = RequestContext.of(exchange);
        return fields(exchange)
                .flatMap(fields -> work.<ResponseEntity<?>>call(() -> handler.handle(ctx, fields)));
    }

    Mono<Fields> fields(ServerWebExchange exchange) {
        ObjectNode merged = json.createObjectNode();
        exchange.getRequest().getQueryParams().forEach((k, v) -> put(merged, k, v));
        HttpMethod method = exchange.getRequest().getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.DELETE && !hasBody(exchange)) {
            return Mono.just(new Fields(merged));
        }
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return exchange.getFormData().map(form -> {
                form.forEach((k, v) -> put(merged, k, v));
                return new Fields(merged);
            });
        }
        if (type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
            return exchange.getMultipartData().map(parts -> {
                parts.forEach((k, v) -> put(merged, k, v.stream().filter(FormFieldPart.class::isInstance)
                        .map(p -> ((FormFieldPart) p).value()).toList()));
                return new Fields(merged);
            });
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
