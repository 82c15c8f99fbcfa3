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
 *   --discovery-instances [BENCH_DISCOVERY_INSTANCES] EC2 instances to discover, default 5000
 *   BENCH_ADMIN_USERNAME / BENCH_ADMIN_PASSWORD       an inventory admin
 *   BENCH_MOTO_ENDPOINT                               moto_server the server uses as AWS (run-bench with
 *                                                     BENCH_WITH_MOTO=1); without it no discovery is timed
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
            opts = BenchOptions.parse(args, List.of("assets", "queries", "health", "concurrency", "seed-concurrency", "discovery-instances"));
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
        if (token() == null) {
            return 1;
        }
        runner.phase("seed", "POST /api/assets/", assets, seedConc, i -> {
            BenchHttp.Response r = http.postJson("/api/assets/", asset(i), token());
            if (!r.is2xx()) {
                throw new BenchRunner.OpFailure("create asset " + r.failureReason());
            }
        });
        String list = "/api/assets/?search=web&criticality=HIGH&aws_service_type=EC2";
        runner.phase("read", "GET " + list, queries, conc, i -> {
            BenchHttp.Response r = http.get(list, token());
            if (!r.is2xx() || !r.json().has("count")) {
                throw new BenchRunner.OpFailure("list " + r.failureReason());
            }
        });
        // what the frontend opens first: page 1 of everything, in the default order (by name)
        String firstPage = "/api/assets/";
        runner.phase("read", "GET " + firstPage, queries, conc, i -> {
            BenchHttp.Response r = http.get(firstPage, token());
            if (!r.is2xx() || !r.json().has("count")) {
                throw new BenchRunner.OpFailure("first page " + r.failureReason());
            }
        });
        runner.phase("health", "GET /health", health, conc, i -> {
            BenchHttp.Response r = http.get("/health", null);
            if (!r.is2xx()) {
                throw new BenchRunner.OpFailure("health HTTP " + r.status());
            }
        });
        String moto = System.getenv("BENCH_MOTO_ENDPOINT");
        int instances = opts.integer("discovery-instances", 5000, 0);
        if (moto != null && !moto.isBlank() && instances > 0 && !discovery(moto, instances)) {
            return 1;
        }
        long errors = runner.errors();
        out.println(errors == 0 ? "# result: OK" : "# result: FAILED, errors=" + errors);
        return errors == 0 ? 0 : 1;
    }

    private String token;
    private long tokenAt;

    /** The bench admin's access token, taken again every 10 minutes (they last 15; seeding 100,000 takes longer). */
    private synchronized String token() {
        if (token == null || System.nanoTime() - tokenAt > java.util.concurrent.TimeUnit.MINUTES.toNanos(10)) {
            token = login();
            tokenAt = System.nanoTime();
        }
        return token;
    }

    private String login() { return BenchRunner.adminToken(http, opts, "inventory"); }

    /**
     * Launches {@code instances} EC2 instances in moto, registers an account for it, triggers a
     * discovery and waits for the job: prints resources per second by the job's own clock and by
     * the wall clock (trigger to COMPLETED as a client sees it).
     */
    private boolean discovery(String moto, int instances) {
        try {
            MotoEc2.runInstances(moto, instances, "bench");
            BenchHttp.Response account = http.postJson("/api/accounts/", Map.of("account_id", "123456789012",
                    "account_name", "bench", "aws_access_key_id", "test", "aws_secret_access_key", "test",
                    "discovery_regions", List.of("us-east-1")), token());
            if (!account.is2xx()) {
                System.err.println("inventory bench: account " + account.failureReason());
                return false;
            }
            long t0 = System.nanoTime();
            BenchHttp.Response job = http.postJson("/api/discovery/trigger/", Map.of(), token());
            if (!job.is2xx()) {
                System.err.println("inventory bench: trigger " + job.failureReason());
                return false;
            }
            String id = job.json().path("id").asText();
            while (true) {
                Thread.sleep(500);
                BenchHttp.Response now = http.get("/api/discovery/jobs/" + id + "/", token());
                String status = now.json().path("status").asText();
                if (status.equals("COMPLETED") || status.equals("FAILED")) {
                    double wall = (System.nanoTime() - t0) / 1e9;
                    long found = now.json().path("resources_discovered").asLong();
                    double jobSeconds = Math.max(now.json().path("duration_seconds").asDouble(), 1e-3);
                    out.printf(Locale.ROOT, "discovery  %d EC2 instances in moto  status=%s  resources=%d  job=%.1f s (%.1f resources/s)  wall=%.1f s (%.1f resources/s)%n",
                            instances, status, found, jobSeconds, found / jobSeconds, wall, found / wall);
                    return status.equals("COMPLETED") && found >= instances;
                }
            }
        } catch (Exception e) {
            System.err.println("inventory bench: discovery failed: " + e);
            return false;
        }
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
