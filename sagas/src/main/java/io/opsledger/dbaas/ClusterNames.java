package io.opsledger.dbaas;

import io.opsledger.dbaas.api.ClusterMessages;
import io.opsledger.dbaas.api.ClusterMessages.ClusterRequested;
import io.opsledger.dbaas.api.ClusterMessages.ClusterSpec;

import java.util.Locale;

/** How a cluster names what is made for it on a platform, and sizes and names its data. */
final class ClusterNames {
    private ClusterNames() {}

    private static final int MAX_BASE = 40;

    /** "pg-12-orders-db": the cluster's number and a DNS-safe form of its name. */
    static String baseName(ClusterRequested order) {
        String slug = order.spec().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        String name = "pg-" + order.number() + (slug.isEmpty() ? "" : "-" + slug);
        return name.length() <= MAX_BASE ? name : name.substring(0, MAX_BASE).replaceAll("-+$", "");
    }

    /** Instance i (1 is the primary): "pg-12-orders-db-1". */
    static String server(String base, int i) { return base + "-" + i; }

    static String dataVolume(String base, int i) { return base + "-data-" + i; }

    /** The instance number at the end of a server's name. */
    static int index(String serverName) {
        return Integer.parseInt(serverName.substring(serverName.lastIndexOf('-') + 1));
    }

    /** The data volume's size in GB from the cluster's size (at least 1). */
    static int sizeGb(String size) {
        String quantity = ClusterMessages.storageSize(size);
        long number = Long.parseLong(quantity.replaceAll("[^0-9]", ""));
        String unit = quantity.replaceAll("[0-9]", "");
        long gb = switch (unit) {
            case "Ti", "T" -> number * 1024;
            case "Mi", "M" -> Math.max(1, (number + 1023) / 1024);
            default -> number;
        };
        return (int) Math.min(Integer.MAX_VALUE, gb);
    }

    /** Whether the cluster's user is PostgreSQL's own superuser, {@code postgres}. */
    static boolean superuser(ClusterSpec spec) { return "postgres".equals(spec.dbUser()); }

    /** {@code postgres} connects to its own database; any other user owns one of its name. */
    static String database(ClusterSpec spec) { return superuser(spec) ? "postgres" : spec.dbUser(); }
}
