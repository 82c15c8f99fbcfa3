package io.opsledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * DriftMgr benchmark, in one run (each phase prints one line, or says why it was skipped):
 * <ol>
 *   <li>lock + unlock latency: {@code --clients} (50) clients, each on its own state, {@code --cycles} (20) rounds each</li>
 *   <li>lock contention: {@code --contenders} (100) clients lock one state at the same moment; exactly one must win</li>
 *   <li>drift detection throughput on one state of {@code --drift-resources} (5000) resources, timed by its
 *       drift_detection messages on the WebSocket</li>
 *   <li>WebSocket delivery: {@code --subscribers} (500) connections, {@code --updates} (20) lock/unlock pairs;
 *       p50/p99 from each message's event timestamp to its arrival at each subscriber</li>
 * </ol>
 * The states are generated .tfstate files in a fresh directory registered as a local backend
 * (POST /api/v1/backends, NOTES.md), so the server must see this machine's file system.
 *
 * <pre>
 *   BENCH_ADMIN_USERNAME / BENCH_ADMIN_PASSWORD   a DriftMgr admin (run-bench provides one)
 * </pre>
 */
public final class DriftBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BenchOptions opts;
    private final PrintStream out;
    private final BenchRunner runner;
    private final BenchHttp http;
    private final List<String> skipped = new ArrayList<>();

    DriftBench(BenchOptions opts, PrintStream out) {
        this.opts = opts;
        this.out = out;
        this.runner = new BenchRunner(out);
        this.http = new BenchHttp(opts.text("base-url", "http://127.0.0.1:8080"), Duration.ofSeconds(2), Duration.ofSeconds(120));
    }

    public static void main(String[] args) {
        BenchOptions opts;
        try {
            opts = BenchOptions.parse(args, List.of("clients", "cycles", "contenders", "drift-resources", "drift-timeout",
                    "subscribers", "updates", "admin-username", "admin-password"));
        } catch (IllegalArgumentException e) {
            System.err.println("drift bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (opts == null) {
            System.out.println("usage: DriftBench [BASE_URL] [--clients N] [--cycles N] [--contenders N] [--drift-resources N]"
                    + " [--drift-timeout SECONDS] [--subscribers N] [--updates N]");
            return;
        }
        System.exit(new DriftBench(opts, System.out).run());
    }

    int run() {
        int clients = opts.integer("clients", 50, 1);
        int cycles = opts.integer("cycles", 20, 1);
        int contenders = opts.integer("contenders", 100, 2);
        int driftResources = opts.integer("drift-resources", 5000, 1);
        int subscribers = opts.integer("subscribers", 500, 1);
        int updates = opts.integer("updates", 20, 1);
        out.printf(Locale.ROOT, "# drift bench  base=%s  clients=%d  cycles=%d  contenders=%d  drift-resources=%d  subscribers=%d  updates=%d%n",
                http.baseUrl(), clients, cycles, contenders, driftResources, subscribers, updates);
        if (!runner.preflight(http, "drift")) {
            return 1;
        }
        String token = login();
        if (token == null) {
            return 1;
        }
        Map<String, String> states;
        try {
            states = setUp(token, clients, driftResources);
        } catch (Exception e) {
            System.err.println("drift bench: setting up the states failed: " + e);
            return 1;
        }
        if (states == null) {
            printResult();
            return skipped.isEmpty() ? 1 : 0;
        }
        lockUnlock(token, states, clients, cycles);
        contention(token, states.get("contended.tfstate"), contenders);
        // delivery before detection: a 5,000-resource detection keeps the projections busy for a while after it ends
        delivery(login(), states.get("live.tfstate"), subscribers, updates);
        drift(login(), states.get("drift.tfstate"), driftResources);
        return printResult();
    }

    private int printResult() {
        for (String s : skipped) {
            out.println("# skipped: " + s);
        }
        long errors = runner.errors();
        out.println(errors == 0 ? (skipped.isEmpty() ? "# result: OK" : "# result: OK (with skipped phases)")
                : "# result: FAILED, errors=" + errors);
        return errors == 0 ? 0 : 1;
    }

    // ---- setup: a local backend of generated states

    /** Path -> state id for every generated state, or null when the backend endpoints are missing (phases skipped). */
    private Map<String, String> setUp(String token, int clients, int driftResources) throws Exception {
        Path dir = Files.createTempDirectory("driftmgr-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            paths.add(String.format(Locale.ROOT, "lock-%03d.tfstate", i));
        }
        paths.add("contended.tfstate");
        paths.add("live.tfstate");
        for (String p : paths) {
            Files.writeString(dir.resolve(p), JSON.writeValueAsString(tfstate(3, p)));
        }
        // with moto as the cloud, the drift state names instances that exist there, one in ten resized
        String moto = System.getenv("BENCH_MOTO_ENDPOINT");
        Map<String, Object> driftState = moto == null || moto.isBlank() ? tfstate(driftResources, "drift")
                : tfstate(MotoEc2.runInstances(moto, driftResources, "drift"), "drift", 10);
        Files.writeString(dir.resolve("drift.tfstate"), JSON.writeValueAsString(driftState));
        paths.add("drift.tfstate");

        BenchHttp.Response backend = http.postJson("/api/v1/backends", Map.of("name", "bench-" + UUID.randomUUID(),
                "type", "local", "config", Map.of("path", dir.toString())), token);
        if (backend.status() == 404 || backend.status() == 405) {
            skipped.add("all phases: POST /api/v1/backends answered HTTP " + backend.status()
                    + " (the DriftMgr backend and state endpoints are not served by this build)");
            return null;
        }
        if (!backend.isSuccess()) {
            throw new IllegalStateException("POST /api/v1/backends: " + backend.failureReason() + " " + backend.body());
        }
        String backendId = backend.data().path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Map<String, String> found = listStates(token, backendId);
            Map<String, String> byName = new LinkedHashMap<>();
            found.forEach((path, id) -> byName.put(Path.of(path).getFileName().toString(), id));
            if (byName.keySet().containsAll(paths)) {
                out.printf(Locale.ROOT, "# setup: local backend %s with %d states in %s%n", backendId, byName.size(), dir);
                return byName;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the backend lists " + byName.size() + " of " + paths.size() + " states after 120 s");
            }
            Thread.sleep(500);
        }
    }

    private Map<String, String> listStates(String token, String backendId) throws IOException, InterruptedException {
        Map<String, String> found = new LinkedHashMap<>();
        for (int offset = 0; ; offset += 100) {
            BenchHttp.Response r = http.get("/api/v1/state/list?backend_id=" + backendId + "&limit=100&offset=" + offset, token);
            if (!r.isSuccess()) {
                throw new IllegalStateException("GET /api/v1/state/list: " + r.failureReason());
            }
            JsonNode files = r.data().path("state_files");
            files.forEach(f -> found.put(f.path("path").asText(), f.path("id").asText()));
            if (files.size() < 100 || found.size() >= r.data().path("total").asInt()) {
                return found;
            }
        }
    }

    /** A Terraform state (format 4) of {@code n} EC2 instances that exist nowhere. */
    static Map<String, Object> tfstate(int n, String name) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format(Locale.ROOT, "i-%017x", (long) name.hashCode() * 1_000_003L + i & 0xffffffffffffL));
        }
        return tfstate(ids, name, 0);
    }

    /**
     * A Terraform state (format 4) of these EC2 instances; every {@code resizedEvery}-th one (0: none)
     * records another instance type than it has, which detection reports as a medium drift.
     */
    static Map<String, Object> tfstate(List<String> instanceIds, String name, int resizedEvery) {
        List<Object> resources = new ArrayList<>();
        for (int i = 0; i < instanceIds.size(); i++) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("id", instanceIds.get(i));
            attributes.put("ami", "ami-12c6146b");
            attributes.put("instance_type", resizedEvery > 0 && i % resizedEvery == 0 ? "t3.large" : MotoEc2.INSTANCE_TYPE);
            resources.add(Map.of("mode", "managed", "type", "aws_instance", "name", "web_" + i,
                    "provider", "provider[\"registry.terraform.io/hashicorp/aws\"]",
                    "instances", List.of(Map.of("schema_version", 1, "attributes", attributes))));
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("version", 4);
        state.put("terraform_version", "1.6.0");
        state.put("serial", 1);
        state.put("lineage", UUID.nameUUIDFromBytes(name.getBytes()).toString());
        state.put("outputs", Map.of());
        state.put("resources", resources);
        return state;
    }

    // ---- lock + unlock, contention

    private void lockUnlock(String token, Map<String, String> states, int clients, int cycles) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ids.add(states.get(String.format(Locale.ROOT, "lock-%03d.tfstate", i)));
        }
        LatencyRecorder locks = new LatencyRecorder(clients * cycles);
        LatencyRecorder unlocks = new LatencyRecorder(clients * cycles);
        locks.start();
        unlocks.start();
        // one operation = lock then unlock of the worker's own state; each half is timed too
        AtomicInteger assigned = new AtomicInteger();
        ThreadLocal<String> own = ThreadLocal.withInitial(() -> ids.get(assigned.getAndIncrement() % clients));
        runner.phase("lock", "lock+unlock (own state)", clients * cycles, clients, i -> {
            String state = own.get();
            long t0 = System.nanoTime();
            BenchHttp.Response lock = http.postJson("/api/v1/state/lock", Map.of("state_id", state, "reason", "bench"), token);
            long t1 = System.nanoTime();
            if (!lock.isSuccess()) {
                throw new BenchRunner.OpFailure("lock " + lock.failureReason());
            }
            locks.record(t1 - t0);
            BenchHttp.Response unlock = http.postJson("/api/v1/state/unlock",
                    Map.of("state_id", state, "lock_id", lockId(lock), "force", false), token);
            if (!unlock.isSuccess()) {
                throw new BenchRunner.OpFailure("unlock " + unlock.failureReason());
            }
            unlocks.record(System.nanoTime() - t1);
        });
        locks.stop();
        unlocks.stop();
        locks.print(out, "lock", "POST /state/lock", clients);
        unlocks.print(out, "unlock", "POST /state/unlock", clients);
    }

    private static String lockId(BenchHttp.Response lock) {
        JsonNode data = lock.data();
        for (String key : new String[]{"ID", "id", "lock_id"}) {
            if (data.hasNonNull(key)) {
                return data.path(key).asText();
            }
        }
        return data.path("lock").path("ID").asText(data.path("lock").path("id").asText());
    }

    private void contention(String token, String state, int contenders) {
        CountDownLatch ready = new CountDownLatch(contenders);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger winners = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        Map<String, Integer> others = new ConcurrentHashMap<>();
        List<String> winnerLocks = new java.util.concurrent.CopyOnWriteArrayList<>();
        LatencyRecorder rec = new LatencyRecorder(contenders);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < contenders; t++) {
            Thread th = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    long t0 = System.nanoTime();
                    BenchHttp.Response r = http.postJson("/api/v1/state/lock", Map.of("state_id", state, "reason", "race"), token);
                    rec.record(System.nanoTime() - t0);
                    if (r.isSuccess()) {
                        winners.incrementAndGet();
                        winnerLocks.add(lockId(r));
                    } else if (r.status() == 409) {
                        conflicts.incrementAndGet();
                    } else {
                        others.merge(r.failureReason(), 1, Integer::sum);
                    }
                } catch (Exception e) {
                    others.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                }
            }, "bench-contender-" + t);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        try {
            ready.await();
            rec.start();
            go.countDown();
            for (Thread th : threads) {
                th.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rec.stop();
        runner.recorders().add(rec);
        out.printf(Locale.ROOT, "race   %-19s clients=%d  winners=%d  conflicts(409)=%d  other=%s  p50=%.2f ms  p99=%.2f ms%n",
                "lock one state", contenders, winners.get(), conflicts.get(), others, rec.percentileMillis(50), rec.percentileMillis(99));
        if (winners.get() != 1) {
            rec.error("winners=" + winners.get() + " (exactly one lock must win)");
        }
        others.forEach((reason, n) -> rec.error(reason, n));
        for (String lockId : winnerLocks) {
            try {
                http.postJson("/api/v1/state/unlock", Map.of("state_id", state, "lock_id", lockId, "force", false), token);
            } catch (Exception ignored) {
                // the state stays locked; nothing else uses it
            }
        }
    }

    // ---- drift detection throughput

    private void drift(String token, String state, int resources) {
        int timeout = opts.integer("drift-timeout", 900, 1);
        try (Subscriber ws = Subscriber.connect(http.baseUrl(), token, null)) {
            if (!ws.established.await(20, TimeUnit.SECONDS)) {
                skipped.add("drift detection: the WebSocket did not open");
                return;
            }
            long t0 = System.nanoTime();
            BenchHttp.Response r = http.postJson("/api/v1/drift/detect", Map.of("state_id", state), token);
            if (r.status() == 404 || r.status() == 405) {
                skipped.add("drift detection: POST /api/v1/drift/detect answered HTTP " + r.status() + " (not served by this build)");
                return;
            }
            if (!r.isSuccess()) {
                LatencyRecorder failed = new LatencyRecorder(1);
                failed.error("detect " + r.failureReason());
                runner.recorders().add(failed);
                out.println("drift  detect " + resources + " resources: " + r.failureReason() + " " + r.body());
                return;
            }
            String job = r.data().path("job_id").asText();
            JsonNode end = ws.await(m -> "drift_detection".equals(m.path("type").asText())
                    && job.equals(m.path("data").path("job_id").asText())
                    && List.of("completed", "failed").contains(m.path("data").path("status").asText()), Duration.ofSeconds(timeout));
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (end == null) {
                LatencyRecorder failed = new LatencyRecorder(1);
                failed.error("no end of job " + job + " within " + timeout + " s");
                runner.recorders().add(failed);
                out.printf(Locale.ROOT, "drift  detect %d resources: job %s did not end within %d s%n", resources, job, timeout);
                return;
            }
            JsonNode data = end.path("data");
            int checked = data.path("resources_checked").asInt(resources);
            out.printf(Locale.ROOT, "drift  detect %-13s resources=%d  status=%s  checked=%d  drift_count=%d  %.1f s  %.1f resources/s%n",
                    "(one state)", resources, data.path("status").asText(), checked, data.path("drift_count").asInt(),
                    seconds, checked / seconds);
        } catch (Exception e) {
            LatencyRecorder failed = new LatencyRecorder(1);
            failed.error("drift " + e.getClass().getSimpleName());
            runner.recorders().add(failed);
            out.println("drift  detect: " + e);
        }
    }

    // ---- WebSocket delivery

    private void delivery(String token, String state, int subscribers, int updates) {
        LatencyRecorder rec = new LatencyRecorder(subscribers * updates * 2);
        runner.recorders().add(rec);
        List<Subscriber> sockets = new ArrayList<>();
        // one HttpClient (one selector thread) per 50 connections, so the clients' side is not the bottleneck
        List<HttpClient> clients = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean measuring = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            List<CompletableFuture<Subscriber>> connecting = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                if (i % 50 == 0) {
                    clients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
                }
                connecting.add(Subscriber.connectAsync(clients.get(clients.size() - 1), http.baseUrl(), token, (message, arrived) -> {
                    JsonNode data = message.path("data");
                    if (measuring.get() && "state_update".equals(message.path("type").asText())
                            && state.equals(data.path("state_id").asText())) {
                        Instant at = Instant.parse(message.path("timestamp").asText());
                        rec.record(Math.max(0, Duration.between(at, arrived).toNanos()));
                    }
                }));
            }
            for (CompletableFuture<Subscriber> f : connecting) {
                try {
                    sockets.add(f.get(30, TimeUnit.SECONDS));
                } catch (Exception e) {
                    rec.error("connect " + e.getClass().getSimpleName());
                }
            }
            for (Subscriber s : sockets) {
                if (!s.established.await(30, TimeUnit.SECONDS)) {
                    rec.error("no connection_established");
                }
            }
            int open = sockets.size();
            // warm-up: two unmeasured lock/unlock pairs
            for (int w = 0; w < 2; w++) {
                BenchHttp.Response lock = http.postJson("/api/v1/state/lock", Map.of("state_id", state, "reason", "warm-up"), token);
                if (lock.isSuccess()) {
                    http.postJson("/api/v1/state/unlock", Map.of("state_id", state, "lock_id", lockId(lock), "force", false), token);
                }
            }
            Thread.sleep(2000);
            measuring.set(true);
            rec.start();
            int expected = 0;
            for (int u = 0; u < updates; u++) {
                BenchHttp.Response lock = http.postJson("/api/v1/state/lock", Map.of("state_id", state, "reason", "live " + u), token);
                if (!lock.isSuccess()) {
                    rec.error("lock " + lock.failureReason());
                    continue;
                }
                String lockId = lockId(lock);
                BenchHttp.Response unlock = http.postJson("/api/v1/state/unlock",
                        Map.of("state_id", state, "lock_id", lockId, "force", false), token);
                if (!unlock.isSuccess()) {
                    rec.error("unlock " + unlock.failureReason());
                }
                expected += open * (unlock.isSuccess() ? 2 : 1);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (rec.count() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            rec.stop();
            if (rec.count() < expected) {
                rec.error("missing deliveries", expected - rec.count());
            }
            rec.print(out, "ws", "state_update to " + open, open);
        } catch (Exception e) {
            rec.error("delivery " + e.getClass().getSimpleName());
            out.println("ws     delivery: " + e);
        } finally {
            sockets.forEach(Subscriber::close);
        }
    }

    // ---- helpers

    private String login() { return BenchRunner.adminToken(http, opts, "drift"); }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory
        }
    }

    /** One WebSocket client on /ws?token=...; messages go to {@code onMessage} or, without one, to a queue. */
    static final class Subscriber implements AutoCloseable {
        interface Handler {
            void accept(JsonNode message, Instant arrived);
        }

        final CountDownLatch established = new CountDownLatch(1);
        private final LinkedBlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        private volatile WebSocket socket;

        static Subscriber connect(String base, String token, Handler handler) throws Exception {
            return connectAsync(HttpClient.newHttpClient(), base, token, handler).get(30, TimeUnit.SECONDS);
        }

        static CompletableFuture<Subscriber> connectAsync(HttpClient client, String base, String token, Handler handler) {
            Subscriber s = new Subscriber();
            URI uri = URI.create(base.replaceFirst("^http", "ws") + "/ws?token=" + token);
            return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(uri, new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    Instant arrived = Instant.now();
                    text.append(data);
                    if (last) {
                        try {
                            JsonNode message = JSON.readTree(text.toString());
                            if ("connection_established".equals(message.path("type").asText())) {
                                s.established.countDown();
                            } else if (handler != null) {
                                handler.accept(message, arrived);
                            } else {
                                s.queue.add(message);
                            }
                        } catch (IOException ignored) {
                            // not JSON: not a contract message
                        }
                        text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }
            }).thenApply(ws -> {
                s.socket = ws;
                return s;
            });
        }

        JsonNode await(java.util.function.Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode m = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
                if (m == null || wanted.test(m)) {
                    return m;
                }
            }
        }

        @Override
        public void close() {
            WebSocket ws = socket;
            if (ws != null) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
                ws.abort();
            }
        }
    }
}
