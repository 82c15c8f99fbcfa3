package io.opsledger.gateway.cloudstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.cloudstack.CloudStackGateway.AsyncJob;
import io.opsledger.gateway.cloudstack.CloudStackGateway.CloudStackLogin;
import io.opsledger.gateway.cloudstack.CloudStackGateway.Deployment;
import io.opsledger.gateway.cloudstack.CloudStackGateway.VirtualMachine;
import io.opsledger.gateway.cloudstack.CloudStackGateway.VmSpec;
import io.opsledger.testing.CloudStackMock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deploying, watching and destroying a PostgreSQL VM through {@link SignedCloudStackGateway}. */
class CloudStackVirtualMachinesTest {

    private static final String ZONE_AMS = "1c8b2b1e-8b1d-4c0a-9d3e-2f1a4b5c6d7e";
    private static final String ZONE_FRA = "5e7f9a0b-1c2d-4e3f-8a9b-0c1d2e3f4a5b";
    private static final String MEDIUM = "7b9d1f3a-5c7e-4a2b-8d0f-2e4c6a8b0d1f";
    private static final String SMALL_DISK = "3d5e7f9a-1b2c-4d3e-8f4a-5b6c7d8e9f0a";
    private static final String DATA_DISK = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    private static final String TEMPLATE = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
    private static final String CLOUD_CONFIG = """
            #cloud-config
            packages: [postgresql-16]
            runcmd:
              - [ sh, -c, "echo 'listen_addresses = ''*''' >> /etc/postgresql/16/main/postgresql.conf" ]
            """;

    private final CloudStackGateway gateway = new SignedCloudStackGateway(Duration.ofSeconds(5));
    private CloudStackMock cloud;
    private CloudStackLogin login;

    @BeforeEach
    void startCloud() {
        cloud = CloudStackMock.start();
        login = new CloudStackLogin(cloud.url(), CloudStackMock.API_KEY, CloudStackMock.SECRET_KEY);
    }

    @AfterEach
    void stopCloud() {
        cloud.close();
    }

    private static VmSpec spec(String name, String diskOfferingId, String userData) {
        return new VmSpec(name, ZONE_AMS, MEDIUM, TEMPLATE, diskOfferingId, userData);
    }

    // --- deployVirtualMachine

    @Test
    void aDeploymentAnswersTheVmAndTheJobOfCloudStacksImmediateAnswer() {
        Deployment deployment = gateway.deployVirtualMachine(login, spec("pg-orders-2", DATA_DISK, CLOUD_CONFIG));

        assertThat(deployment).isEqualTo(new Deployment(CloudStackMock.VM_ID, CloudStackMock.DEPLOY_JOB_ID));
        Map<String, String> sent = sent("deployVirtualMachine").get(0);
        assertThat(sent).containsEntry("zoneid", ZONE_AMS).containsEntry("serviceofferingid", MEDIUM)
                .containsEntry("templateid", TEMPLATE).containsEntry("diskofferingid", DATA_DISK)
                .containsEntry("name", "pg-orders-2").containsEntry("displayname", "pg-orders-2")
                .containsEntry("response", "json").containsEntry("apiKey", CloudStackMock.API_KEY);
    }

    @Test
    void theUserDataIsSentBase64EncodedAndDecodesToTheCloudConfig() {
        gateway.deployVirtualMachine(login, spec("pg-orders-2", null, CLOUD_CONFIG));

        String userData = sent("deployVirtualMachine").get(0).get("userdata");
        assertThat(userData).isNotEqualTo(CLOUD_CONFIG).matches("[A-Za-z0-9+/]+=*");
        assertThat(new String(Base64.getDecoder().decode(userData), StandardCharsets.UTF_8)).isEqualTo(CLOUD_CONFIG);
    }

    @Test
    void withoutDiskOfferingOrUserDataNeitherIsSent() {
        gateway.deployVirtualMachine(login, spec("pg-orders-2", null, null));

        assertThat(sent("deployVirtualMachine").get(0)).doesNotContainKeys("diskofferingid", "userdata")
                .containsEntry("templateid", TEMPLATE);
    }

