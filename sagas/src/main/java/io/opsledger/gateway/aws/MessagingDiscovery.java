package io.opsledger.gateway.aws;

import static io.opsledger.gateway.aws.DiscoveryFields.detail;
import static io.opsledger.gateway.aws.DiscoveryFields.nameOr;
import static io.opsledger.gateway.aws.DiscoveryFields.put;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Discovers queues and topics: SQS and SNS.
 */
final class MessagingDiscovery {

    static final Map<String, ServiceDiscoverer> BY_TYPE = Map.of(
            "SQS", MessagingDiscovery::sqsQueues,
            "SNS", MessagingDiscovery::snsTopics);

    private MessagingDiscovery() {
    }

    private static List<DiscoveredResource> sqsQueues(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (SqsClient sqs = c.client(SqsClient.builder())) {
            for (String url : sqs.listQueuesPaginator(b -> { }).queueUrls()) {
                String name = url.substring(url.lastIndexOf('/') + 1);
                Map<QueueAttributeName, String> attributes = detail(() -> sqs.getQueueAttributes(
                        b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes()).orElse(Map.of());
                Map<String, String> tags = new LinkedHashMap<>(
                        detail(() -> sqs.listQueueTags(b -> b.queueUrl(url)).tags()).orElse(Map.of()));
                String arn = attributes.get(QueueAttributeName.QUEUE_ARN);
                if (arn == null) {
                    arn = c.arn("sqs", accountFromQueueUrl(url), name);
                }
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "url", url);
                put(meta, "fifo", name.endsWith(".fifo"));
                put(meta, "visibility_timeout", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
                put(meta, "message_retention_period", attributes.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD));
                put(meta, "approximate_messages", attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
                found.add(new DiscoveredResource("SQS", nameOr(tags, name), arn, name, c.region(), tags, List.of(),
                        List.of(), meta));
            }
        }
        return found;
    }

    private static List<DiscoveredResource> snsTopics(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (SnsClient sns = c.client(SnsClient.builder())) {
            for (Topic topic : sns.listTopicsPaginator(b -> { }).topics()) {
                String arn = topic.topicArn();
                String name = arn.substring(arn.lastIndexOf(':') + 1);
                Map<String, String> tags = new LinkedHashMap<>();
                detail(() -> sns.listTagsForResource(b -> b.resourceArn(arn)).tags())
                        .ifPresent(list -> list.forEach(t -> tags.put(t.key(), t.value())));
                Map<String, String> attributes = detail(
                        () -> sns.getTopicAttributes(b -> b.topicArn(arn)).attributes()).orElse(Map.of());
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "display_name", attributes.get("DisplayName"));
                put(meta, "subscriptions_confirmed", attributes.get("SubscriptionsConfirmed"));
                put(meta, "fifo", name.endsWith(".fifo"));
                found.add(new DiscoveredResource("SNS", nameOr(tags, name), arn, name, c.region(), tags, List.of(),
                        List.of(), meta));
            }
        }
        return found;
    }

    private static String accountFromQueueUrl(String url) {
        String[] parts = URI.create(url).getPath().split("/");
        return parts.length >= 2 ? parts[1] : "";
    }
}
