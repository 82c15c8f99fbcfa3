package io.opsledger.web.driftmgr;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.identity.api.Role;
import io.opsledger.identity.api.SessionKind;
import io.opsledger.web.RequestContext;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.LiveSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A browser sends the session cookie with a WebSocket any site's page opens: /ws takes the cookie
 * only from the server's own origin and the configured ones (OPSLEDGER_WS_ALLOWED_ORIGINS).
 */
// the same settings as TrustedProxiesTest, so that both share one application context
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"opsledger.rate-limit.anonymous=3", "opsledger.rate-limit.user=0",
                "opsledger.trusted-proxies=127.0.0.1, ::1, 10.1.0.0/16", "opsledger.self-registration=false",
                "opsledger.ws-allowed-origins=https://console.example.com", "opsledger.drift.ws.heartbeat-interval=1s"})
class DriftLiveOriginTest extends AppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A browser session, as the inventory's login opens it (made directly: anonymous calls are rate-limited here). */
    private String sessionCookie(TestUser u) {
        return accounts.openSession(RequestContext.system("test"), u.user(), SessionKind.WEB_SESSION, Duration.ofHours(1));
    }

    private LiveSocket connect(Map<String, String> headers) {
        return LiveSocket.connect("http://127.0.0.1:" + port, "/ws", headers);
    }

    @Test
    void aCookieFromAnotherSitesPageIsRefused() {
        String cookie = sessionCookie(user(Role.READONLY));
        for (String origin : new String[]{"http://evil.example", "null", "http://127.0.0.1:" + (port + 1), "https://127.0.0.1:" + port}) {
            assertThatThrownBy(() -> connect(Map.of("Cookie", "sessionid=" + cookie, "Origin", origin)))
                    .as(origin).cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
        }
    }

    @Test
    void aCookieFromTheServersOwnOrAnAllowedOriginIsTaken() throws Exception {
        TestUser u = user(Role.READONLY);
        String cookie = sessionCookie(u);
        for (String origin : new String[]{"http://127.0.0.1:" + port, "https://console.example.com"}) {
            try (LiveSocket ws = connect(Map.of("Cookie", "sessionid=" + cookie, "Origin", origin))) {
                JsonNode hello = ws.next("connection_established", WAIT);
                assertThat(hello.path("data").path("user_id").asText()).as(origin).isEqualTo(u.user().userId());
            }
        }
        // no Origin: not a browser, so no other site's page behind it
        try (LiveSocket ws = connect(Map.of("Cookie", "sessionid=" + cookie))) {
            assertThat(ws.next("connection_established", WAIT).path("data").path("user_id").asText()).isEqualTo(u.user().userId());
        }
    }

    @Test
    void aTokenIsNoAmbientCredentialSoAnyOriginMaySendIt() throws Exception {
        TestUser u = user(Role.READONLY);
        try (LiveSocket ws = connect(Map.of("Authorization", "Token " + u.token(), "Origin", "http://evil.example"))) {
            assertThat(ws.next("connection_established", WAIT).path("data").path("user_id").asText()).isEqualTo(u.user().userId());
        }
    }
}
