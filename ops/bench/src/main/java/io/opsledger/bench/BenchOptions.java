package io.opsledger.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bench's options: {@code --name=value} or {@code --name value}, else environment variable
 * BENCH_NAME, else the default. A bare first argument starting with {@code http} is the base URL.
 */
final class BenchOptions {

    private final Map<String, String> opts;

    private BenchOptions(Map<String, String> opts) {
        this.opts = opts;
    }

    /** The options, or null when help was asked for; unknown options are refused. */
    static BenchOptions parse(String[] args, List<String> known) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int a = 0; a < args.length; a++) {
            String arg = args[a];
            if (arg.equals("-h") || arg.equals("--help")) {
                return null;
            }
            if (a == 0 && arg.startsWith("http")) {
                opts.put("base-url", arg);
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String key;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                key = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                if (a + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + arg);
                }
                key = arg.substring(2);
                value = args[++a];
            }
            if (key.equals("conc")) {
                key = "concurrency";
            }
            opts.put(key, value);
        }
        for (String k : opts.keySet()) {
            if (!known.contains(k) && !k.equals("base-url")) {
                throw new IllegalArgumentException("unknown option --" + k);
            }
        }
        return new BenchOptions(opts);
    }

    String text(String key, String def) {
        String v = opts.get(key);
        if (v == null) {
            v = System.getenv("BENCH_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return v == null || v.isBlank() ? def : v.trim();
    }

    int integer(String key, int def, int min) {
        String v = text(key, Integer.toString(def));
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got: " + v);
        }
        if (n < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", got: " + n);
        }
        return n;
    }
}
