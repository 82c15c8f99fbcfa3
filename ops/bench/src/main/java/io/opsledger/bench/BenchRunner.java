package io.opsledger.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs measured phases of operations on worker threads and keeps their recorders. */
final class BenchRunner {

    /** Stop a phase early after this many transport failures in a row (server gone / unreachable). */
    static final int ABORT_AFTER_CONSECUTIVE_TRANSPORT_FAILURES = 20;

    /** One benchmark operation; throws {@link OpFailure} when the server answered but not as the contract says. */
    @FunctionalInterface
    interface Op {
        void run(int i) throws Exception;
    }

    static final class OpFailure extends Exception {
        OpFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    private final PrintStream out;
    private final List<LatencyRecorder> all = new ArrayList<>();

    BenchRunner(PrintStream out) {
        this.out = out;
    }

    List<LatencyRecorder> recorders() { return all; }

    long errors() { return all.stream().mapToLong(LatencyRecorder::errors).sum(); }

    /** Fails fast, and clearly, when nothing answers at {@code /health}. */
    /**
     * An access token for the bench admin that run-bench creates (--admin-username, --admin-password),
     * or null (said on stderr).
     */
    static String adminToken(BenchHttp http, BenchOptions opts, String bench) {
        try {
            BenchHttp.Response login = http.postJson("/api/v1/auth/login", java.util.Map.of(
                    "username", opts.text("admin-username", "bench-admin"),
                    "password", opts.text("admin-password", "bench-admin-password")), null);
            if (!login.isSuccess()) {
                System.err.println(bench + " bench: admin login failed: " + login.failureReason());
                return null;
            }
            return login.data().path("access_token").asText();
        } catch (Exception e) {
            System.err.println(bench + " bench: admin login failed: " + e);
            return null;
        }
    }

    boolean preflight(BenchHttp http, String bench) {
        try {
            BenchHttp.Response r = http.get("/health", null);
            if (!r.is2xx()) {
                System.err.printf("%s bench: GET %s/health answered HTTP %d; is this the right server?%n",
                        bench, http.baseUrl(), r.status());
                return false;
            }
            return true;
        } catch (IOException e) {
            System.err.printf("%s bench: cannot reach %s/health: %s%n", bench, http.baseUrl(), describe(e));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code n} operations on {@code conc} threads, prints the summary line, returns the recorder. */
    LatencyRecorder phase(String kind, String name, int n, int conc, Op op) {
        LatencyRecorder rec = new LatencyRecorder(n);
        all.add(rec);
        if (n <= 0) {
            return rec;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger transportStreak = new AtomicInteger();
        AtomicBoolean abort = new AtomicBoolean();
        Runnable worker = () -> {
            while (!abort.get()) {
                int i = next.getAndIncrement();
                if (i >= n) {
                    return;
                }
                long t0 = System.nanoTime();
                try {
                    op.run(i);
                    rec.record(System.nanoTime() - t0);
                    transportStreak.set(0);
                } catch (OpFailure f) {
                    rec.error(f.getMessage());
                    transportStreak.set(0);
                } catch (IOException e) {
                    rec.error(e.getClass().getSimpleName());
                    if (transportStreak.incrementAndGet() >= ABORT_AFTER_CONSECUTIVE_TRANSPORT_FAILURES) {
                        abort.set(true);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    rec.error("interrupted");
                    abort.set(true);
                } catch (Exception e) {
                    rec.error(e.getClass().getSimpleName());
                }
            }
        };
        int threads = Math.min(conc, n);
        List<Thread> pool = new ArrayList<>(threads);
        rec.start();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(worker, "bench-" + kind + "-" + t);
            th.setDaemon(true);
            pool.add(th);
            th.start();
        }
        for (Thread th : pool) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort.set(true);
            }
        }
        rec.stop();
        long skipped = n - (rec.count() + rec.errors());
        if (skipped > 0) {
            rec.error("skipped after repeated connection failures", skipped);
        }
        rec.print(out, kind, name, conc);
        return rec;
    }

    /** E.g. "ConnectException (ClosedChannelException)" or "HttpConnectTimeoutException: HTTP connect timed out". */
    private static String describe(Throwable e) {
        String outer = e.getClass().getSimpleName();
        Throwable root = e;
        String msg = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            if (msg == null && t.getMessage() != null && !t.getMessage().isBlank()) {
                msg = t.getMessage();
            }
        }
        String rootName = root.getClass().getSimpleName();
        String names = rootName.equals(outer) ? outer : outer + " (" + rootName + ")";
        return msg == null ? names : names + ": " + msg;
    }

}
