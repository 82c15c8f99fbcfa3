package io.opsledger.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load benchmark for the DriftMgr identity contract (register, login, profile, health).
 *
 * <p>Phases: setup (register + log in one reader account per worker), warm-up (small mixed load),
 * then the measured phases "write: user registration", "read: profile" and "health". Each phase
 * prints one summary line. Any non-2xx answer, any {@code "success": false} envelope and any
 * transport failure counts as an error; the process exits with status 1 if there was any error.
 *
 * <p>Options ({@code --name=value} or {@code --name value}; environment variable in brackets):
 * <pre>
 *   --base-url            [BENCH_BASE_URL]            default http://127.0.0.1:8080
 *   --writes              [BENCH_WRITES]              registrations, default 500
 *   --reads               [BENCH_READS]               profile reads, default 2000
 *   --health              [BENCH_HEALTH]              health checks, default 2000
 *   --concurrency         [BENCH_CONCURRENCY]         worker threads, default 8
 *   --warmup              [BENCH_WARMUP]              warm-up operations, default 60
 *   --connect-timeout-ms  [BENCH_CONNECT_TIMEOUT_MS]  default 2000
 *   --request-timeout-ms  [BENCH_REQUEST_TIMEOUT_MS]  default 30000
 * </pre>
 * A bare first argument starting with {@code http} is taken as the base URL.
 */
public final class IdentityBench {

    /** 12+ characters with upper/lower case, digit and symbol, so common password policies accept it. */
    static final String PASSWORD = "BenchPassw0rd!2025";

    record Config(String baseUrl, int writes, int reads, int health, int concurrency, int warmup,
                  Duration connectTimeout, Duration requestTimeout) {
    }

    private final Config cfg;
    private final BenchHttp http;
    private final PrintStream out;
    private final String runId;
    private final BenchRunner runner;

    IdentityBench(Config cfg, PrintStream out) {
        this.cfg = cfg;
        this.out = out;
        this.runner = new BenchRunner(out);
        this.http = new BenchHttp(cfg.baseUrl(), cfg.connectTimeout(), cfg.requestTimeout());
        // letters and digits only, so any username policy accepts it; unique per run
        String millis = Long.toString(System.currentTimeMillis(), 36);
        this.runId = millis.substring(Math.max(0, millis.length() - 6))
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    }

    public static void main(String[] args) {
        Config cfg;
        try {
            cfg = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("identity bench: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (cfg == null) { // --help
            System.out.println(usage());
            return;
        }
        int rc;
        try {
            rc = new IdentityBench(cfg, System.out).run();
        } catch (IllegalArgumentException e) {
            System.err.println("identity bench: " + e.getMessage());
            rc = 2;
        }
        System.exit(rc);
    }

    int run() {
        out.printf(Locale.ROOT, "# identity bench  base=%s  writes=%d  reads=%d  health=%d  conc=%d  warmup=%d%n",
                http.baseUrl(), cfg.writes(), cfg.reads(), cfg.health(), cfg.concurrency(), cfg.warmup());

        if (!runner.preflight(http, "identity")) {
            return 1;
        }

        int conc = cfg.concurrency();

        // Setup: one reader account per worker, logged in, for the profile phase.
        ConcurrentLinkedQueue<String> tokenQueue = new ConcurrentLinkedQueue<>();
        runner.phase("setup", "register+login", conc, conc, i -> {
            String username = username("r", i);
            register(username);
            tokenQueue.add(login(username));
        });
        List<String> tokens = new ArrayList<>(tokenQueue);

        // Warm-up: a small mix of all three measured operations.
        int warm = cfg.warmup();
        runner.phase("warmup", "mixed", warm, conc, i -> {
            switch (i % 3) {
                case 0 -> register(username("u", i));
                case 1 -> profile(tokens, i);
                default -> health();
            }
        });

        runner.phase("write", "user registration", cfg.writes(), conc, i -> register(username("w", i)));
        runner.phase("read", "profile", cfg.reads(), conc, i -> profile(tokens, i));
        runner.phase("health", "GET /health", cfg.health(), conc, i -> health());

        long errors = runner.errors();
        boolean limited = runner.recorders().stream()
                .flatMap(r -> r.errorBreakdown().keySet().stream())
                .anyMatch(reason -> reason.contains("HTTP 429"));
        if (limited) {
            out.println("# hint: HTTP 429 seen - rate limiting is active; start the server with"
                    + " OPSLEDGER_RATE_LIMIT_ANONYMOUS=0 OPSLEDGER_RATE_LIMIT_USER=0");
        }
        out.println(errors == 0 ? "# result: OK" : "# result: FAILED, errors=" + errors);
        out.flush();
        return errors == 0 ? 0 : 1;
    }

    // ---------------------------------------------------------------- operations

    private String username(String kind, int i) {
        return "bn" + runId + kind + i;
    }

    private void register(String username) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("email", username + "@bench.example.com");
        body.put("password", PASSWORD);
        body.put("first_name", "Bench");
        body.put("last_name", "User");
        BenchHttp.Response r = http.postJson("/api/v1/auth/register", body, null);
        if (!r.isSuccess()) {
            throw new BenchRunner.OpFailure("register " + r.failureReason());
        }
    }

