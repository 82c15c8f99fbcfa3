package io.opsledger.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * DriftMgr's rate limits on every API: per address for anonymous callers, per user otherwise
 * (requests a minute; 0 turns a limit off). Health checks are exempt. Buckets are per node.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class RateLimitFilter implements WebFilter {

    private static final Set<String> EXEMPT = Set.of("/health", "/api/v1/health");
    private static final int MAX_TRACKED = 100_000;

    private final int anonymousPerMinute;
    private final int userPerMinute;
    private final FilterErrors errors;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) { return size() > MAX_TRACKED; }
    });

    public RateLimitFilter(@Value("${opsledger.rate-limit.anonymous}") int anonymousPerMinute,
                           @Value("${opsledger.rate-limit.user}") int userPerMinute, FilterErrors errors) {
        this.anonymousPerMinute = anonymousPerMinute;
        this.userPerMinute = userPerMinute;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (EXEMPT.contains(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        RequestContext ctx = RequestContext.of(exchange);
        boolean known = ctx.principal() != null;
        int limit = known ? userPerMinute : anonymousPerMinute;
        if (limit <= 0) {
            return chain.filter(exchange);
        }
        String key = known ? "user:" + ctx.principal().userId() : "addr:" + ctx.remoteAddress();
        Bucket bucket = buckets.computeIfAbsent(key + ":" + limit, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillIntervally(limit, Duration.ofMinutes(1)).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        long resetSeconds = Math.max(1, (probe.getNanosToWaitForReset() + 999_999_999L) / 1_000_000_000L);
        headers.set("X-RateLimit-Limit", String.valueOf(limit));
        headers.set("X-RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        headers.set("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + resetSeconds));
        if (!probe.isConsumed()) {
            long retry = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retry));
            return errors.write(exchange, ApiException.of(HttpStatus.TOO_MANY_REQUESTS,
                    "Rate limit exceeded. Try again in " + retry + " seconds."));
        }
        return chain.filter(exchange);
    }
}
