package io.opsledger.drift;

import io.opsledger.common.RuleViolation;
import io.opsledger.drift.api.BackendMessages.*;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.axonframework.test.matchers.Matchers.matches;

class BackendTest {

    private AggregateTestFixture<Backend> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Backend.class);
    }

    private static Matcher<List<EventMessage<?>>> one(Predicate<Object> check) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                List<?> events = (List<?>) actual;
                return events.size() == 1 && check.test(((EventMessage<?>) events.get(0)).getPayload());
            }

            @Override
            public void describeTo(Description description) { description.appendText("one event passing the check"); }
        };
    }

    private static Matcher<Exception> invalid(String field) {
        return matches(e -> e instanceof RuleViolation v && v.kind() == RuleViolation.Kind.INVALID && field.equals(v.field()));
    }

    @Test
    void anS3BackendIsRegisteredWithItsPrefixNormalized() {
        fixture.givenNoPriorActivity()
                .when(new RegisterBackend("b1", " prod ", "s3", BackendConfig.s3("tf-state", "eu-west-1", "/envs/"), null))
                .expectEventsMatching(one(p -> p instanceof BackendRegistered r && r.name().equals("prod")
                        && r.config().equals(BackendConfig.s3("tf-state", "eu-west-1", "envs/")) && r.status().equals("active")));
    }

    @Test
    void aLocalBackendNeedsAnAbsoluteDirectory() {
        fixture.givenNoPriorActivity()
                .when(new RegisterBackend("b1", "laptop", "local", BackendConfig.local("/srv/tf/../tf/state"), "discovered"))
                .expectEventsMatching(one(p -> p instanceof BackendRegistered r && r.config().path().equals("/srv/tf/state")
                        && r.status().equals("discovered")));
        fixture.givenNoPriorActivity().when(new RegisterBackend("b1", "x", "local", BackendConfig.local("rel/dir"), null))
                .expectNoEvents().expectException(invalid("config.path"));
        fixture.givenNoPriorActivity().when(new RegisterBackend("b1", "x", "local", BackendConfig.local(null), null))
                .expectNoEvents().expectException(invalid("config.path"));
    }

    @Test
    void badInputSaysWhichField() {
        fixture.givenNoPriorActivity().when(new RegisterBackend("b1", " ", "s3", BackendConfig.s3("b-1", "us-east-1", ""), null))
                .expectNoEvents().expectException(invalid("name"));
        fixture.givenNoPriorActivity().when(new RegisterBackend("b1", "x", "gcs", BackendConfig.s3("b-1", "us-east-1", ""), null))
                .expectNoEvents().expectException(invalid("type"));
        fixture.givenNoPriorActivity().when(new RegisterBackend("b1", "x", "s3", BackendConfig.s3("Bad_Bucket", "us-east-1", ""), null))
                .expectNoEvents().expectException(invalid("config.bucket"));
        fixture.givenNoPriorActivity().when(new RegisterBackend("b1", "x", "s3", BackendConfig.s3("good-bucket", "mars", ""), null))
                .expectNoEvents().expectException(invalid("config.region"));
        fixture.givenNoPriorActivity().when(new RegisterBackend("b1", "x", "s3", BackendConfig.s3("good-bucket", "us-east-1", "a/../b"), null))
                .expectNoEvents().expectException(invalid("config.key_prefix"));
        fixture.givenNoPriorActivity().when(new RegisterBackend("b1", "x", "s3", null, null))
                .expectNoEvents().expectException(invalid("config"));
        fixture.givenNoPriorActivity().when(new RegisterBackend("b1", "x", "s3", BackendConfig.s3("good-bucket", "us-east-1", ""), "broken"))
                .expectNoEvents().expectException(invalid("status"));
    }

    @Test
    void aConnectionTestSetsTheStatus() {
        BackendRegistered registered = new BackendRegistered("b1", "prod", "s3", BackendConfig.s3("tf", "us-east-1", ""), "active", Instant.EPOCH);
        fixture.given(registered).when(new RecordBackendCheck("b1", false, 120, "Cannot reach s3://tf"))
                .expectEventsMatching(one(p -> p instanceof BackendChecked c && c.status().equals("unreachable") && c.responseTimeMillis() == 120));
        fixture.given(registered).when(new RecordBackendCheck("b1", true, 3, "Connection successful"))
                .expectEventsMatching(one(p -> p instanceof BackendChecked c && c.status().equals("active")));
    }
}
