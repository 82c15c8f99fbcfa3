package io.opsledger.gateway.aws;

import java.util.Map;

/**
 * A cloud resource as AWS reports it now, in Terraform's names.
 *
 * @param type       Terraform resource type, e.g. {@code aws_instance}
 * @param id         the id Terraform's state keys it by ({@code attributes.id}; for aws_db_instance
 *                   the DB identifier, see {@link AwsLiveResources})
 * @param status     e.g. running, stopped, available; "active" where AWS has no status
 * @param attributes Terraform-named attributes (nested blocks as one-element lists of maps)
 */
public record LiveResource(String type, String id, String region, String status, Map<String, Object> attributes,
                           Map<String, String> tags) {}
