package io.opsledger.web;

import io.opsledger.common.RuleViolation;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders an {@link ApiException} the way each contract's clients expect to read it. */
public final class ErrorBodies {
    private ErrorBodies() {}

    public static Map<String, Object> render(Contract contract, ApiException error) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (contract.errorShape()) {
            case ENVELOPE -> {
                Map<String, Object> inner = new LinkedHashMap<>();
                inner.put("code", contract == Contract.DRIFTMGR ? driftMgrCode(error) : error.code());
                inner.put("message", error.getMessage());
                inner.put("details", error.details() != null ? error.details()
                        : error.fieldErrors().isEmpty() ? null : error.fieldErrors());
                body.put("success", false);
                body.put("data", null);
                body.put("error", inner);
            }
            case DRF -> {
                if (!error.fieldErrors().isEmpty()) {
                    body.putAll(error.fieldErrors());
                } else {
                    body.put("detail", error.getMessage());
                    body.putAll(error.extra());
                }
            }
            case STATUS_MESSAGE -> {
                if (fromPermissionLayer(error)) {
                    body.put("detail", error.getMessage());
                } else {
                    body.put("status", "error");
                    body.put("message", error.fieldErrors().isEmpty() ? error.getMessage()
                            : error.fieldErrors().entrySet().iterator().next().getValue().get(0));
                }
            }
            case BITBLAST -> {
                if (!error.fieldErrors().isEmpty()) {
                    body.putAll(error.fieldErrors());
                } else if (fromPermissionLayer(error) || drfNotFound(error)) {
                    body.put("detail", error.getMessage());
                    body.putAll(error.extra());
                } else {
                    body.put("error", error.getMessage());
                }
            }
        }
        return body;
    }

    /** DriftMgr's error code table (driftmgr-api.md), and STATE_LOCKED from NOTES.md. */
    private static final java.util.Set<String> DRIFTMGR_CODES = java.util.Set.of("VALIDATION_ERROR", "AUTHENTICATION_REQUIRED",
            "INVALID_CREDENTIALS", "TOKEN_EXPIRED", "INSUFFICIENT_PERMISSIONS", "RESOURCE_NOT_FOUND", "RESOURCE_ALREADY_EXISTS",
            "RATE_LIMIT_EXCEEDED", "INTERNAL_ERROR", "STATE_LOCKED");

    /**
     * DriftMgr's clients know only the codes of its table: a finer reason of ours stays in the
     * message, and the code is the table's word for the answer's status (any other refusal of the
     * request is a VALIDATION_ERROR, any failure on our side an INTERNAL_ERROR).
     */
    static String driftMgrCode(ApiException error) {
        if (DRIFTMGR_CODES.contains(error.code())) {
            return error.code();
        }
        return switch (error.status()) {
            case UNAUTHORIZED, FORBIDDEN, NOT_FOUND, TOO_MANY_REQUESTS -> ApiException.defaultCode(error.status());
            default -> error.status().is5xxServerError() ? "INTERNAL_ERROR" : "VALIDATION_ERROR";
        };
    }

    /** DRF's authentication and permission classes answer with "detail"; BitBlast's login view says "error". */
    private static boolean fromPermissionLayer(ApiException error) {
        return (error.status() == HttpStatus.UNAUTHORIZED || error.status() == HttpStatus.FORBIDDEN)
                && !ApiException.INVALID_CREDENTIALS.equals(error.code());
    }

    /** DRF's get_object_or_404 answers {"detail": "Not found."}; BitBlast's own views say "error". */
    private static boolean drfNotFound(ApiException error) {
        return error.status() == HttpStatus.NOT_FOUND && "Not found.".equals(error.getMessage());
    }

    /** A business rule's refusal as an HTTP answer. */
    public static ApiException from(RuleViolation violation) {
        return switch (violation.kind()) {
            case CONFLICT -> violation.field() == null ? ApiException.conflict(violation.getMessage())
                    : new ApiException(HttpStatus.CONFLICT, "RESOURCE_ALREADY_EXISTS", violation.getMessage(),
                    Map.of(violation.field(), List.of(violation.getMessage())), null);
            case NOT_FOUND -> ApiException.notFound(violation.getMessage());
            case FORBIDDEN -> ApiException.of(HttpStatus.FORBIDDEN, violation.getMessage());
            case INVALID -> violation.field() == null ? ApiException.badRequest(violation.getMessage())
                    : ApiException.field(violation.field(), violation.getMessage());
        };
    }
}
