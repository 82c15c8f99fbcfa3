package io.opsledger.web.driftmgr;

import io.opsledger.drift.DriftStateException;
import io.opsledger.drift.ResourceTags;
import io.opsledger.web.ApiErrorHandler;
import io.opsledger.web.ApiException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

import java.util.Map;

/**
 * The drift processes' refusals in DriftMgr's words: 409 STATE_LOCKED (with Terraform's LockInfo),
 * 409 STATE_NOT_LOCKED, 503 BACKEND_UNAVAILABLE, and 502 CLOUD_PROVIDER_ERROR when AWS did not take a tag update.
 */
@RestControllerAdvice(basePackageClasses = DriftMgrErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DriftMgrErrors {

    private final ApiErrorHandler errors;

    public DriftMgrErrors(ApiErrorHandler errors) { this.errors = errors; }

    @ExceptionHandler(DriftStateException.class)
    public ResponseEntity<Map<String, Object>> handle(DriftStateException refusal, ServerWebExchange exchange) {
        return errors.handle(translate(refusal), exchange);
    }

    @ExceptionHandler(ResourceTags.WriteFailed.class)
    public ResponseEntity<Map<String, Object>> handle(ResourceTags.WriteFailed failed, ServerWebExchange exchange) {
        return errors.handle(new ApiException(HttpStatus.BAD_GATEWAY, "CLOUD_PROVIDER_ERROR", "AWS did not update the tags: "
                + failed.getMessage(), null, null), exchange);
    }

    static ApiException translate(DriftStateException refusal) {
        return switch (refusal.code()) {
            case STATE_LOCKED -> new ApiException(HttpStatus.CONFLICT, refusal.code().name(), refusal.getMessage(), null,
                    refusal.holder() == null ? null : TerraformLock.of(refusal.holder()));
            case STATE_NOT_LOCKED -> new ApiException(HttpStatus.CONFLICT, refusal.code().name(), refusal.getMessage(), null, null);
            case BACKEND_UNAVAILABLE -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, refusal.code().name(), refusal.getMessage(),
                    null, refusal.detail());
        };
    }
}
