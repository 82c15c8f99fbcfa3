package io.opsledger.web;

import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer other than success, in contract-neutral form; {@link ErrorBodies} renders it in the
 * calling contract's own shape.
 */
public class ApiException extends RuntimeException {

    /** A login refusing the username and password it was given, as opposed to a bad request credential. */
    public static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";

    private final HttpStatus status;
    private final String code;
    private final Map<String, List<String>> fieldErrors;
    private final Object details;
    private final Map<String, Object> extra;

    public ApiException(HttpStatus status, String code, String message, Map<String, List<String>> fieldErrors, Object details) {
        this(status, code, message, fieldErrors, details, Map.of());
    }

    private ApiException(HttpStatus status, String code, String message, Map<String, List<String>> fieldErrors, Object details,
                         Map<String, Object> extra) {
        super(message);
        this.status = status;
        this.code = code == null ? defaultCode(status) : code;
        this.fieldErrors = fieldErrors == null ? Map.of() : fieldErrors;
        this.details = details;
        this.extra = extra;
    }

    public static ApiException of(HttpStatus status, String message) { return new ApiException(status, null, message, null, null); }
    public static ApiException badRequest(String message) { return of(HttpStatus.BAD_REQUEST, message); }
    public static ApiException notFound(String message) { return of(HttpStatus.NOT_FOUND, message); }
    public static ApiException conflict(String message) { return of(HttpStatus.CONFLICT, message); }
    public static ApiException forbidden() { return of(HttpStatus.FORBIDDEN, "You do not have permission to perform this action."); }
    public static ApiException unauthenticated() { return of(HttpStatus.UNAUTHORIZED, "Authentication credentials were not provided."); }
    public static ApiException invalidCredentials(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, INVALID_CREDENTIALS, message, null, null);
    }
    /**
     * A presented credential that proves nothing. DriftMgr's error table has no code for a bad
     * token: a genuine but expired one is TOKEN_EXPIRED, anything else AUTHENTICATION_REQUIRED.
     */
    public static ApiException invalidToken(boolean expired) {
        return new ApiException(HttpStatus.UNAUTHORIZED, expired ? TOKEN_EXPIRED : "AUTHENTICATION_REQUIRED",
                expired ? "Token has expired." : "Invalid token.", null, null);
    }

    public static final String TOKEN_EXPIRED = "TOKEN_EXPIRED";

    public static ApiException field(String field, String message) {
        return fields(Map.of(field, List.of(message)));
    }

    public static ApiException fields(Map<String, List<String>> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", firstMessage(errors), new LinkedHashMap<>(errors), null);
    }

    /** A further top-level key for DRF-shaped bodies (e.g. SimpleJWT's "code": "token_not_valid"). */
    public ApiException withExtra(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(key, value);
        return new ApiException(status, code, getMessage(), fieldErrors, details, java.util.Collections.unmodifiableMap(more));
    }

    public HttpStatus status() { return status; }
    public String code() { return code; }
    public Map<String, List<String>> fieldErrors() { return fieldErrors; }
    public Object details() { return details; }
    public Map<String, Object> extra() { return extra; }

    private static String firstMessage(Map<String, List<String>> errors) {
        return errors.entrySet().stream().findFirst().map(e -> e.getKey() + ": " + String.join(" ", e.getValue()))
                .orElse("Invalid request.");
    }

    static String defaultCode(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "VALIDATION_ERROR";
            case UNAUTHORIZED -> "AUTHENTICATION_REQUIRED";
            case FORBIDDEN -> "INSUFFICIENT_PERMISSIONS";
            case NOT_FOUND -> "RESOURCE_NOT_FOUND";
            case CONFLICT -> "RESOURCE_ALREADY_EXISTS";
            case TOO_MANY_REQUESTS -> "RATE_LIMIT_EXCEEDED";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case PAYLOAD_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            case REQUEST_TIMEOUT -> "REQUEST_TIMEOUT";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case UNPROCESSABLE_ENTITY -> "VALIDATION_ERROR";
            case SERVICE_UNAVAILABLE -> "SERVICE_UNAVAILABLE";
            default -> "INTERNAL_ERROR";
        };
    }
}
