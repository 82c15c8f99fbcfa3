package io.opsledger.gateway.aws;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/** How every service's discovery fills a {@link DiscoveredResource}: names, addresses, metadata, optional details. */
final class DiscoveryFields {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryFields.class);

    private DiscoveryFields() {
    }

    static Map<String, String> ec2Tags(List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    /** The {@code Name} tag people give a resource, else its AWS name or id. */
    static String nameOr(Map<String, String> tags, String fallback) {
        String name = tags.get("Name");
        return name == null || name.isBlank() ? fallback : name;
    }

    /** Adds an address once, skipping absent ones: AWS repeats addresses across interfaces. */
    static void addIfPresent(Collection<String> to, String value) {
        if (value != null && !value.isBlank() && !to.contains(value)) {
            to.add(value);
        }
    }

    /** Metadata keeps only JSON-friendly values; dates and enums become their text. */
    static void put(Map<String, Object> meta, String key, Object value) {
        if (value == null) {
            return;
        }
        meta.put(key, value instanceof String || value instanceof Number || value instanceof Boolean
                ? value : value.toString());
    }

    /** A per-resource detail (tags, attributes): when AWS refuses it, the resource is still reported. */
    static <T> Optional<T> detail(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (SdkException e) {
            log.debug("AWS detail call failed: {}", AwsClients.describe(e));
            return Optional.empty();
        }
    }
}
