package io.opsledger.gateway.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opsledger.testing.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The one AWS client factory: what every adapter relies on, some of it against a real moto_server. */
class AwsClientsTest {

    private static final AwsCredentials KEYS = new AwsCredentials("testing", "testing-secret");
    private static MotoServer moto;
    private static AwsClients clients;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        clients = new AwsClients(Optional.of(moto.endpoint()), AwsClients.Timeouts.ACCOUNT_CALLS);
    }

    @AfterAll
    static void stopMoto() {
        if (clients != null) {
            clients.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void anErrorIsDescribedByAwsCodeStatusAndMessageElseByTheSdk() {
        assertThat(AwsClients.describe(serviceError("AccessDenied", "not yours", 403)))
                .isEqualTo("AccessDenied (403): not yours");
        assertThat(AwsClients.describe(serviceError("NoSuchBucket", null, 404))).isEqualTo("NoSuchBucket (404)");
        assertThat(AwsClients.describe(serviceError(null, "odd", 502))).startsWith("HTTP 502: ");
        assertThat(AwsClients.describe(SdkClientException.create("Unable to execute HTTP request")))
                .isEqualTo("Unable to execute HTTP request");
    }

    @Test
    void aBlankConfiguredEndpointMeansAwsItself() {
        assertThat(AwsClients.endpoint(null)).isEmpty();
        assertThat(AwsClients.endpoint("  ")).isEmpty();
        assertThat(AwsClients.endpoint(" http://127.0.0.1:5000 ")).contains(URI.create("http://127.0.0.1:5000"));
        try (AwsClients aws = new AwsClients(Optional.empty(), AwsClients.Timeouts.STATE_FILES)) {
            assertThat(aws.overridesEndpoint()).isFalse();
        }
        assertThat(clients.overridesEndpoint()).isTrue();
    }

    @Test
    void everyClientCarriesTheEndpointRegionAndCallTimeout() {
        try (Ec2Client ec2 = clients.build(Ec2Client.builder(), AwsClients.staticKeys(KEYS), Region.EU_WEST_1)) {
            assertThat(ec2.serviceClientConfiguration().endpointOverride()).contains(moto.endpoint());
            assertThat(ec2.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(ec2.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
                    .contains(Duration.ofMinutes(2));
        }
        try (AwsClients state = new AwsClients(Optional.of(moto.endpoint()), AwsClients.Timeouts.STATE_FILES);
             S3Client s3 = state.s3AnyRegion(AwsClients.hostOrAnonymous(), Region.US_EAST_1, b -> { })) {
            assertThat(s3.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
                    .contains(Duration.ofSeconds(60));
        }
    }

    @Test
    void s3OnAnOverriddenEndpointIsPathStyleWithTheCallersTuning() {
        // virtual-hosted style would ask for the host "paths.127.0.0.1", which does not resolve;
        // without the tuning moto would store the aws-chunked body (signatures and all) as the object
        try (S3Client s3 = clients.s3(AwsClients.staticKeys(KEYS), Region.US_EAST_1);
             S3Client anyRegion = clients.s3AnyRegion(AwsClients.staticKeys(KEYS), Region.US_EAST_1,
                     b -> b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED))) {
            s3.createBucket(b -> b.bucket("paths"));
            anyRegion.putObject(b -> b.bucket("paths").key("k"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("paths").key("k")).asUtf8String()).isEqualTo("v");
        }
    }

    @Test
    void staticKeysKeepTheSessionTokenOfTemporaryCredentials() {
        AwsCredentials temporary = new AwsCredentials("ASIAEXAMPLE", "secret", Optional.of("token"));
        assertThat(AwsClients.staticKeys(temporary).resolveCredentials())
                .isInstanceOfSatisfying(AwsSessionCredentials.class, c -> assertThat(c.sessionToken()).isEqualTo("token"));
        assertThat(AwsClients.staticKeys(KEYS).resolveCredentials().accessKeyId()).isEqualTo("testing");
    }

    @Test
    void aSessionOfAMemberAccountAssumesItsRoleWithTheGivenSessionName() {
        AwsTarget member = AwsTarget.assumingRole(KEYS, "us-east-1",
                AwsTarget.memberRoleArn("210987654321", "OrganizationAccountAccessRole"));
        try (AwsClients.Session session = clients.session(member, "opsledger-test").verify();
             StsClient sts = clients.build(StsClient.builder(), session.credentials(), Region.US_EAST_1)) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.account()).isEqualTo("210987654321");
            assertThat(me.arn()).endsWith(":assumed-role/OrganizationAccountAccessRole/opsledger-test");
        }
        try (AwsClients.Session own = clients.session(AwsTarget.direct(KEYS, "us-east-1"), "unused").verify()) {
            assertThat(own.credentials().resolveCredentials().accessKeyId()).isEqualTo("testing");
        }
    }

    @Test
    void aRoleIsAssumedOnFirstUseOrWhenVerified() {
        AwsTarget member = AwsTarget.assumingRole(KEYS, "us-east-1",
                AwsTarget.memberRoleArn("210987654321", "OrganizationAccountAccessRole"));
        try (AwsClients nowhere = new AwsClients(Optional.of(URI.create("http://127.0.0.1:1")),
                new AwsClients.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5)));
             AwsClients.Session session = nowhere.session(member, "opsledger-test")) {
            assertThatThrownBy(session::verify).isInstanceOf(SdkException.class);
        }
    }

    private static AwsServiceException serviceError(String code, String message, int status) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .statusCode(status)
                .message(message)
                .build();
    }
}
