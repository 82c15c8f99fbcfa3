package io.opsledger.drift.detect;

import io.opsledger.drift.api.DriftDetectionMessages.*;
import io.opsledger.drift.api.ResourceMessages;
import io.opsledger.gateway.aws.AwsCredentials;
import io.opsledger.gateway.aws.AwsGatewayException;
import io.opsledger.gateway.aws.AwsLiveResources;
import io.opsledger.gateway.aws.AwsTarget;
import io.opsledger.gateway.aws.LiveResource;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of a drift detection run, with AWS and the state read models played by the test; the saga hands the run over and ends. */
class DriftDetectionSagaTest {

    private static final String REGION = "us-east-1";
    private static final AwsTarget TARGET = AwsTarget.direct(new AwsCredentials("k", "s"), REGION);
    private final ScriptedLive aws = new ScriptedLive();
    private final List<TrackedResource> states = new ArrayList<>();
    private Optional<AwsTarget> target = Optional.of(TARGET);
    private SagaTestFixture<DriftDetectionSaga> fixture;
    private List<Object> sent;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(DriftDetectionSaga.class);
        DriftInventory inventory = stateId -> states.stream().filter(r -> stateId == null || stateId.equals(r.stateId())).toList();
        // the run is a persistent task in the application; here it runs at once with the fixture's command gateway
        CommandGateway commands = DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build();
        DriftDetector detector = new DriftDetector(commands, aws, inventory, () -> target);
        fixture.registerResource((DriftRuns) detector::run);
    }

    private static TrackedResource instance(String state, String name, String id, String type) {
        return new TrackedResource(state, "b1", "aws_instance." + name, "managed", "aws_instance", name, "aws", id,
                Map.of("id", id, "instance_type", type, "availability_zone", "us-east-1a", "tags", Map.of("Name", name)));
    }

    private static LiveResource live(String id, String type, Map<String, String> tags) {
        return new LiveResource("aws_instance", id, REGION, "running",
                Map.of("id", id, "instance_type", type, "tags", tags), tags);
    }

    private void run(RequestDriftDetection request) {
        fixture.givenNoPriorActivity()
                .whenAggregate(request.jobId()).publishes(new DriftDetectionRequested(request.jobId(), request.stateId(),
                        request.resourceId(), request.deepScan(), request.includeDeleted(), request.requestedBy(), Instant.now()))
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(new BaseMatcher<List<? super CommandMessage<?>>>() {
                    @Override
                    public boolean matches(Object item) {
                        sent = new ArrayList<>();
                        for (Object m : (List<?>) item) {
                            sent.add(((CommandMessage<?>) m).getPayload());
                        }
                        return true;
                    }

                    @Override
                    public void describeTo(Description description) { description.appendText("any commands"); }
                });
    }

    private List<ResourceDriftResult> results() {
        return sent.stream().filter(RecordDriftResults.class::isInstance)
                .flatMap(c -> ((RecordDriftResults) c).results().stream()).toList();
    }

    private <T> T last(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void findsAttributeDriftMissingAndUnmanagedResources() {
        states.add(instance("s1", "web", "i-1", "t3.micro"));
        states.add(instance("s1", "api", "i-2", "t3.micro"));
        states.add(instance("s1", "gone", "i-3", "t3.micro"));
        states.add(new TrackedResource("s1", "b1", "aws_iam_role.r", "managed", "aws_iam_role", "r", "aws", "r", Map.of()));
        states.add(new TrackedResource("s1", "b1", "data.aws_ami.u", "data", "aws_ami", "u", "aws", "ami-1", Map.of()));
        states.add(instance("s2", "other", "i-5", "t3.micro"));
        aws.lists.put("aws_instance/" + REGION, Map.of(
                "i-1", live("i-1", "t3.small", Map.of("Name", "web")),
                "i-2", live("i-2", "t3.micro", Map.of("Name", "api")),
                "i-4", live("i-4", "t3.nano", Map.of("Name", "stray")),
                "i-5", live("i-5", "t3.micro", Map.of("Name", "other"))));

        run(new RequestDriftDetection("j1", "s1", null, true, true, "alice"));

        assertThat(sent.get(0)).isEqualTo(new StartDriftDetection("j1", 3));
        Map<String, ResourceDriftResult> byAddress = new HashMap<>();
        results().forEach(r -> byAddress.put(r.address() == null ? r.cloudId() : r.address(), r));
        assertThat(byAddress).containsOnlyKeys("aws_instance.web", "aws_instance.api", "aws_instance.gone", "i-4");

        ResourceDriftResult web = byAddress.get("aws_instance.web");
        assertThat(web.driftStatus()).isEqualTo("active");
        assertThat(web.resourceId()).isEqualTo(ResourceMessages.resourceId("s1", "aws_instance.web"));
        assertThat(web.drifts()).containsExactly(new AttributeDrift("instance_type", "t3.micro", "t3.small", "medium"));
        assertThat(web.liveStatus()).isEqualTo("running");
        assertThat(byAddress.get("aws_instance.api").driftStatus()).isEqualTo("resolved");
        ResourceDriftResult gone = byAddress.get("aws_instance.gone");
        assertThat(gone.presence()).isEqualTo("missing");
        assertThat(gone.drifts()).singleElement().extracting(AttributeDrift::severity).isEqualTo("critical");
        ResourceDriftResult stray = byAddress.get("i-4");
        assertThat(stray.presence()).isEqualTo("unmanaged");
        assertThat(stray.name()).isEqualTo("stray");
        assertThat(stray.resourceId()).isEqualTo(ResourceMessages.unmanagedId("aws_instance", REGION, "i-4"));

        CompleteDriftDetection done = last(CompleteDriftDetection.class);
        assertThat(done.resourcesChecked()).isEqualTo(3);
        assertThat(done.resourcesWithDrift()).isEqualTo(3);
        assertThat(done.missing()).isEqualTo(1);
        assertThat(done.unmanaged()).isEqualTo(1);
        assertThat(done.bySeverity()).containsEntry("critical", 1).containsEntry("medium", 2);
        assertThat(done.logLines()).anyMatch(l -> l.contains("1 resource(s) of types drift detection does not read"));
        assertThat(last(RecordDriftResults.class).resourcesChecked()).isEqualTo(3);
    }

    @Test
    void oneResourceIsLookedUpAloneWithoutAnUnmanagedScan() {
        states.add(instance("s1", "web", "i-1", "t3.micro"));
        states.add(instance("s1", "api", "i-2", "t3.micro"));
        aws.singles.put("i-1", live("i-1", "t3.micro", Map.of("Name", "web", "driftmgr:suppress", "true")));
        String resourceId = ResourceMessages.resourceId("s1", "aws_instance.web");

        run(new RequestDriftDetection("j2", null, resourceId, true, true, "alice"));

        assertThat(aws.listCalls).isEmpty();
        assertThat(results()).singleElement().satisfies(r -> {
            assertThat(r.resourceId()).isEqualTo(resourceId);
            // the live suppress tag is itself a difference from the state: drift, suppressed
            assertThat(r.driftStatus()).isEqualTo("suppressed");
        });
        assertThat(last(CompleteDriftDetection.class).resourcesChecked()).isEqualTo(1);
    }

    @Test
    void suppressedAndIgnoredStatuses() {
        states.add(new TrackedResource("s1", "b1", "aws_instance.web", "managed", "aws_instance", "web", "aws", "i-1",
                Map.of("id", "i-1", "instance_type", "t3.micro", "tags", Map.of("driftmgr:suppress", "true"))));
        states.add(new TrackedResource("s1", "b1", "aws_instance.api", "managed", "aws_instance", "api", "aws", "i-2",
                Map.of("id", "i-2", "instance_type", "t3.micro", "arn", "arn:aws:ec2:us-east-1:1:instance/i-2")));
        aws.lists.put("aws_instance/" + REGION, Map.of(
                "i-1", live("i-1", "t3.large", Map.of("driftmgr:suppress", "true")),
                "i-2", new LiveResource("aws_instance", "i-2", REGION, "running",
                        Map.of("id", "i-2", "instance_type", "t3.micro", "arn", "arn:aws:ec2:us-east-1:2:instance/i-2"), Map.of())));

        run(new RequestDriftDetection("j3", "s1", null, false, true, "alice"));

        Map<String, String> statuses = new HashMap<>();
        results().forEach(r -> statuses.put(r.address(), r.driftStatus()));
        assertThat(statuses).containsEntry("aws_instance.web", "suppressed").containsEntry("aws_instance.api", "ignored");
        assertThat(last(CompleteDriftDetection.class).resourcesWithDrift()).isZero();
    }

    @Test
    void withoutCredentialsOrWhenAwsRefusesEverythingTheJobFails() {
        states.add(instance("s1", "web", "i-1", "t3.micro"));
        target = Optional.empty();
        run(new RequestDriftDetection("j4", null, null, true, true, "alice"));
        assertThat(sent).singleElement().isInstanceOf(FailDriftDetection.class);

        target = Optional.of(TARGET);
        aws.failure = new AwsGatewayException("UnauthorizedOperation: no", null);
        run(new RequestDriftDetection("j5", null, null, true, true, "alice"));
        assertThat(sent.get(0)).isInstanceOf(StartDriftDetection.class);
        assertThat(last(FailDriftDetection.class).errorMessage()).contains("UnauthorizedOperation");
    }

    @Test
    void anUnknownResourceFailsTheJob() {
        run(new RequestDriftDetection("j6", null, "nope", true, true, "alice"));
        assertThat(sent).singleElement().isInstanceOf(FailDriftDetection.class);
    }

    @Test
    void manyResourcesAreRecordedInBatches() {
        Map<String, LiveResource> live = new HashMap<>();
        for (int i = 0; i < 1200; i++) {
            states.add(instance("s1", "n" + i, "i-" + i, "t3.micro"));
            live.put("i-" + i, live("i-" + i, "t3.micro", Map.of("Name", "n" + i)));
        }
        aws.lists.put("aws_instance/" + REGION, live);
        run(new RequestDriftDetection("j7", "s1", null, true, true, "alice"));
        List<RecordDriftResults> batches = sent.stream().filter(RecordDriftResults.class::isInstance)
                .map(RecordDriftResults.class::cast).toList();
        assertThat(batches).extracting(b -> b.results().size()).containsExactly(500, 500, 200);
        assertThat(batches).extracting(RecordDriftResults::resourcesChecked).containsExactly(500, 1000, 1200);
    }

    static final class ScriptedLive implements AwsLiveResources {
        final Map<String, Map<String, LiveResource>> lists = new HashMap<>();
        final Map<String, LiveResource> singles = new HashMap<>();
        final List<String> listCalls = new CopyOnWriteArrayList<>();
        AwsGatewayException failure;

        @Override
        public Map<String, LiveResource> list(AwsTarget target, String region, String type) {
            listCalls.add(type + "/" + region);
            if (failure != null) {
                throw failure;
            }
            return lists.getOrDefault(type + "/" + region, Map.of());
        }

        @Override
        public Optional<LiveResource> get(AwsTarget target, String region, String type, String id) {
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable(singles.get(id));
        }

        @Override
        public Map<String, String> writeTags(AwsTarget target, String region, String type, String id, Map<String, String> set,
                                             Collection<String> remove) {
            throw new UnsupportedOperationException();
        }
    }
}
