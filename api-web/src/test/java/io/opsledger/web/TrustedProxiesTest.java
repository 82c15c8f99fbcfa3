package io.opsledger.web;

import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind reverse proxies (OPSLEDGER_TRUSTED_PROXIES), the client is the right-most address in
 * X-Forwarded-For (or Forwarded: for=) that is not a trusted proxy: rate limits count it and the
 * audit trail records it. Also: OPSLEDGER_SELF_REGISTRATION=false turns anonymous sign-up off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"opsledger.rate-limit.anonymous=3", "opsledger.rate-limit.user=0",
                "opsledger.trusted-proxies=127.0.0.1, ::1, 10.1.0.0/16", "opsledger.self-registration=false",
                "opsledger.ws-allowed-origins=https://console.example.com", "opsledger.drift.ws.heartbeat-interval=1s"})
class TrustedProxiesTest extends AppTest {

    private int status(String forwardedFor) {
        var spec = http().get().uri("/api/v1/check-admin-user-exists");
        if (forwardedFor != null) {
            spec = spec.header("X-Forwarded-For", forwardedFor);
        }
        return spec.exchange().returnResult(String.class).getStatus().value();
    }

    @Test
    void rateLimitsCountTheForwardedClientNotTheProxy() {
        for (int i = 0; i < 3; i++) {
            assertThat(status("203.0.113.10")).isEqualTo(200);
        }
        assertThat(status("203.0.113.10")).as("that client's fourth call").isEqualTo(429);
        assertThat(status("203.0.113.11")).as("another client behind the same proxy").isEqualTo(200);
        // what the client wrote itself stands left of what our proxies appended: it changes nothing
        assertThat(status("198.51.100.1, 203.0.113.10")).isEqualTo(429);
        assertThat(status("198.51.100.2, 203.0.113.10, 10.1.4.4")).as("through two trusted proxies").isEqualTo(429);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAuditTrailRecordsTheForwardedClient() {
        TestUser admin = superadmin();
        String[][] cases = {
                {"X-Forwarded-For", "192.0.2.99, 203.0.113.20", "203.0.113.20"},
                {"X-Forwarded-For", "203.0.113.21, 10.1.0.7", "203.0.113.21"},
                {"Forwarded", "for=192.0.2.98, for=\"[2001:db8::21]:4711\";proto=https", "2001:db8:0:0:0:0:0:21"},
        };
        for (String[] c : cases) {
            String request = "proxied-" + UUID.randomUUID();
            http().post().uri("/api/v1/d-login/").header(c[0], c[1]).header("X-Request-ID", request)
                    .bodyValue(Map.of("username", admin.username(), "password", admin.password())).exchange().expectStatus().isOk();
            Map<String, Object> page = (Map<String, Object>) http().get().uri("/api/v1/audit/events?event_type=SessionOpened&page_size=100")
                    .header("Authorization", "Token " + admin.token()).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("data");
            Map<String, Object> event = ((List<Map<String, Object>>) page.get("results")).stream()
                    .filter(e -> request.equals(((Map<String, Object>) e.get("metadata")).get("requestId"))).findFirst().orElseThrow();
            assertThat(((Map<String, Object>) event.get("metadata")).get("remoteAddress")).as(c[1]).isEqualTo(c[2]);
        }
    }

    @Test
    void selfRegistrationCanBeTurnedOffOnEveryContract() {
        String name = "closed" + UUID.randomUUID().toString().substring(0, 8);
        http().post().uri("/api/v1/auth/register").header("X-Forwarded-For", "203.0.113.30")
                .bodyValue(Map.of("username", name, "email", name + "@example.com", "password", "long-enough-password"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.code").isEqualTo("INSUFFICIENT_PERMISSIONS");
        http().post().uri("/api/v1/auth/").header("X-Forwarded-For", "203.0.113.31").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=" + name + "&password=long-enough-password").exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo("Self-registration is disabled; ask an administrator for an account.");
        assertThat(accounts.byUsername(name)).isNull();
        // admins still create users
        http().post().uri("/api/admin/users/").header("Authorization", "Token " + superadmin().token())
                .bodyValue(Map.of("username", name, "password", "long-enough-password", "role", "readonly"))
                .exchange().expectStatus().isCreated();
    }
}
