package io.opsledger.testing;

import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import io.opsledger.identity.api.SessionKind;
import io.opsledger.web.RequestContext;
import io.opsledger.identity.Users;
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
 * application context). Subclasses share one context. Rate limits are off unless a test asks;
 * DriftMgr's WebSocket heartbeat comes every second, and a cluster's provisioning asks
 * its platform every second whether the cluster is ready.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"opsledger.rate-limit.anonymous=0", "opsledger.rate-limit.user=0",
                "opsledger.drift.ws.heartbeat-interval=1s", "opsledger.dbaas.readiness-check-interval=1s"})
public abstract class AppTest {

    /** Each application context gets its own data folder (its H2 and MongoDB files are locked while it runs). */
    @DynamicPropertySource
    static void runtime(DynamicPropertyRegistry registry) {
        try {
            Path data = Files.createTempDirectory("opsledger-test");
            registry.add("opsledger.data", data::toString);
            // Barman runs as its own user: its sites must be reachable by it
            Path barman = Files.createTempDirectory("opsledger-test-barman");
            Files.setPosixFilePermissions(barman, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            registry.add("opsledger.backup.root", barman::toString);
            registry.add("opsledger.backup.postgres-bin", () -> "/usr/lib/postgresql/15/bin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected Users accounts;

    protected WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** A user made straight through the identity store, with a DRF-style token for "Authorization: Token". */
    public record TestUser(UserView user, String password, String token) {
        public String username() { return user.username(); }
    }

    protected TestUser user(Role role) {
        String name = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        RequestContext ctx = RequestContext.system("test");
        UserView created = role == Role.SUPERADMIN && !accounts.superadminExists()
                ? accounts.createFirstAdmin(ctx, new Users.NewUser(name, name + "@example.com", "", "", password, role, true))
                : accounts.register(ctx, new Users.NewUser(name, name + "@example.com", "", "", password,
                role == Role.SUPERADMIN ? Role.ADMIN : role, true));
        String token = accounts.openSession(ctx, created, SessionKind.TOKEN, null);
        return new TestUser(accounts.byId(created.userId()), password, token);
    }

    /**
     * The superadmin of this application context, shared by every test class that runs in it. One
     * made by a test through the API gets a password we know.
     */
    protected TestUser superadmin() {
        return SUPERADMINS.computeIfAbsent(accounts, a -> {
            UserView existing = a.all().stream().filter(u -> u.role() == Role.SUPERADMIN).findFirst().orElse(null);
            if (existing == null) {
                return user(Role.SUPERADMIN);
            }
            RequestContext ctx = RequestContext.system("test");
            String password = "pw-" + UUID.randomUUID();
            a.changePassword(ctx, null, existing.userId(), password);
            return new TestUser(a.byId(existing.userId()), password, a.openSession(ctx, existing, SessionKind.TOKEN, null));
        });
    }

    /** Follows redirects from {@code path} to the page that answers 200; returns its path. */
    protected String followRedirects(String path) {
        String current = path;
        for (int hops = 0; hops < 5; hops++) {
            org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> result =
                    http().get().uri(current).exchange().expectBody().returnResult();
            if (!result.getStatus().is3xxRedirection()) {
                org.assertj.core.api.Assertions.assertThat(result.getStatus().value()).as(current).isEqualTo(200);
                return current;
            }
            java.net.URI location = result.getResponseHeaders().getLocation();
            org.assertj.core.api.Assertions.assertThat(location).as("redirect from " + current).isNotNull();
            current = java.net.URI.create("http://127.0.0.1:" + port + current).resolve(location).getRawPath();
        }
        throw new AssertionError("too many redirects from " + path);
    }

    private static final java.util.Map<Users, TestUser> SUPERADMINS = new java.util.concurrent.ConcurrentHashMap<>();
}
