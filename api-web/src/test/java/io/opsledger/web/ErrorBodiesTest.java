package io.opsledger.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** DriftMgr's clients read only the codes of its table (driftmgr-api.md) and NOTES.md's STATE_LOCKED. */
class ErrorBodiesTest {

    private static final Set<String> TABLE = Set.of("VALIDATION_ERROR", "AUTHENTICATION_REQUIRED", "INVALID_CREDENTIALS",
            "TOKEN_EXPIRED", "INSUFFICIENT_PERMISSIONS", "RESOURCE_NOT_FOUND", "RESOURCE_ALREADY_EXISTS", "RATE_LIMIT_EXCEEDED",
            "INTERNAL_ERROR", "STATE_LOCKED");

    @Test
    void everyDriftMgrAnswerCarriesACodeOfItsTable() {
        List<HttpStatus> refusals = Arrays.stream(HttpStatus.values()).filter(s -> s.isError()).toList();
        for (HttpStatus status : refusals) {
            for (String code : List.of("STATE_NOT_LOCKED", "BACKEND_UNAVAILABLE", "CLOUD_PROVIDER_ERROR", "INVALID_TOKEN")) {
                Object rendered = render(new ApiException(status, code, "why", null, null));
                assertThat(TABLE).as(status + " " + code).contains((String) rendered);
            }
            assertThat(TABLE).as(status.toString()).contains((String) render(ApiException.of(status, "why")));
        }
    }

    @Test
    void theTablesOwnCodesAndTheFinerReasonInTheMessageStay() {
        assertThat(render(new ApiException(HttpStatus.CONFLICT, "STATE_LOCKED", "State is locked", null, null))).isEqualTo("STATE_LOCKED");
        assertThat(render(ApiException.conflict("exists"))).isEqualTo("RESOURCE_ALREADY_EXISTS");
        assertThat(render(new ApiException(HttpStatus.CONFLICT, "STATE_NOT_LOCKED", "x", null, null))).isEqualTo("VALIDATION_ERROR");
        assertThat(render(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "BACKEND_UNAVAILABLE", "x", null, null))).isEqualTo("INTERNAL_ERROR");
        Map<String, Object> body = ErrorBodies.render(Contract.DRIFTMGR,
                new ApiException(HttpStatus.BAD_GATEWAY, "CLOUD_PROVIDER_ERROR", "AWS did not update the tags", null, null));
        assertThat(((Map<?, ?>) body.get("error")).get("message")).isEqualTo("AWS did not update the tags");
    }

    @Test
    void ourOwnEnvelopeKeepsItsCodes() {
        Map<String, Object> body = ErrorBodies.render(Contract.AUDIT, ApiException.of(HttpStatus.PAYLOAD_TOO_LARGE, "big"));
        assertThat(((Map<?, ?>) body.get("error")).get("code")).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    private static Object render(ApiException error) {
        return ((Map<?, ?>) ErrorBodies.render(Contract.DRIFTMGR, error).get("error")).get("code");
    }
}
