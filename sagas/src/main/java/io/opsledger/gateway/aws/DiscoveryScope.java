package io.opsledger.gateway.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where one service's discovery looks: an account's credentials in one region, and the clients
 * that reach it.
 *
 * @param region the region discovered; resources of global services say {@link #GLOBAL} instead
 */
record DiscoveryScope(AwsClients clients, AwsCredentialsProvider credentials, String region) {

    /** The region of IAM and Route 53 resources. */
    static final String GLOBAL = "global";

    /** A client of a regional service in this region. */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return clients.build(builder, credentials, Region.of(region));
    }

    /** A client of a global service (IAM, Route 53): AWS serves those from one global endpoint. */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C globalClient(B builder) {
        return clients.build(builder, credentials, Region.AWS_GLOBAL);
    }

    /** Buckets are listed account-wide, whatever their region. */
    S3Client s3AnyRegion() {
        return clients.s3AnyRegion(credentials, Region.of(region), builder -> { });
    }

    /** An ARN in this region, for resources whose API answers no ARN of its own. */
    String arn(String service, String account, String resource) {
        return "arn:" + partition(region) + ":" + service + ":" + region + ":" + (account == null ? "" : account) + ":"
                + resource;
    }

    String partition() {
        return partition(region);
    }

    /** The ARN partition of a region: China and GovCloud are partitions of their own. */
    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
