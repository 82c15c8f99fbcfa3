package io.opsledger.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the client behind a request, for rate limits and the audit trail. The peer is
 * the client unless it is one of the trusted proxies (OPSLEDGER_TRUSTED_PROXIES: addresses or CIDR
 * ranges, comma-separated); then the forwarding header is read from the right, skipping trusted
 * proxies, and the first address that is not one of them is the client. X-Forwarded-For is read
 * when present, else RFC 7239's {@code Forwarded: for=}. Headers from any other peer are ignored:
 * a client cannot choose its own address.
 */
@Component
public class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Range> trusted;

    public ClientAddress(@Value("${opsledger.trusted-proxies:}") String trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies.split(",")) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.trim()));
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    public String of(ServerHttpRequest request) {
        var peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return "unknown";
        }
        InetAddress address = peer.getAddress();
        if (!isTrusted(address)) {
            return address.getHostAddress();
        }
        List<String> hops = forwardedFor(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break; // garbage in the chain: the last proxy we trust is as far as we can see
            }
            address = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return address.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    /** The forwarded-for chain, left (first client) to right (last proxy). */
    private static List<String> forwardedFor(ServerHttpRequest request) {
        List<String> xff = request.getHeaders().get("X-Forwarded-For");
        List<String> hops = new ArrayList<>();
        if (xff != null && !xff.isEmpty()) {
            xff.forEach(line -> Arrays.stream(line.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(hops::add));
            return hops;
        }
        List<String> forwarded = request.getHeaders().get("Forwarded");
        if (forwarded != null) {
            for (String line : forwarded) {
                for (String element : line.split(",")) {
                    for (String pair : element.split(";")) {
                        int eq = pair.indexOf('=');
                        if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                            hops.add(node(pair.substring(eq + 1).trim()));
                        }
                    }
                }
            }
        }
        return hops;
    }

    /** A Forwarded node without quotes, brackets or port: "[2001:db8::1]:4711" is 2001:db8::1. */
    private static String node(String value) {
        String v = value.startsWith("\"") && value.endsWith("\"") && value.length() > 1 ? value.substring(1, value.length() - 1) : value;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            return close > 0 ? v.substring(1, close) : v;
        }
        int colon = v.indexOf(':');
        return colon > 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
    }

    /** An IP literal, or null for anything else (never a name lookup). */
    static InetAddress literal(String text) {
        String t = text.trim();
        if (!(IPV4.matcher(t).matches() || t.contains(":") && t.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Range(byte[] network, int prefix) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("OPSLEDGER_TRUSTED_PROXIES: '" + text
                        + "' is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8)");
            }
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("OPSLEDGER_TRUSTED_PROXIES: '" + text + "' has a bad prefix length");
                }
            }
            return new Range(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
