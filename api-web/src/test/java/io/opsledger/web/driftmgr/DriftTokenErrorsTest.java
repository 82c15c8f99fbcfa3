package io.opsledger.web.driftmgr;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.opsledger.identity.api.Role;
import io.opsledger.platform.DataFolder;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.LiveSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.WebSocketHandshakeException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DriftMgr answers only with the error codes of its table: a bad or garbage token is
 * AUTHENTICATION_REQUIRED, a genuine but expired one TOKEN_EXPIRED; there is no INVALID_TOKEN.
 */
class DriftTokenErrorsTest extends AppTest {

    @Autowired
    DataFolder data;

    /** A token this server signed, of the given type, that expired a minute ago. */
    private String expired(TestUser u, String type) throws Exception {
        byte[] key = data.key("jwt.key", "OPSLEDGER_JWT_SECRET", "", 64);
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().subject(u.user().userId()).claim("user_id", u.user().userId())
                        .claim("sid", UUID.randomUUID().toString()).claim("token_type", type).jwtID(UUID.randomUUID().toString())
                        .issueTime(Date.from(now.minusSeconds(960))).expirationTime(Date.from(now.minusSeconds(60)))
                        .issuer("opsledger").build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private void code(String authorization, String expected) {
        http().get().uri("/api/v1/auth/profile").header("Authorization", authorization).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false).jsonPath("$.error.code").isEqualTo(expected);
    }

    @Test
    void garbageAndForeignTokensAreAuthenticationRequired() {
        code("Bearer garbage", "AUTHENTICATION_REQUIRED");
        code("Bearer eyJhbGciOiJIUzI1NiJ9.e30.bad", "AUTHENTICATION_REQUIRED");
        code("Token 0123456789abcdef0123456789abcdef01234567", "AUTHENTICATION_REQUIRED");
        http().get().uri("/api/v1/auth/profile").header("X-API-Key", "olk_nothing").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code").isEqualTo("AUTHENTICATION_REQUIRED");
        http().post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refresh_token", "garbage")).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code").isEqualTo("AUTHENTICATION_REQUIRED");
    }

    @Test
    void anExpiredTokenIsTokenExpired() throws Exception {
        TestUser u = user(Role.READONLY);
        code("Bearer " + expired(u, "access"), "TOKEN_EXPIRED");
        http().post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refresh_token", expired(u, "refresh"))).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code").isEqualTo("TOKEN_EXPIRED");
        assertThatThrownBy(() -> LiveSocket.connect("http://127.0.0.1:" + port, "/ws?token=" + expired(u, "access"), Map.of()))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void aLoggedOutRefreshTokenIsAuthenticationRequired() {
        TestUser u = user(Role.READONLY);
        @SuppressWarnings("unchecked")
        Map<String, Object> tokens = (Map<String, Object>) http().post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("username", u.username(), "password", u.password())).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("data");
        http().post().uri("/api/v1/logout/").header("Authorization", "Bearer " + tokens.get("access_token"))
                .exchange().expectStatus().isCreated();
        http().post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refresh_token", tokens.get("refresh_token"))).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code").isEqualTo("AUTHENTICATION_REQUIRED");
    }

}
