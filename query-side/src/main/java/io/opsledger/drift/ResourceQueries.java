package io.opsledger.drift;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** DriftMgr's resources: the managed resources of every Terraform state with their live side. */
public final class ResourceQueries {
    private ResourceQueries() {}

    /** {@code value} null: the tag must exist; else it must have this value. */
    public record TagFilter(String key, String value) {}

    /** Resources in state order; a blank filter matches all (provider and region ignore case). */
    public record ListResources(String provider, String type, String region, List<TagFilter> tags, int offset, int limit) {}

    public record ResourcePage(long total, List<ResourceView> resources) {}

    /** Resources whose text (name, type, address, cloud id, region, status, tags) has every word of {@code query}. */
    public record SearchResources(String query, String provider, String type) {}

    public record ResourceList(List<ResourceView> resources) {}

    /** The resource with this id, else the first with this cloud id in its state; answered with a {@link ResourceDetail} or null. */
    public record FindResource(String id) {}

    /**
     * One resource.
     *
     * @param cloudId   the live cloud id, else the state's
     * @param status    the live status, {@code missing}, or {@code unknown} before any detection
     * @param tags      the live tags when the resource was seen, else the state's
     * @param createdAt first seen live; {@code updatedAt} last checked live
     */
    public record ResourceView(String id, String provider, String type, String name, String region, String status,
                               Map<String, String> tags, String stateId, String address, String cloudId,
                               Instant createdAt, Instant updatedAt) {}

    /**
     * A resource with its attributes (the state's with the live ones over them; secrets redacted), its
     * monthly cost estimate and compliance checks; {@code tagTarget} is the id AWS tags it by.
     */
    public record ResourceDetail(ResourceView resource, Map<String, Object> attributes, Cost cost, Compliance compliance,
                                 String tagTarget) {}

    /** A monthly estimate from the price table; {@code known} false when the table has no price for the type. */
    public record Cost(BigDecimal compute, BigDecimal storage, BigDecimal network, BigDecimal monthly, String currency,
                       boolean known) {}

    public record Compliance(String overallStatus, int score, List<Check> checks) {}

    public record Check(String name, String status, String description) {}
}
