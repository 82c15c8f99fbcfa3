package io.opsledger.gateway.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opsledger.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** {@link SdkAwsGateway} against a real moto_server, seeded through the AWS SDK. */
class SdkAwsGatewayTest {

    private static final String REGION = "us-east-1";
    private static final AwsCredentials KEYS = new AwsCredentials("testing", "testing-secret");
    private static final AwsTarget ACCOUNT = AwsTarget.direct(KEYS, REGION);
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static MotoServer moto;
    private static SdkAwsGateway gateway;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        gateway = new SdkAwsGateway(java.util.Optional.of(moto.endpoint()));
    }

    @AfterAll
    static void stopMoto() {
        if (gateway != null) {
            gateway.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void emptyMoto() {
        moto.reset();
    }

    @Test
    void callerAccountIsTheAccountOfTheCredentials() {
        assertThat(gateway.callerAccount(ACCOUNT)).isEqualTo(MotoServer.ACCOUNT);
    }

    @Test
    void credentialsRedactTheirSecrets() {
        AwsCredentials c = new AwsCredentials("AKIAEXAMPLE", "s3cr3t", java.util.Optional.of("t0ken"));
        assertThat(c.toString()).contains("AKIAEXAMPLE").doesNotContain("s3cr3t").doesNotContain("t0ken");
    }

    @Test
    void discoversEverySeededServiceWithNamesArnsIdsTagsIpsAndDnsNames() throws IOException {
        AwsCredentialsProvider creds = provider(KEYS);
        String instanceId;
        String vpcId;
        String roleArn;
        try (Ec2Client ec2 = client(Ec2Client.builder(), creds, REGION)) {
            instanceId = ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType("t3.micro").minCount(1)
                    .maxCount(1).tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                            .tags(tag("Name", "web-1"), tag("team", "platform")).build()))
                    .instances().get(0).instanceId();
            ec2.runInstances(b -> b.imageId("ami-12c6146b").minCount(1).maxCount(1));
            vpcId = ec2.createVpc(b -> b.cidrBlock("10.20.0.0/16").tagSpecifications(TagSpecification.builder()
                    .resourceType(ResourceType.VPC).tags(tag("Name", "prod-vpc")).build())).vpc().vpcId();
        }
        List<String> subnets = new ArrayList<>();
        try (Ec2Client ec2 = client(Ec2Client.builder(), creds, REGION)) {
            subnets.add(ec2.createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.20.1.0/24")
                    .availabilityZone("us-east-1a")).subnet().subnetId());
            subnets.add(ec2.createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.20.2.0/24")
                    .availabilityZone("us-east-1b")).subnet().subnetId());
        }
        try (RdsClient rds = client(RdsClient.builder(), creds, REGION)) {
            rds.createDBInstance(b -> b.dbInstanceIdentifier("orders-db").dbInstanceClass("db.t3.micro")
                    .engine("postgres").masterUsername("admin").masterUserPassword("Passw0rd!x")
                    .allocatedStorage(20).tags(software.amazon.awssdk.services.rds.model.Tag.builder()
                            .key("Name").value("Orders database").build()));
        }
        try (S3Client s3 = client(S3Client.builder().forcePathStyle(true), creds, REGION)) {
            s3.createBucket(b -> b.bucket("opsledger-logs"));
            s3.putBucketTagging(b -> b.bucket("opsledger-logs").tagging(t -> t.tagSet(
                    software.amazon.awssdk.services.s3.model.Tag.builder().key("env").value("prod").build())));
            s3.createBucket(b -> b.bucket("opsledger-eu").createBucketConfiguration(
                    c -> c.locationConstraint("eu-west-1")));
        }
        try (IamClient iam = client(IamClient.builder(), creds, "aws-global")) {
            roleArn = iam.createRole(b -> b.roleName("app-runner").assumeRolePolicyDocument(TRUST)
                    .tags(software.amazon.awssdk.services.iam.model.Tag.builder().key("owner").value("ops")
                            .build())).role().arn();
            iam.createUser(b -> b.userName("deployer"));
        }
        SdkBytes code = SdkBytes.fromByteArray(pythonHandlerZip());
        try (LambdaClient lambda = client(LambdaClient.builder(), creds, REGION)) {
            lambda.createFunction(b -> b.functionName("thumbnailer").runtime(Runtime.PYTHON3_12).role(roleArn)
                    .handler("handler.handle").code(c -> c.zipFile(code))
                    .tags(Map.of("Name", "Thumbnail maker")));
        }
        try (EksClient eks = client(EksClient.builder(), creds, REGION)) {
            // moto 5.1.1 creates the cluster but answers createdAt as an ISO-8601 string where the
            // SDK expects epoch seconds, so the SDK cannot read the answer (nor DescribeCluster's).
            assertThatThrownBy(() -> eks.createCluster(b -> b.name("k8s-prod").roleArn(roleArn)
                    .resourcesVpcConfig(v -> v.subnetIds(subnets)).tags(Map.of("env", "prod"))))
                    .isInstanceOf(SdkClientException.class).hasMessageContaining("Unable to parse date");
            assertThat(eks.listClusters().clusters()).containsExactly("k8s-prod");
        }
        try (ElastiCacheClient cache = client(ElastiCacheClient.builder(), creds, REGION)) {
            cache.createCacheCluster(b -> b.cacheClusterId("sessions").engine("redis")
                    .cacheNodeType("cache.t3.micro").numCacheNodes(1));
        }
        String albArn;
        try (ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.builder(), creds, REGION)) {
            albArn = elb.createLoadBalancer(b -> b.name("web-alb").subnets(subnets)
                    .tags(software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                            .key("Name").value("Public web").build())).loadBalancers().get(0).loadBalancerArn();
            elb.createLoadBalancer(b -> b.name("tcp-nlb").subnets(subnets).type(LoadBalancerTypeEnum.NETWORK));
        }
        try (SqsClient sqs = client(SqsClient.builder(), creds, REGION)) {
            sqs.createQueue(b -> b.queueName("jobs").tags(Map.of("env", "prod")));
        }
        try (SnsClient sns = client(SnsClient.builder(), creds, REGION)) {
            sns.createTopic(b -> b.name("alerts"));
        }
        try (EcrClient ecr = client(EcrClient.builder(), creds, REGION)) {
            ecr.createRepository(b -> b.repositoryName("team/api"));
        }
        try (SecretsManagerClient sm = client(SecretsManagerClient.builder(), creds, REGION)) {
            sm.createSecret(b -> b.name("db-password").secretString("hunter2").description("orders")
                    .tags(software.amazon.awssdk.services.secretsmanager.model.Tag.builder()
                            .key("env").value("prod").build()));
        }
        try (Route53Client r53 = client(Route53Client.builder(), creds, "aws-global")) {
            r53.createHostedZone(b -> b.name("example.com.").callerReference("zone-1"));
        }

        RecordingProgress progress = new RecordingProgress();
        List<DiscoveredResource> found = gateway.discover(ACCOUNT, REGION, Set.copyOf(AwsGateway.SERVICE_TYPES),
                progress);

        // EKS is the one service moto and the SDK disagree on (see above): it is reported as failed
        // and every other service is still discovered.
        assertThat(progress.failures).containsOnlyKeys("EKS");
        assertThat(progress.failures.get("EKS")).contains("Unable to parse date");
        assertThat(progress.counts.keySet()).containsExactlyInAnyOrderElementsOf(
                AwsGateway.SERVICE_TYPES.stream().filter(t -> !t.equals("EKS")).toList());
        Map<String, List<DiscoveredResource>> byType = found.stream()
                .collect(Collectors.groupingBy(DiscoveredResource::serviceType));
        byType.forEach((type, list) -> assertThat(progress.counts.get(type)).as(type).isEqualTo(list.size()));

        DiscoveredResource web = one(byType, "EC2", r -> r.resourceId().equals(instanceId));
        assertThat(web.name()).isEqualTo("web-1");
        assertThat(web.arn()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/" + instanceId);
        assertThat(web.region()).isEqualTo(REGION);
        assertThat(web.tags()).containsEntry("team", "platform");
        assertThat(web.ipAddresses()).isNotEmpty().allMatch(ip -> ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));
        assertThat(web.dnsNames()).isNotEmpty();
        assertThat(web.metadata()).containsEntry("instance_type", "t3.micro").containsEntry("state", "running");
        assertThat(byType.get("EC2")).hasSize(2)
                .anySatisfy(r -> assertThat(r.name()).isEqualTo(r.resourceId()).startsWith("i-"));

        DiscoveredResource vpc = one(byType, "VPC", r -> r.resourceId().equals(vpcId));
        assertThat(vpc.name()).isEqualTo("prod-vpc");
        assertThat(vpc.metadata()).containsEntry("cidr_block", "10.20.0.0/16");

        DiscoveredResource db = one(byType, "RDS", r -> true);
        assertThat(db.name()).isEqualTo("Orders database");
        assertThat(db.resourceId()).isEqualTo("orders-db");
        assertThat(db.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:db:orders-db");
        assertThat(db.dnsNames()).singleElement().asString().startsWith("orders-db.");
        assertThat(db.metadata()).containsEntry("engine", "postgres");

        assertThat(byType.get("S3")).extracting(DiscoveredResource::name, DiscoveredResource::region,
                        DiscoveredResource::arn)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("opsledger-logs", "us-east-1", "arn:aws:s3:::opsledger-logs"),
                        org.assertj.core.groups.Tuple.tuple("opsledger-eu", "eu-west-1", "arn:aws:s3:::opsledger-eu"));
        assertThat(one(byType, "S3", r -> r.name().equals("opsledger-logs")).tags()).containsEntry("env", "prod");

        DiscoveredResource fn = one(byType, "LAMBDA", r -> true);
        assertThat(fn.name()).isEqualTo("Thumbnail maker");
        assertThat(fn.resourceId()).isEqualTo("thumbnailer");
        assertThat(fn.arn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:thumbnailer");
        assertThat(fn.metadata()).containsEntry("runtime", "python3.12").containsEntry("handler", "handler.handle");

        assertThat(byType).doesNotContainKey("EKS");

        // moto 5.1.1 lists cache clusters as <member> elements where AWS (and the SDK) use
        // <CacheCluster>, so the SDK reads an empty list: ElastiCache discovery succeeds with 0 here.
        assertThat(progress.counts).containsEntry("ELASTICACHE", 0);

        DiscoveredResource alb = one(byType, "ALB", r -> true);
        assertThat(alb.arn()).isEqualTo(albArn);
        assertThat(alb.name()).isEqualTo("Public web");
        assertThat(alb.dnsNames()).singleElement().asString().startsWith("web-alb-").endsWith(".elb.amazonaws.com");
        assertThat(alb.metadata()).containsEntry("vpc_id", vpcId).containsEntry("type", "application");
        DiscoveredResource nlb = one(byType, "NLB", r -> true);
        assertThat(nlb.name()).isEqualTo("tcp-nlb");
        assertThat(nlb.metadata()).containsEntry("type", "network");

        DiscoveredResource queue = one(byType, "SQS", r -> true);
        assertThat(queue.name()).isEqualTo("jobs");
        assertThat(queue.arn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:jobs");
        assertThat(queue.tags()).containsEntry("env", "prod");

        DiscoveredResource topic = one(byType, "SNS", r -> true);
        assertThat(topic.name()).isEqualTo("alerts");
        assertThat(topic.arn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:alerts");

        DiscoveredResource role = one(byType, "IAM", r -> r.resourceId().equals("app-runner"));
        assertThat(role.arn()).isEqualTo(roleArn);
        assertThat(role.region()).isEqualTo("global");
        assertThat(role.tags()).containsEntry("owner", "ops");
        assertThat(role.metadata()).containsEntry("kind", "role");
        assertThat(one(byType, "IAM", r -> r.resourceId().equals("deployer")).metadata()).containsEntry("kind", "user");

        DiscoveredResource zone = one(byType, "ROUTE53", r -> true);
        assertThat(zone.name()).isEqualTo("example.com");
        assertThat(zone.arn()).isEqualTo("arn:aws:route53:::hostedzone/" + zone.resourceId());
        assertThat(zone.dnsNames()).containsExactly("example.com");

        DiscoveredResource repo = one(byType, "ECR", r -> true);
        assertThat(repo.name()).isEqualTo("team/api");
        assertThat(repo.arn()).isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/team/api");
        assertThat(repo.dnsNames()).singleElement().asString().startsWith("123456789012.dkr.ecr.");

        DiscoveredResource secret = one(byType, "SECRETSMANAGER", r -> true);
        assertThat(secret.name()).isEqualTo("db-password");
        assertThat(secret.arn()).startsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-");
        assertThat(secret.tags()).containsEntry("env", "prod");
        assertThat(secret.metadata().values()).doesNotContain("hunter2");
    }

    @Test
    void globalServicesAreDiscoveredOnlyInTheHomeRegion() {
        AwsCredentialsProvider creds = provider(KEYS);
        try (S3Client s3 = client(S3Client.builder().forcePathStyle(true), creds, REGION)) {
            s3.createBucket(b -> b.bucket("only-once"));
        }
        try (Ec2Client ec2 = client(Ec2Client.builder(), creds, "eu-central-1")) {
            ec2.runInstances(b -> b.imageId("ami-12c6146b").minCount(1).maxCount(1));
        }
        RecordingProgress progress = new RecordingProgress();
        List<DiscoveredResource> away = gateway.discover(ACCOUNT, "eu-central-1", Set.of("S3", "IAM", "ROUTE53", "EC2"),
                progress);
        assertThat(away).extracting(DiscoveredResource::serviceType).containsExactly("EC2");
        assertThat(away).extracting(DiscoveredResource::region).containsExactly("eu-central-1");
        assertThat(progress.counts).containsOnlyKeys("EC2");

        List<DiscoveredResource> home = gateway.discover(ACCOUNT, REGION, Set.of("S3", "EC2"), DiscoveryProgress.NONE);
        assertThat(home).extracting(DiscoveredResource::serviceType).containsExactly("S3");
    }

    @Test
    void memberAccountIsReachedByAssumingTheOrganizationRole() {
        AwsCredentialsProvider management = provider(KEYS);
        String memberId;
        try (OrganizationsClient org = client(OrganizationsClient.builder(), management, REGION)) {
            org.createOrganization(b -> b.featureSet("ALL"));
            CreateAccountStatus status = org.createAccount(b -> b.accountName("member")
                    .email("member@example.com")).createAccountStatus();
            memberId = org.describeCreateAccountStatus(b -> b.createAccountRequestId(status.id()))
                    .createAccountStatus().accountId();
        }
        assertThat(memberId).matches("\\d{12}").isNotEqualTo(MotoServer.ACCOUNT);
        AwsTarget member = AwsTarget.assumingRole(KEYS, REGION,
                AwsTarget.memberRoleArn(memberId, "OrganizationAccountAccessRole"));

        assertThat(gateway.callerAccount(member)).isEqualTo(memberId);

        // Seed one instance into the member account with its own (assumed) credentials.
        Credentials assumed;
        try (StsClient sts = client(StsClient.builder(), management, REGION)) {
            assumed = sts.assumeRole(b -> b.roleArn(member.roleToAssume().orElseThrow()).roleSessionName("seed"))
                    .credentials();
        }
        try (Ec2Client ec2 = client(Ec2Client.builder(), StaticCredentialsProvider.create(AwsSessionCredentials
                .create(assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken())), REGION)) {
            ec2.runInstances(b -> b.imageId("ami-12c6146b").minCount(1).maxCount(1).tagSpecifications(
                    TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tag("Name", "member-box"))
                            .build()));
        }
        List<DiscoveredResource> inMember = gateway.discover(member, REGION, Set.of("EC2"), DiscoveryProgress.NONE);
        assertThat(inMember).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("member-box");
            assertThat(r.arn()).contains(":" + memberId + ":instance/");
        });
        assertThat(gateway.discover(ACCOUNT, REGION, Set.of("EC2"), DiscoveryProgress.NONE)).isEmpty();
    }

    @Test
    void unknownServiceTypeIsReportedAndTheOthersStillDiscovered() {
        try (SnsClient sns = client(SnsClient.builder(), provider(KEYS), REGION)) {
            sns.createTopic(b -> b.name("still-here"));
        }
        RecordingProgress progress = new RecordingProgress();
        List<DiscoveredResource> found = gateway.discover(ACCOUNT, REGION, Set.of("DYNAMODB", "SNS"), progress);
        assertThat(found).extracting(DiscoveredResource::name).containsExactly("still-here");
        assertThat(progress.failures).containsOnlyKeys("DYNAMODB");
        assertThat(progress.counts).containsEntry("SNS", 1);
    }

    @Test
    void aServiceTheCredentialsMayNotUseFailsAloneAndTheOthersAreStillDiscovered() {
        // A second moto that enforces IAM after the first three requests (which create the user).
        try (MotoServer strict = MotoServer.start(Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "3"));
             SdkAwsGateway strictGateway = new SdkAwsGateway(java.util.Optional.of(strict.endpoint()))) {
            AccessKey key;
            try (IamClient iam = client(IamClient.builder(), provider(KEYS), "aws-global", strict)) {
                iam.createUser(b -> b.userName("auditor"));
                iam.putUserPolicy(b -> b.userName("auditor").policyName("all-but-sqs").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":["
                                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                                + "{\"Effect\":\"Deny\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}"));
                key = iam.createAccessKey(b -> b.userName("auditor")).accessKey();
            }
            AwsCredentials auditor = new AwsCredentials(key.accessKeyId(), key.secretAccessKey());
            try (SnsClient sns = client(SnsClient.builder(), provider(auditor), REGION, strict)) {
                sns.createTopic(b -> b.name("visible"));
            }
            RecordingProgress progress = new RecordingProgress();
            List<DiscoveredResource> found = strictGateway.discover(AwsTarget.direct(auditor, REGION), REGION,
                    Set.of("SQS", "SNS", "EC2"), progress);
            assertThat(progress.failures).containsOnlyKeys("SQS");
            assertThat(progress.failures.get("SQS")).contains("403");
            assertThat(progress.counts).containsOnlyKeys("SNS", "EC2");
            assertThat(found).extracting(DiscoveredResource::name).contains("visible");

            AwsTarget wrongKeys = AwsTarget.direct(new AwsCredentials("AKIANOTAKEY", "nope"), REGION);
            assertThatThrownBy(() -> strictGateway.callerAccount(wrongKeys))
                    .isInstanceOf(AwsGatewayException.class).hasMessageContaining("GetCallerIdentity");
        }
    }

    @Test
    void costsAreTheUnblendedCostOfThisMonthAndTheMonthBefore() {
        moto.post("/moto-api/static/ce/cost-and-usage-results", """
                {"results": [{"ResultsByTime": [
                  {"TimePeriod": {"Start": "2026-09-01", "End": "2026-10-01"},
                   "Total": {"UnblendedCost": {"Amount": "1234.5678", "Unit": "USD"}}, "Groups": [], "Estimated": false},
                  {"TimePeriod": {"Start": "2026-10-01", "End": "2026-11-01"},
                   "Total": {"UnblendedCost": {"Amount": "99.01", "Unit": "USD"}}, "Groups": [], "Estimated": true}
                ], "DimensionValueAttributes": []}]}
                """);
        Costs costs = gateway.costs(ACCOUNT, YearMonth.of(2026, 10));
        assertThat(costs.current()).isEqualByComparingTo(new BigDecimal("99.01"));
        assertThat(costs.previous()).isEqualByComparingTo(new BigDecimal("1234.5678"));
        assertThat(costs.currency()).isEqualTo("USD");
        assertThat(costs.currentMonth()).isEqualTo(YearMonth.of(2026, 10));
    }

    @Test
    void costsAreZeroWithoutCostData() {
        Costs costs = gateway.costs(ACCOUNT, YearMonth.of(2026, 3));
        assertThat(costs.current()).isZero();
        assertThat(costs.previous()).isZero();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static final class RecordingProgress implements DiscoveryProgress {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();
        final Map<String, String> failures = new ConcurrentHashMap<>();

        @Override
        public void discovered(String serviceType, String region, int count) {
            counts.merge(serviceType, count, Integer::sum);
        }

        @Override
        public void failed(String serviceType, String region, String message) {
            failures.put(serviceType, message);
        }
    }

    private static DiscoveredResource one(Map<String, List<DiscoveredResource>> byType, String type,
                                          java.util.function.Predicate<DiscoveredResource> which) {
        List<DiscoveredResource> matching = byType.getOrDefault(type, List.of()).stream().filter(which).toList();
        assertThat(matching).as(type + " in " + byType.getOrDefault(type, List.of())).hasSize(1);
        return matching.get(0);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static AwsCredentialsProvider provider(AwsCredentials c) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()));
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, AwsCredentialsProvider credentials, String region) {
        return client(builder, credentials, region, moto);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, AwsCredentialsProvider credentials, String region, MotoServer server) {
        return builder.endpointOverride(server.endpoint()).region(Region.of(region)).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A deployable Lambda package: one Python module with a handler. */
    private static byte[] pythonHandlerZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("handler.py"));
            zip.write("def handle(event, context):\n    return {'ok': True}\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
