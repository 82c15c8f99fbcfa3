package io.opsledger.web;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** DriftMgr's limits on every API, with small figures so the test reaches them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"opsledger.rate-limit.anonymous=5", "opsledger.rate-limit.user=8"})
class RateLimitTest extends AppTest {

    @Test
    void anonymousCallersGetTheirLimitThen429WithRetryAfterInTheirContractsShape() {
        for (int i = 5; i >= 1; i--) {
            String remaining = String.valueOf(i - 1);
            http().get().uri("/api/v1/check-admin-user-exists").exchange()
                    .expectHeader().valueEquals("X-RateLimit-Limit", "5")
                    .expectHeader().valueEquals("X-RateLimit-Remaining", remaining)
                    .expectHeader().exists("X-RateLimit-Reset");
        }
        http().get().uri("/api/v1/version").exchange().expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.error.code").isEqualTo("RATE_LIMIT_EXCEEDED");
        http().get().uri("/api/auth/config").exchange().expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("Rate limit exceeded"));
        // health checks are exempt
        http().get().uri("/health").exchange().expectStatus().isOk();
    }

    @Test
    void usersAreCountedPerUserNotPerAddress() {
        TestUser user = user(Role.READONLY);
        for (int i = 0; i < 8; i++) {
            http().get().uri("/api/v1/auth/profile").header("Authorization", "Token " + user.token())
                    .exchange().expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Limit", "8");
        }
        http().get().uri("/api/v1/auth/profile").header("Authorization", "Token " + user.token())
                .exchange().expectStatus().isEqualTo(429);
        TestUser other = user(Role.READONLY);
        http().get().uri("/api/v1/auth/profile").header("Authorization", "Token " + other.token())
                .exchange().expectStatus().isOk();
    }
}