    private String login(String username) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", PASSWORD);
        BenchHttp.Response r = http.postJson("/api/v1/auth/login", body, null);
        if (!r.isSuccess()) {
            throw new BenchRunner.OpFailure("login " + r.failureReason());
        }
        JsonNode token = r.data().path("access_token");
        if (!token.isTextual() || token.asText().isEmpty()) {
            throw new BenchRunner.OpFailure("login without access_token");
        }
        return token.asText();
    }

    private void profile(List<String> tokens, int i) throws Exception {
        if (tokens.isEmpty()) {
            throw new BenchRunner.OpFailure("profile skipped: no access token (setup login failed)");
        }
        BenchHttp.Response r = http.get("/api/v1/auth/profile", tokens.get(i % tokens.size()));
        if (!r.isSuccess()) {
            throw new BenchRunner.OpFailure("profile " + r.failureReason());
        }
    }

    private void health() throws Exception {
        BenchHttp.Response r = http.get("/health", null);
        if (!r.is2xx()) {
            throw new BenchRunner.OpFailure("health HTTP " + r.status());
        }
    }

    // ---------------------------------------------------------------- phase runner

    // ---------------------------------------------------------------- configuration

    static Config parse(String[] args) {
        BenchOptions opts = BenchOptions.parse(args, List.of("writes", "reads", "health", "concurrency", "warmup",
                "connect-timeout-ms", "request-timeout-ms"));
        if (opts == null) {
            return null;
        }
        return new Config(opts.text("base-url", "http://127.0.0.1:8080"), opts.integer("writes", 500, 0),
                opts.integer("reads", 2000, 0), opts.integer("health", 2000, 0), opts.integer("concurrency", 8, 1),
                opts.integer("warmup", 60, 0), Duration.ofMillis(opts.integer("connect-timeout-ms", 2000, 1)),
                Duration.ofMillis(opts.integer("request-timeout-ms", 30000, 1)));
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "usage: IdentityBench [BASE_URL] [--base-url URL] [--writes N] [--reads N] [--health N]",
                "                     [--concurrency N] [--warmup N] [--connect-timeout-ms MS] [--request-timeout-ms MS]",
                "  env: BENCH_BASE_URL, BENCH_WRITES, BENCH_READS, BENCH_HEALTH, BENCH_CONCURRENCY, BENCH_WARMUP,",
                "       BENCH_CONNECT_TIMEOUT_MS, BENCH_REQUEST_TIMEOUT_MS (options win over env)",
                "  defaults: http://127.0.0.1:8080, 500 writes, 2000 reads, 2000 health, concurrency 8, warmup 60");
    }
}
