package io.opsledger.web;

import io.opsledger.common.RuleViolation;
import io.opsledger.gateway.ldap.DirectoryCallFailed;
import io.opsledger.identity.InvalidToken;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import java.util.Map;
import java.util.concurrent.CompletionException;

/** Every failure becomes the calling contract's own error shape; only a bug is a 500. */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(Throwable.class)
    public ResponseEntity<Map<String, Object>> handle(Throwable failure, ServerWebExchange exchange) {
        ApiException error = toApiException(failure, exchange);
        if (error.status().is5xxServerError()) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        }
        return respond(exchange, error);
    }

    static ResponseEntity<Map<String, Object>> respond(ServerWebExchange exchange, ApiException error) {
        Contract contract = Contract.of(exchange.getRequest().getPath().value());
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON);
        return builder.body(ErrorBodies.render(contract, error));
    }

    public static ApiException toApiException(Throwable failure, ServerWebExchange exchange) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof RuleViolation violation) {
            return ErrorBodies.from(violation);
        }
        if (cause instanceof InvalidToken invalid) {
            return ApiException.invalidToken(invalid.expired());
        }
        if (cause instanceof CommandExecutionException remote) {
            Object details = remote.getDetails().orElse(null);
            if (details instanceof RuleViolation.Details rule) {
                return ErrorBodies.from(rule.toException());
            }
            if (remote.getCause() instanceof RuleViolation violation) {
                return ErrorBodies.from(violation);
            }
        }
        if (cause instanceof DirectoryCallFailed directory) {
            // the saved directory settings stopped working, or its server is down: not the caller's doing
            return ApiException.of(directory.failure() == DirectoryCallFailed.Cause.UNREACHABLE
                    ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY, directory.getMessage());
        }
        if (cause instanceof AggregateNotFoundException) {
            return ApiException.notFound("Not found.");
        }
        if (cause instanceof MethodNotAllowedException notAllowed) {
            String method = notAllowed.getHttpMethod();
            Contract contract = Contract.of(exchange.getRequest().getPath().value());
            RequestContext caller = exchange.getAttribute(RequestContext.ATTRIBUTE);
            if (contract == Contract.MIGRATION && caller != null && caller.principal() == null
                    && !exchange.getRequest().getPath().value().matches("^/api/v1/(auth|token)(/.*)?$")) {
                // DRF authenticates before it looks for the method's handler: api_migration's resources say 401 first
                return caller.invalidCredential() ? ApiException.invalidToken(caller.credentialExpired())
                        : ApiException.unauthenticated();
            }
            return contract == Contract.BITBLAST || contract == Contract.BITBLAST_BARMAN
                    ? ApiException.of(HttpStatus.METHOD_NOT_ALLOWED, method + " method is not allowed.")
                    : ApiException.of(HttpStatus.METHOD_NOT_ALLOWED, "Method \"" + method + "\" not allowed.");
        }
        if (cause instanceof DataBufferLimitException || hasCause(cause, DataBufferLimitException.class)) {
            return ApiException.of(HttpStatus.PAYLOAD_TOO_LARGE, "Request body is too large.");
        }
        if (cause instanceof ServerWebInputException input) {
            String reason = input.getReason() == null ? "Invalid request." : input.getReason();
            return ApiException.badRequest(reason);
        }
        if (cause instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            HttpStatus known = HttpStatus.resolve(code.value());
            if (known == HttpStatus.NOT_FOUND) {
                return ApiException.notFound("Not found.");
            }
            if (known == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
                return ApiException.of(known, "Unsupported media type in request.");
            }
            if (known != null && known.is4xxClientError()) {
                return ApiException.of(known, status.getReason() == null ? known.getReasonPhrase() : status.getReason());
            }
        }
        return ApiException.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error.");
    }

    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