    @Test
    void theDeploymentIsSignedAsDocumentedAndCarriesNoSecret() {
        gateway.deployVirtualMachine(login, spec("pg orders/2+", DATA_DISK, CLOUD_CONFIG));

        LoggedRequest request = requests("deployVirtualMachine").get(0);
        assertThat(request.getMethod()).isEqualTo(RequestMethod.GET);
        Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sent.putAll(CloudStackMock.parameters(request));
        String signature = sent.remove("signature");
        assertThat(signature).isEqualTo(CloudStackGatewayTest.documentedSignature(sent, CloudStackMock.SECRET_KEY));
        assertThat(sent).containsEntry("name", "pg orders/2+");
        assertThat(request.getUrl()).doesNotContain(CloudStackMock.SECRET_KEY).contains("name=pg%20orders%2F2%2B");
    }

    @Test
    void longUserDataGoesByPostInASignedFormBody() {
        String longConfig = CLOUD_CONFIG + "write_files:\n  - path: /etc/motd\n    content: |\n"
                + "      OpsLedger managed PostgreSQL\n".repeat(120);

        Deployment deployment = gateway.deployVirtualMachine(login, spec("pg-orders-2", null, longConfig));

        assertThat(deployment.jobId()).isEqualTo(CloudStackMock.DEPLOY_JOB_ID);
        LoggedRequest request = requests("deployVirtualMachine").get(0);
        assertThat(request.getMethod()).isEqualTo(RequestMethod.POST);
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getUrl()).doesNotContain("userdata").doesNotContain("signature");
        Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sent.putAll(CloudStackMock.parameters(request));
        String signature = sent.remove("signature");
        assertThat(signature).isEqualTo(CloudStackGatewayTest.documentedSignature(sent, CloudStackMock.SECRET_KEY));
        assertThat(new String(Base64.getDecoder().decode(sent.get("userdata")), StandardCharsets.UTF_8))
                .isEqualTo(longConfig);
        assertThat(request.getBodyAsString()).doesNotContain(CloudStackMock.SECRET_KEY);
    }

    @Test
    void shortRequestsStayGetRequests() {
        gateway.deployVirtualMachine(login, spec("pg-orders-2", null, CLOUD_CONFIG));

        assertThat(requests("listVirtualMachines")).extracting(LoggedRequest::getMethod).containsOnly(RequestMethod.GET);
        assertThat(requests("deployVirtualMachine")).extracting(LoggedRequest::getMethod).containsExactly(RequestMethod.GET);
    }

    @Test
    void anExistingVmOfThatNameIsAnsweredAndNoneIsDeployed() {
        Deployment deployment = gateway.deployVirtualMachine(login, spec(CloudStackMock.VM_NAME, DATA_DISK, CLOUD_CONFIG));

        assertThat(deployment).isEqualTo(new Deployment(CloudStackMock.VM_ID, null));
        assertThat(sent("listVirtualMachines")).anySatisfy(p -> assertThat(p).containsEntry("name", CloudStackMock.VM_NAME));
        assertThat(requests("deployVirtualMachine")).isEmpty();
    }

    @Test
    void aVmWhoseNameOnlyContainsTheNameOrThatIsBeingExpungedIsNotReused() {
        // listVirtualMachines' name may match more than the exact name
        cloud.server().stubFor(CloudStackMock.signed("listVirtualMachines", Map.of("name", "pg-orders-2")).atPriority(0)
                .willReturn(okJson("{\"listvirtualmachinesresponse\": {\"count\": 2, \"virtualmachine\": ["
                        + CloudStackMock.virtualMachineJson("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "pg-orders-20",
                        "Running", "10.1.1.40") + ", "
                        + CloudStackMock.virtualMachineJson("1e2d3c4b-5a69-4877-96a5-b4c3d2e1f00f", "pg-orders-2",
                        "Expunging", null) + "]}}")));

        Deployment deployment = gateway.deployVirtualMachine(login, spec("pg-orders-2", null, null));

        assertThat(deployment).isEqualTo(new Deployment(CloudStackMock.VM_ID, CloudStackMock.DEPLOY_JOB_ID));
        assertThat(requests("deployVirtualMachine")).hasSize(1);
    }

    @Test
    void aMissingTemplateIsSaidBeforeAnythingIsSent() {
        assertThatThrownBy(() -> gateway.deployVirtualMachine(login,
                new VmSpec("pg-orders-2", ZONE_AMS, MEDIUM, " ", null, null)))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("The template id is missing");
        assertThat(cloud.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void aRefusedDeploymentNamesThePlatformTheVmAndCloudStacksReasonButNoSecret() {
        String reason = "Unable to execute API command deployvirtualmachine due to invalid value. Invalid parameter"
                + " templateid value=" + TEMPLATE + " due to incorrect long value format, or entity does not exist"
                + " or due to incorrect parameter annotation for the field in api cmd class.";
        cloud.server().stubFor(CloudStackMock.signed("deployVirtualMachine", Map.of()).atPriority(0)
                .willReturn(CloudStackMock.error("deployVirtualMachine", 431, 4350, reason)));

        assertThatThrownBy(() -> gateway.deployVirtualMachine(login, spec("pg-orders-2", null, CLOUD_CONFIG)))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " refused deployVirtualMachine of pg-orders-2 (431): " + reason)
                .hasMessageNotContaining(CloudStackMock.SECRET_KEY)
                .hasMessageNotContaining(sent("deployVirtualMachine").get(0).get("signature"));
    }

    @Test
    void anInternalErrorOfCloudStackIsReportedWithItsErrortext() {
        cloud.server().stubFor(CloudStackMock.signed("deployVirtualMachine", Map.of()).atPriority(0)
                .willReturn(CloudStackMock.error("deployVirtualMachine", 530, 4250,
                        "Unable to start a VM due to insufficient capacity")));

        assertThatThrownBy(() -> gateway.deployVirtualMachine(login, spec("pg-orders-2", null, null)))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " refused deployVirtualMachine of pg-orders-2 (530):"
                        + " Unable to start a VM due to insufficient capacity");
    }

    @Test
    void aWrongSecretKeyIsRefusedForTheNewCommandsToo() {
        CloudStackLogin wrong = new CloudStackLogin(cloud.url(), CloudStackMock.API_KEY, "not-the-secret-key");

        assertThatThrownBy(() -> gateway.deployVirtualMachine(wrong, spec("pg-orders-2", null, null)))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessageContaining("refused the API key or its signature (401)")
                .hasMessageNotContaining("not-the-secret-key");
        assertThatThrownBy(() -> gateway.asyncJob(wrong, CloudStackMock.DESTROY_JOB_ID))
                .hasMessageContaining(CloudStackMock.BAD_CREDENTIALS);
        assertThatThrownBy(() -> gateway.destroyVirtualMachine(wrong, CloudStackMock.VM_ID))
                .hasMessageContaining(CloudStackMock.BAD_CREDENTIALS);
        assertThat(requests("deployVirtualMachine")).isEmpty();
    }

    @Test
    void aSlowAnswerFailsQuicklyWithTheTimeoutInTheMessage() {
        cloud.server().stubFor(any(urlPathEqualTo("/client/api")).atPriority(0)
                .willReturn(aResponse().withStatus(200).withFixedDelay(4000)
                        .withBody("{\"listvirtualmachinesresponse\": {}}")));
        CloudStackGateway impatient = new SignedCloudStackGateway(Duration.ofMillis(500));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.deployVirtualMachine(login, spec("pg-orders-2", null, null)))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    // --- queryAsyncJobResult

    @Test
    void aSlowJobIsPendingTwiceThenSucceeds() {
        List<AsyncJob> polls = List.of(gateway.asyncJob(login, CloudStackMock.DEPLOY_JOB_ID),
                gateway.asyncJob(login, CloudStackMock.DEPLOY_JOB_ID),
                gateway.asyncJob(login, CloudStackMock.DEPLOY_JOB_ID));

        assertThat(polls).extracting(AsyncJob::status).containsExactly(0, 0, 1);
        assertThat(polls).extracting(AsyncJob::pending).containsExactly(true, true, false);
        assertThat(polls.get(2).succeeded()).isTrue();
        assertThat(polls.get(2)).isEqualTo(new AsyncJob(CloudStackMock.DEPLOY_JOB_ID, 1, null));
        assertThat(sent("queryAsyncJobResult")).allSatisfy(p -> assertThat(p).containsEntry("jobid", CloudStackMock.DEPLOY_JOB_ID));
    }

    @Test
    void aFailedJobCarriesCloudStacksErrortext() {
        AsyncJob job = gateway.asyncJob(login, CloudStackMock.FAILED_JOB_ID);

        assertThat(job).isEqualTo(new AsyncJob(CloudStackMock.FAILED_JOB_ID, 2, CloudStackMock.FAILED_JOB_ERROR));
        assertThat(job.pending()).isFalse();
        assertThat(job.succeeded()).isFalse();
        assertThat(job.failed()).isTrue();
    }

    @Test
    void aFinishedJobHasSucceeded() {
        AsyncJob job = gateway.asyncJob(login, CloudStackMock.DESTROY_JOB_ID);

        assertThat(job.succeeded()).isTrue();
        assertThat(job.pending()).isFalse();
        assertThat(job.errorText()).isNull();
    }

    @Test
    void aJobAnswerWithoutJobstatusIsNotTakenForPending() {
        cloud.server().stubFor(CloudStackMock.signed("queryAsyncJobResult", Map.of()).atPriority(0)
                .willReturn(okJson("{\"queryasyncjobresultresponse\": {\"jobid\": \"x\"}}")));

        assertThatThrownBy(() -> gateway.asyncJob(login, "x"))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " answered queryAsyncJobResult of job x without a"
                        + " jobstatus of 0, 1 or 2");
    }

    // --- listVirtualMachines

    @Test
    void aVirtualMachineIsFoundWithItsStateAndAddress() {
        assertThat(gateway.virtualMachine(login, CloudStackMock.VM_ID)).contains(
                new VirtualMachine(CloudStackMock.VM_ID, CloudStackMock.VM_NAME, "Running", CloudStackMock.VM_ADDRESS));
        assertThat(sent("listVirtualMachines").get(0)).containsEntry("id", CloudStackMock.VM_ID);
    }

    @Test
    void aStartingVirtualMachineWithoutNicHasNoAddressYet() {
        cloud.existingVirtualMachine("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", "pg-orders-3", "Starting", null);

        assertThat(gateway.virtualMachine(login, "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d")).contains(
                new VirtualMachine("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", "pg-orders-3", "Starting", null));
    }

    @Test
    void anAbsentVirtualMachineIsEmpty() {
        assertThat(gateway.virtualMachine(login, "00000000-0000-4000-8000-000000000000")).isEmpty();
    }

    @Test
    void aVirtualMachineIdCloudStackNoLongerKnowsIsEmptyButOtherRefusalsFail() {
        String unknown = "00000000-0000-4000-8000-000000000000";
        cloud.server().stubFor(CloudStackMock.signed("listVirtualMachines", Map.of("id", unknown)).atPriority(0)
                .willReturn(CloudStackMock.error("listVirtualMachines", 431, 4350, "Unable to execute API command"
                        + " listvirtualmachines due to invalid value. Invalid parameter id value=" + unknown
                        + " due to incorrect long value format, or entity does not exist or due to incorrect"
                        + " parameter annotation for the field in api cmd class.")));
        cloud.server().stubFor(CloudStackMock.signed("listVirtualMachines", Map.of("id", "not-mine")).atPriority(0)
                .willReturn(CloudStackMock.error("listVirtualMachines", 432, 4365,
                        "Acct[opsledger] does not have permission to operate with resource")));

        assertThat(gateway.virtualMachine(login, unknown)).isEmpty();
        assertThatThrownBy(() -> gateway.virtualMachine(login, "not-mine"))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " refused listVirtualMachines (432):"
                        + " Acct[opsledger] does not have permission to operate with resource");
    }

    // --- destroyVirtualMachine

    @Test
    void destroyingAnExistingVmExpungesItAndAnswersTheJob() {
        assertThat(gateway.destroyVirtualMachine(login, CloudStackMock.VM_ID)).isEqualTo(CloudStackMock.DESTROY_JOB_ID);

        assertThat(sent("destroyVirtualMachine")).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("id", CloudStackMock.VM_ID).containsEntry("expunge", "true"));
    }

    @Test
    void destroyingAVmThatIsNotListedAnswersNullAndSendsNoDestroy() {
        assertThat(gateway.destroyVirtualMachine(login, "00000000-0000-4000-8000-000000000000")).isNull();

        assertThat(requests("destroyVirtualMachine")).isEmpty();
    }

    @Test
    void destroyingAVmCloudStackCannotFindAnswersNull() {
        // still listed while being expunged, but UserVmManager no longer finds it
        cloud.existingVirtualMachine("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", "pg-old", "Expunging", null);

        assertThat(gateway.destroyVirtualMachine(login, "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b")).isNull();
        assertThat(requests("destroyVirtualMachine")).hasSize(1);
    }

    @Test
    void aFailingDestroyNamesTheVmAndCloudStacksReason() {
        cloud.server().stubFor(CloudStackMock.signed("destroyVirtualMachine", Map.of()).atPriority(0)
                .willReturn(CloudStackMock.error("destroyVirtualMachine", 530, 4250,
                        "Failed to destroy vm with specified vmId")));

        assertThatThrownBy(() -> gateway.destroyVirtualMachine(login, CloudStackMock.VM_ID))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " refused destroyVirtualMachine of VM "
                        + CloudStackMock.VM_ID + " (530): Failed to destroy vm with specified vmId")
                .hasMessageNotContaining(CloudStackMock.SECRET_KEY);
    }

    // --- zones and offerings

    @Test
    void aZoneIsFoundByNameAmongTheAvailableOnes() {
        assertThat(gateway.zoneId(login, "zone-fra")).isEqualTo(ZONE_FRA);
        assertThat(sent("listZones")).singleElement().satisfies(p -> assertThat(p).containsEntry("available", "true"));
    }

    @Test
    void withoutAZoneNameTheFirstZoneIsTaken() {
        assertThat(gateway.zoneId(login, null)).isEqualTo(ZONE_AMS);
        assertThat(gateway.zoneId(login, "  ")).isEqualTo(ZONE_AMS);
    }

    @Test
    void anUnknownZoneIsNamedInTheFailure() {
        assertThatThrownBy(() -> gateway.zoneId(login, "zone-par"))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " has no zone named or with id 'zone-par'"
                        + " (it has: zone-ams, zone-fra)");
    }

    @Test
    void aServiceOfferingIsFoundByNameOrById() {
        assertThat(gateway.serviceOfferingId(login, "Medium Instance")).isEqualTo(MEDIUM);
        assertThat(gateway.serviceOfferingId(login, MEDIUM)).isEqualTo(MEDIUM);
        assertThat(gateway.serviceOfferingId(login, "small instance")).isEqualTo("0a5e8c1f-3b7d-4c2a-9e6f-1d2c3b4a5f6e");
    }

    @Test
    void anUnknownServiceOfferingIsNamedInTheFailure() {
        assertThatThrownBy(() -> gateway.serviceOfferingId(login, "Huge Instance"))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " has no service offering named or with id"
                        + " 'Huge Instance' (it has: Small Instance, Medium Instance)");
    }

    @Test
    void aDiskOfferingIsFoundByNameOrById() {
        assertThat(gateway.diskOfferingId(login, "Data 50 GB")).isEqualTo(DATA_DISK);
        assertThat(gateway.diskOfferingId(login, SMALL_DISK)).isEqualTo(SMALL_DISK);
        assertThat(sent("listDiskOfferings")).hasSize(2);
    }

    @Test
    void anUnknownDiskOfferingIsNamedInTheFailure() {
        assertThatThrownBy(() -> gateway.diskOfferingId(login, "Data 1 TB"))
                .isInstanceOf(PlatformCallFailed.class)
                .hasMessage("CloudStack at " + cloud.url() + " has no disk offering named or with id 'Data 1 TB'"
                        + " (it has: Small, Data 50 GB)");
    }

    @Test
    void aSpecNeverPrintsItsUserData() {
        assertThat(spec("pg-orders-2", null, "#cloud-config\npassword: s3cret").toString()).doesNotContain("s3cret");
    }

    /** The requests the cloud received for that command, in order. */
    private List<LoggedRequest> requests(String command) {
        return cloud.server().findAll(anyRequestedFor(urlPathEqualTo("/client/api"))).stream()
                .filter(request -> command.equals(CloudStackMock.parameters(request).get("command")))
                .toList();
    }

    /** Their parameters, from query or form body. */
    private List<Map<String, String>> sent(String command) {
        return requests(command).stream().map(CloudStackMock::parameters).toList();
    }
}
