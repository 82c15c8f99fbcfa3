package io.opsledger.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong on the wire into sentences a user can act on, the same way for every
 * platform gateway. Messages name the platform and its address, never credentials.
 */
public final class CallFailures {

    private CallFailures() {
    }

    /** "10 s", "1.5 s" or "500 ms": how a timeout reads in a message. */
    public static String inWords(Duration timeout) {
        long millis = timeout.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /**
     * An address fit for a message: scheme, host, port and path only, so that user info or a
     * query string (where a careless user may have put a secret) never reaches a log.
     */
    public static String where(String url) {
        if (url == null || url.isBlank()) {
            return "(no address)";
        }
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null) {
                return "(an address that is not a URL)";
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
        } catch (IllegalArgumentException e) {
            return "(an address that is not a URL)";
        }
    }

    /**
     * Describes a failure to get any answer from {@code platform} (e.g. "Kubernetes API at
     * https://h:6443"): timeout, refused connection, unknown host, TLS; empty when the failure is
     * none of these (then the caller knows better what happened).
     */
    public static Optional<String> transport(Throwable failure, String platform, Duration timeout) {
        if (causeOf(failure, HttpConnectTimeoutException.class).isPresent()) {
            return Optional.of(platform + " could not be reached within " + inWords(timeout));
        }
        if (isTimeout(failure)) {
            return Optional.of(platform + " did not answer within " + inWords(timeout));
        }
        Optional<UnknownHostException> unknownHost = causeOf(failure, UnknownHostException.class);
        if (unknownHost.isPresent()) {
            return Optional.of(platform + " could not be reached: its host name is unknown");
        }
        if (causeOf(failure, SSLException.class).isPresent()) {
            return Optional.of(platform + " could not be reached over TLS (is its certificate trusted"
                    + " by this server, and is the scheme right?)");
        }
        if (causeOf(failure, ConnectException.class).isPresent()
                || causeOf(failure, NoRouteToHostException.class).isPresent()) {
            return Optional.of(platform + " refused the connection or could not be reached (are the host and port right?)");
        }
        return causeOf(failure, IOException.class)
                .map(io -> platform + " could not be reached: " + io.getClass().getSimpleName()
                        + (io.getMessage() == null ? "" : " (" + io.getMessage() + ")"));
    }

    /** The first throwable of that type in the cause chain, the failure itself included. */
    public static <T extends Throwable> Optional<T> causeOf(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Netty, Vert.x and OkHttp have timeout types of their own; their names say so
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
