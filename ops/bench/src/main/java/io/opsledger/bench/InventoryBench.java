package io.opsledger.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The asset inventory's list under load: seeds assets through POST /api/assets/ (as the bench
 * superadmin that ops/bench/run-bench creates), then times GET /api/assets/ with a search and two
 * filters, beside GET /health. Prints one line per phase; exits 1 on any error.
 *
 * <pre>
 *   --assets              [BENCH_ASSETS]              assets to seed, default 100000
 *   --queries             [BENCH_QUERIES]             list queries, default 500
 *   --health              [BENCH_HEALTH]              health checks, default 500
 *   --concurrency         [BENCH_CONCURRENCY]         measuring threads, default 8
 *   --seed-concurrency    [BENCH_SEED_CONCURRENCY]    seeding threads, default 16
 *   BENCH_ADMIN_USERNAME / BENCH_ADMIN_PASSWORD       an inventory admin
 * </pre>
 */
public final class InventoryBench {

    private static final List<String> CRITICALITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");
    private static final List<String> SERVICES = List.of("EC2", "RDS", "S3", "LAMBDA", "EKS", "SQS");
    private static final List<String> KINDS = List.of("web", "db", "cache", "queue", "batch", "api");
    private static final List<String> REGIONS = List.of("eu-central-1", "us-east-1", "eu-west-1");

    private final BenchHttp http;
    private final BenchRunner runner;
    private final PrintStream out;
    private final BenchOptions opts;

    InventoryBench(BenchOptions opts, PrintStream out) {
        this.opts = opts;
        this.out = out;
        this.runner = new BenchRunner(out);
        this.http = new BenchHttp(opts.text("base-url", "http://127.0.0.1:8080"), Duration.ofSeconds(2), Duration.ofSeconds(120));
    }

    public static void main(String[] args) {
        BenchOptions opts;
        try {
            opts = BenchOptions.parse(args, List.of("assets", "queries", "health", "concurrency", "seed-concurrency"));
        } catch (IllegalArgumentException e) {
            System.err.println("inventory bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (opts == null) {
            System.out.println("usage: InventoryBench [BASE_URL] [--assets N] [--queries N] [--health N] [--concurrency N] [--seed-concurrency N]");
            return;
        }
        System.exit(new InventoryBench(opts, System.out).run());
    }

    int run() {
        int assets = opts.integer("assets", 100_000, 0);
        int queries = opts.integer("queries", 500, 0);
        int health = opts.integer("health", 500, 0);
        int conc = opts.integer("concurrency", 8, 1);
        int seedConc = opts.integer("seed-concurrency", 16, 1);
        out.printf(Locale.ROOT, "# inventory bench  base=%s  assets=%d  queries=%d  health=%d  conc=%d%n",
                http.baseUrl(), assets, queries, health, conc);
        if (!runner.preflight(http, "inventory")) {
            return 1;
        }
        String token;
        try {
            BenchHttp.Response login = http.postJson("/api/v1/auth/login", Map.of(
                    "username", opts.text("admin-username", "bench-admin"),
                    "password", opts.text("admin-password", "bench-admin-password")), null);
            if (!login.isSuccess()) {
                System.err.println("inventory bench: admin login failed: " + login.failureReason());
                return 1;
            }
            token = login.data().path("access_token").asText();
        } catch (Exception e) {
            System.err.println("inventory bench: admin login failed: " + e);
            return 1;
        }

        runner.phase("seed", "POST /api/assets/", assets, seedConc, i -> {
            BenchHttp.Response r = http.postJson("/api/assets/", asset(i), token);
            if (!r.is2xx()) {
                throw new BenchRunner.OpFailure("create asset " + r.failureReason());
            }
        });
        String list = "/api/assets/?search=web&criticality=HIGH&aws_service_type=EC2";
        runner.phase("read", "GET " + list, queries, conc, i -> {
            BenchHttp.Response r = http.get(list, token);
            if (!r.is2xx() || !r.json().has("count")) {
                throw new BenchRunner.OpFailure("list " + r.failureReason());
            }
        });
        runner.phase("health", "GET /health", health, conc, i -> {
            BenchHttp.Response r = http.get("/health", null);
            if (!r.is2xx()) {
                throw new BenchRunner.OpFailure("health HTTP " + r.status());
            }
        });
        long errors = runner.errors();
        out.println(errors == 0 ? "# result: OK" : "# result: FAILED, errors=" + errors);
        return errors == 0 ? 0 : 1;
    }

    /** A varied asset: one in 144 is a HIGH-criticality EC2 "web" asset, which the measured query finds. */
    private static Map<String, Object> asset(int i) {
        String kind = KINDS.get(i % KINDS.size());
        return Map.of("name", kind + "-" + i, "asset_type", "AWS_SERVICE",
                "aws_service_type", SERVICES.get((i / (KINDS.size() * CRITICALITIES.size())) % SERVICES.size()),
                "criticality", CRITICALITIES.get((i / KINDS.size()) % CRITICALITIES.size()),
                "aws_region", REGIONS.get(i % REGIONS.size()), "department", "dept-" + (i % 10),
                "aws_resource_id", "i-" + Integer.toHexString(0x100000 + i));
    }
}
