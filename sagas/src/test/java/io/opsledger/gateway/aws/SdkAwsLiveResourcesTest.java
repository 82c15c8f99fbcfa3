package io.opsledger.gateway.aws;

import io.opsledger.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SdkAwsLiveResources} against a real moto_server, seeded through the AWS SDK. */
class SdkAwsLiveResourcesTest {

    private static final String REGION = "us-east-1";
    private static final AwsTarget TARGET = AwsTarget.direct(new AwsCredentials("testing", "testing-secret"), REGION);
    private static MotoServer moto;
    private static SdkAwsLiveResources live;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        live = new SdkAwsLiveResources(Optional.of(moto.endpoint()));
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void empty() {
        moto.reset();
    }

    private static StaticCredentialsProvider creds() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing-secret"));
    }

    private static Ec2Client ec2() {
        return Ec2Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds()).build();
    }

    private static RdsClient rds() {
        return RdsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds()).build();
    }

    private static S3Client s3() {
        return S3Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(creds()).build();
    }

    static String runInstance(String name, String type) {
        try (Ec2Client ec2 = ec2()) {
            return ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType(type).minCount(1).maxCount(1)
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                            .tags(software.amazon.awssdk.services.ec2.model.Tag.builder().key("Name").value(name).build())
                            .build())).instances().get(0).instanceId();
        }
    }

    @Test
    void instancesInTerraformNames() {
        String id = runInstance("web", "t3.micro");
        Map<String, LiveResource> all = live.list(TARGET, REGION, "aws_instance");
        assertThat(all).containsOnlyKeys(id);
        LiveResource web = all.get(id);
        assertThat(web.status()).isEqualTo("running");
        assertThat(web.tags()).containsEntry("Name", "web");
        assertThat(web.attributes()).containsEntry("instance_type", "t3.micro").containsEntry("ami", "ami-12c6146b")
                .containsKeys("subnet_id", "vpc_security_group_ids", "availability_zone", "monitoring", "root_block_device");
        assertThat(live.get(TARGET, REGION, "aws_instance", id)).get().extracting(LiveResource::id).isEqualTo(id);
        assertThat(live.get(TARGET, REGION, "aws_instance", "i-0123456789abcdef0")).isEmpty();
        assertThat(live.list(TARGET, "eu-west-1", "aws_instance")).isEmpty();

        Map<String, String> tags = live.writeTags(TARGET, REGION, "aws_instance", id, Map.of("Environment", "staging"), List.of("Name"));
        assertThat(tags).containsExactly(Map.entry("Environment", "staging"));
    }

    @Test
    void databasesByIdentifier() {
        try (RdsClient rds = rds()) {
            rds.createDBInstance(b -> b.dbInstanceIdentifier("orders-db").dbInstanceClass("db.t3.micro").engine("postgres")
                    .masterUsername("admin").masterUserPassword("Passw0rd!x").allocatedStorage(20).backupRetentionPeriod(7)
                    .storageEncrypted(true));
        }
        LiveResource db = live.list(TARGET, REGION, "aws_db_instance").get("orders-db");
        assertThat(db).isNotNull();
        assertThat(db.attributes()).containsEntry("instance_class", "db.t3.micro").containsEntry("engine", "postgres")
                .containsEntry("allocated_storage", 20).containsEntry("backup_retention_period", 7)
                .containsEntry("storage_encrypted", true).containsEntry("identifier", "orders-db");
        assertThat(live.get(TARGET, REGION, "aws_db_instance", "nope")).isEmpty();
        assertThat(live.writeTags(TARGET, REGION, "aws_db_instance", "orders-db", Map.of("team", "data"), List.of()))
                .containsEntry("team", "data");
    }

    @Test
    void bucketsWithVersioningEncryptionPolicyAndTags() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::assets/*\"}]}";
        try (S3Client s3 = s3()) {
            s3.createBucket(b -> b.bucket("assets"));
            s3.putBucketVersioning(b -> b.bucket("assets").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            s3.putBucketEncryption(b -> b.bucket("assets").serverSideEncryptionConfiguration(c -> c.rules(r -> r
                    .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
            s3.putBucketPolicy(b -> b.bucket("assets").policy(policy));
            s3.createBucket(b -> b.bucket("eu-bucket").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        }
        Map<String, LiveResource> buckets = live.list(TARGET, REGION, "aws_s3_bucket");
        assertThat(buckets).containsOnlyKeys("assets");
        LiveResource assets = buckets.get("assets");
        assertThat(assets.attributes().get("versioning")).isEqualTo(List.of(Map.of("enabled", true, "mfa_delete", false)));
        assertThat(assets.attributes().get("server_side_encryption_configuration").toString()).contains("AES256");
        assertThat((String) assets.attributes().get("policy")).contains("s3:GetObject");
        assertThat(live.list(TARGET, "eu-west-1", "aws_s3_bucket")).containsOnlyKeys("eu-bucket");
        assertThat(live.get(TARGET, REGION, "aws_s3_bucket", "no-such-bucket")).isEmpty();

        live.writeTags(TARGET, REGION, "aws_s3_bucket", "assets", Map.of("env", "prod", "team", "web"), List.of());
        assertThat(live.writeTags(TARGET, REGION, "aws_s3_bucket", "assets", Map.of("env", "dev"), List.of("team")))
                .containsExactly(Map.entry("env", "dev"));
    }

    @Test
    void securityGroupsVpcsAndUnsupportedTypes() {
        String vpc;
        try (Ec2Client ec2 = ec2()) {
            vpc = ec2.createVpc(b -> b.cidrBlock("10.9.0.0/16")).vpc().vpcId();
            ec2.createSecurityGroup(b -> b.groupName("web").description("web tier").vpcId(vpc));
        }
        assertThat(live.list(TARGET, REGION, "aws_vpc")).containsKey(vpc);
        assertThat(live.list(TARGET, REGION, "aws_security_group").values())
                .anySatisfy(g -> assertThat(g.attributes()).containsEntry("name", "web").containsEntry("vpc_id", vpc));
        assertThatThrownBy(() -> live.list(TARGET, REGION, "aws_lambda_function"))
                .isInstanceOf(AwsGatewayException.class).hasMessageContaining("not supported");
        assertThat(AwsLiveResources.SUPPORTED_TYPES).containsAll(Set.of("aws_instance", "aws_db_instance", "aws_s3_bucket"));
    }
}
