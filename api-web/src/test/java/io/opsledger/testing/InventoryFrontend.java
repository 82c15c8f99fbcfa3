package io.opsledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The asset inventory's real frontend (CN-Asset-Manager's React app, a read-only test peer in
 * {@code shared/peers/cn-asset-manager-frontend}), built and served as its Dockerfile does, through
 * {@code ops/peers/frontend}: npm packages come from a cache keyed by package-lock.json's hash, so
 * only the first run on a machine downloads them.
 */
public final class InventoryFrontend {

    private static final String SCRIPT = "ops/peers/frontend";
    private static final long BUILD_TIMEOUT_SECONDS = 600;

    private InventoryFrontend() {}

    private static Path script() { return PeerProcess.repositoryRoot(SCRIPT).resolve(SCRIPT); }

    /** The repository folder holding {@code relative}, e.g. the walk's own npm package. */
    public static Path inRepository(String relative) {
        return PeerProcess.repositoryRoot(SCRIPT).resolve(relative);
    }

    /** The frontend's unmodified source folder. */
    public static Path source() {
        return Path.of(lastLine(run(List.of("locate"))));
    }

    /** Builds the frontend in {@code work} ({@code npm run build}); returns its dist folder. */
    public static Path build(Path work) {
        run(List.of("build", source().toString(), work.toString()));
        return work.resolve("dist");
    }

    /** The cached node_modules of the npm package in {@code dir} (installed on first use). */
    public static Path nodeModules(Path dir) {
        return Path.of(lastLine(run(List.of("modules", dir.toString()))));
    }

    /**
     * The frontend's own nginx.conf with only what its Dockerfile's setting fixes rewritten: the
     * listen port, the root folder and the backend's address. Fails if any of them is not where
     * the file had it, so a changed upstream file is noticed rather than half served.
     */
    public static String site(Path dist, int port, String backendHostPort) {
        String conf;
        try {
            conf = Files.readString(source().resolve("nginx.conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String served = replaceOnce(conf, "listen 80;", "listen 127.0.0.1:" + port + ";");
        served = replaceOnce(served, "root /usr/share/nginx/html;", "root " + dist.toAbsolutePath() + ";");
        if (!served.contains("http://backend:8000")) {
            throw new IllegalStateException("the frontend's nginx.conf no longer proxies to backend:8000:\n" + conf);
        }
        return served.replace("http://backend:8000", "http://" + backendHostPort);
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("the frontend's nginx.conf does not have exactly one '" + from + "':\n" + text);
        }
        return text.replace(from, to);
    }

    /** The script's answer: its last line (anything before it is npm's chatter). */
    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static String run(List<String> args) {
        return PeerProcess.runScript(script(), Map.of(), BUILD_TIMEOUT_SECONDS, null, args.toArray(String[]::new));
    }
}
