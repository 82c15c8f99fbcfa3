package io.opsledger.testing;

import io.opsledger.identity.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import io.opsledger.identity.api.SessionKind;
import io.opsledger.web.RequestContext;
import io.opsledger.web.identity.Accounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * HTTP tests against the whole running application (embedded runtime, a fresh data folder per
 * test JVM). Subclasses share one application context. Rate limits are off unless a test asks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AppTest {

    protected static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("opsledger-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void runtime(DynamicPropertyRegistry registry) {
        registry.add("opsledger.data", DATA::toString);
        registry.add("opsledger.rate-limit.anonymous", () -> 0);
        registry.add("opsledger.rate-limit.user", () -> 0);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected Accounts accounts;

    protected WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** A user made straight through the identity store, with a DRF-style token for "Authorization: Token". */
    protected record TestUser(UserView user, String password, String token) {
        public String username() { return user.username(); }
    }

    protected TestUser user(Role role) {
        String name = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        RequestContext ctx = RequestContext.system("test");
        UserView created = role == Role.SUPERADMIN && !accounts.superadminExists()
                ? accounts.createFirstAdmin(ctx, new Accounts.NewUser(name, name + "@example.com", "", "", password, role, true))
                : accounts.register(ctx, new Accounts.NewUser(name, name + "@example.com", "", "", password,
                role == Role.SUPERADMIN ? Role.ADMIN : role, true));
        String token = accounts.openSession(ctx, created, SessionKind.TOKEN, null);
        return new TestUser(accounts.byId(created.userId()), password, token);
    }

    /** The superadmin of this test JVM (made on first use). */
    protected TestUser superadmin() {
        if (superadmin == null) {
            superadmin = user(Role.SUPERADMIN);
        }
        return superadmin;
    }

    private static TestUser superadmin;
}
