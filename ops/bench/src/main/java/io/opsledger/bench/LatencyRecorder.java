package io.opsledger.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects per-operation latencies (in nanoseconds) and error counts for one benchmark phase,
 * then reports count, throughput and latency percentiles.
 *
 * <p>Thread-safe: several worker threads may call {@link #record(long)} and {@link #error(String)}
 * concurrently. Only successful operations contribute latencies and throughput; failed ones are
 * counted (by reason) in {@link #errors()}.
 */
public final class LatencyRecorder {

    private final Object lock = new Object();
    private long[] samples;
    private int size;

    private final Map<String, LongAdder> errorsByReason = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();

    private volatile long startNanos;
    private volatile long stopNanos;

    public LatencyRecorder() {
        this(1024);
    }

    public LatencyRecorder(int expected) {
        this.samples = new long[Math.max(16, expected)];
    }

    /** Marks the beginning of the measured wall-clock interval. */
    public void start() {
        startNanos = System.nanoTime();
        stopNanos = 0;
    }

    /** Marks the end of the measured wall-clock interval. */
    public void stop() {
        stopNanos = System.nanoTime();
    }

    /** Records the latency of one successful operation. */
    public void record(long nanos) {
        synchronized (lock) {
            if (size == samples.length) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            samples[size++] = nanos;
        }
    }

    /** Counts one failed operation; {@code reason} is used for the breakdown (e.g. "HTTP 429"). */
    public void error(String reason) {
        error(reason, 1);
    }

    /** Counts {@code n} failed operations with the same reason. */
    public void error(String reason, long n) {
        errors.add(n);
        errorsByReason.computeIfAbsent(reason == null ? "unknown" : reason, k -> new LongAdder()).add(n);
    }

    /** Number of successful (recorded) operations. */
    public int count() {
        synchronized (lock) {
            return size;
        }
    }

    public long errors() {
        return errors.sum();
    }

    /** Error counts per reason, sorted by reason. */
    public Map<String, Long> errorBreakdown() {
        Map<String, Long> out = new TreeMap<>();
        errorsByReason.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Wall-clock seconds between {@link #start()} and {@link #stop()} (or now, if not stopped). */
    public double elapsedSeconds() {
        long end = stopNanos != 0 ? stopNanos : System.nanoTime();
        return startNanos == 0 ? 0 : (end - startNanos) / 1e9;
    }

    /** Successful operations per second of wall-clock time. */
    public double throughput() {
        double secs = elapsedSeconds();
        return secs <= 0 ? 0 : count() / secs;
    }

    /**
     * Nearest-rank percentile of the recorded latencies, in milliseconds, or {@code NaN} when
     * nothing was recorded. {@code p} is in (0, 100].
     */
    public double percentileMillis(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        long[] sorted;
        synchronized (lock) {
            sorted = Arrays.copyOf(samples, size);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /**
     * One summary line, e.g.
     * {@code write  user registration   n=500  conc=8  1234.5 ops/s  p50=3.21 ms  p99=12.34 ms  errors=0}.
     * {@code n} is the number of attempted operations (successes + errors).
     */
    public String summary(String kind, String name, int concurrency) {
        long errs = errors();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%-6s %-19s n=%d  conc=%d  %.1f ops/s  p50=%s  p99=%s  errors=%d",
                kind, name, count() + errs, concurrency, throughput(),
                millis(percentileMillis(50)), millis(percentileMillis(99)), errs));
        if (errs > 0) {
            StringBuilder detail = new StringBuilder();
            errorBreakdown().forEach((reason, n) ->
                    detail.append(detail.length() == 0 ? "" : ", ").append(reason).append(" x").append(n));
            sb.append("  (").append(detail).append(')');
        }
        return sb.toString();
    }

    public void print(PrintStream out, String kind, String name, int concurrency) {
        out.println(summary(kind, name, concurrency));
        out.flush();
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", ms);
    }
}
